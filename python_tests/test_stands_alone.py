"""The repository stands alone: no tracked file reads or links a path above its root."""

import re
import subprocess
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
# a relative path that climbs one or more folders, then names one
CLIMBING_PATH = re.compile(r"(?:\.\./)+[A-Za-z_][\w.-]*")


def leaves_the_repository(path: str, base: Path) -> bool:
    return not (base / path).resolve().is_relative_to(PROJECT)


def test_no_tracked_file_names_a_path_above_the_repository() -> None:
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=PROJECT, capture_output=True, text=True, check=True
    ).stdout.split()
    outside = []
    for name in tracked:
        file = PROJECT / name
        if not file.is_file() or name.startswith("data/"):  # data: the Berka sample's rows
            continue
        for path in CLIMBING_PATH.findall(file.read_text(errors="ignore")):
            # Markdown links are relative to the file; commands and configs run from the root.
            bases = [file.parent] if file.suffix == ".md" else [file.parent, PROJECT]
            if any(leaves_the_repository(path, base) for base in bases):
                outside.append(f"{name}: {path}")
    assert outside == []


def test_a_path_above_the_repository_is_caught() -> None:
    up = ".." + "/"  # not written as one literal, or this file would name such a path
    assert CLIMBING_PATH.findall(f"see {up}sibling/data") == [f"{up}sibling"]
    assert leaves_the_repository(f"{up}sibling/data", PROJECT)
    assert leaves_the_repository(f"{up}{up}x", PROJECT / "docs")
    assert not leaves_the_repository(f"{up}README.md", PROJECT / "docs")


def test_the_berka_sample_is_in_the_repository() -> None:
    for name in ("client", "account", "disp", "trans", "loan", "card", "district"):
        assert (PROJECT / "data" / "berka" / f"{name}.asc").is_file()
