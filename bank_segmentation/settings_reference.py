"""The settings reference (docs/settings.md), written from the one place the settings are
declared: the `settings` block of dbt_project.yml's vars, each key with its default and the
comment above it, and where the project reads it (the models, macros, tests and Python
modules that name it). A test checks that the committed page is current.

    python -m bank_segmentation.settings_reference > docs/settings.md
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PROJECT_DIR = Path(__file__).resolve().parents[1]
PROJECT_FILE = PROJECT_DIR / "dbt_project.yml"
READERS = ("models", "macros", "tests", "bank_segmentation")  # where a setting may be read
READER_SUFFIXES = (".sql", ".py", ".yml")
SETTING = re.compile(r"^    ([a-z_]+):")
COMMENT = re.compile(r"^    # ?(.*)$")
SECTION = re.compile(r"^-- (.*)$")


@dataclass
class Section:
    title: str
    settings: list[tuple[str, str]] = field(default_factory=list)  # (name, what)


def settings_block(project_text: str) -> list[str]:
    """The lines of dbt_project.yml's `settings: &settings` block."""
    lines = project_text.splitlines()
    start = lines.index("  settings: &settings") + 1
    end = lines.index("  <<: *settings")
    return lines[start:end]


def sections(block: list[str]) -> list[Section]:
    """The settings in their sections, each with the comment lines above it (a setting right
    after another shares its comment)."""
    found = [Section("")]
    comment: list[str] = []
    for line in block:
        if match := COMMENT.match(line):
            if title := SECTION.match(match.group(1)):
                found.append(Section(title.group(1)))
                comment = []
            else:
                comment.append(match.group(1))
        elif match := SETTING.match(line):
            what = " ".join(comment) or f"As `{found[-1].settings[-1][0]}` above."
            found[-1].settings.append((match.group(1), what))
            comment = []
    return [section for section in found if section.settings]


def default_text(value: object) -> str:
    if value is None:
        return "(none)"
    if value == "" or value == {}:
        return "(empty)"
    text = yaml.safe_dump(value, default_flow_style=True, width=1000).strip()
    return f"`{text.removesuffix('...').strip()}`"


def readers(names: list[str], project_dir: Path = PROJECT_DIR) -> dict[str, list[str]]:
    """Per setting, the models, macros, tests and modules whose code names it in quotes
    (var('name'), raw_setting(table, 'name'), config.get("name")) or as a YAML value (a test's
    argument), by file name."""
    found: dict[str, set[str]] = {name: set() for name in names}
    quoted = {name: re.compile(rf"""['"]{name}['"]|:\s*{name}\b""") for name in names}
    for folder in READERS:
        for path in sorted((project_dir / folder).rglob("*")):
            if path.suffix not in READER_SUFFIXES or path.name == "settings_reference.py":
                continue
            text = path.read_text()
            for name, pattern in quoted.items():
                if pattern.search(text):
                    found[name].add(path.stem)
    return {name: sorted(stems) for name, stems in found.items()}


def read_in_text(stems: list[str]) -> str:
    return ", ".join(f"`{stem}`" for stem in stems) if stems else "(the settings check only)"


def markdown(project_text: str) -> str:
    defaults = yaml.safe_load(project_text)["vars"]["settings"]
    lines = [
        "# Settings",
        "",
        "Every setting of the project, with its default. Each is a dbt var: set it in a",
        "delivery file (`deliveries/<name>.yml`, see `deliveries/example_bank.yml`) or with",
        "`--vars`. A name the project does not know stops the build at its start, naming the",
        "closest known one. Written from `dbt_project.yml`, where each is declared once:",
        '`python -m bank_segmentation.settings_reference > docs/settings.md`. "Read in"',
        "names the models, macros, tests and Python modules that read each one.",
    ]
    found = sections(settings_block(project_text))
    read_in = readers([name for section in found for name, _ in section.settings])
    for section in found:
        lines += ["", f"## {section.title[0].upper()}{section.title[1:]}", ""]
        lines += ["| setting | default | what | read in |", "|---|---|---|---|"]
        for name, what in section.settings:
            escaped = what.replace("|", "\\|").replace("<", "&lt;")
            lines.append(
                f"| `{name}` | {default_text(defaults[name])} | {escaped} "
                f"| {read_in_text(read_in[name])} |"
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    print(markdown(PROJECT_FILE.read_text()), end="")


if __name__ == "__main__":
    main()
