"""The settings reference (docs/settings.md), written from the one place the settings are
declared: the `settings` block of dbt_project.yml's vars, each key with its default and the
comment above it. A test checks that the committed page is current.

    python -m bank_segmentation.settings_reference > docs/settings.md
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PROJECT_FILE = Path(__file__).resolve().parents[1] / "dbt_project.yml"
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


def markdown(project_text: str) -> str:
    defaults = yaml.safe_load(project_text)["vars"]["settings"]
    lines = [
        "# Settings",
        "",
        "Every setting of the project, with its default. Each is a dbt var: set it in a",
        "delivery file (`deliveries/<name>.yml`, see `deliveries/example_bank.yml`) or with",
        "`--vars`. A name the project does not know stops the build at its start, naming the",
        "closest known one. Written from `dbt_project.yml`, where each is declared once:",
        "`python -m bank_segmentation.settings_reference > docs/settings.md`.",
    ]
    for section in sections(settings_block(project_text)):
        lines += ["", f"## {section.title[0].upper()}{section.title[1:]}", ""]
        lines += ["| setting | default | what |", "|---|---|---|"]
        for name, what in section.settings:
            escaped = what.replace("|", "\\|").replace("<", "&lt;")
            lines.append(f"| `{name}` | {default_text(defaults[name])} | {escaped} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    print(markdown(PROJECT_FILE.read_text()), end="")


if __name__ == "__main__":
    main()
