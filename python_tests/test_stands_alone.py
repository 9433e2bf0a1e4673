"""The repository stands alone: no tracked file reads or links a folder beside it."""

import subprocess
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def test_no_tracked_file_names_the_folder_beside_the_repository() -> None:
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=PROJECT, capture_output=True, text=True, check=True
    ).stdout.split()
    naming = [
        name
        for name in tracked
        if name != "python_tests/test_stands_alone.py"
        and (PROJECT / name).is_file()
        and "../shared" in (PROJECT / name).read_text(errors="ignore")
    ]
    assert naming == []


def test_the_berka_sample_is_in_the_repository() -> None:
    for name in ("client", "account", "disp", "trans", "loan", "card", "district"):
        assert (PROJECT / "data" / "berka" / f"{name}.asc").is_file()
