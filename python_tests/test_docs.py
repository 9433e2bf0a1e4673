"""The docs a person looks things up in say what the code does: the settings reference is
written from dbt_project.yml, the contract page's code lists and columns are the macros', the
delivery files name known settings only, and every relative link resolves."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from bank_segmentation.settings_reference import PROJECT_FILE, markdown

PROJECT = PROJECT_FILE.parent
CONTRACT_PAGE = PROJECT / "docs" / "raw_contract.md"
MACROS = PROJECT / "macros" / "raw_contract"
SEGMENT_MACROS = PROJECT / "macros" / "segmentation"
SEGMENT_MARTS = PROJECT / "models" / "marts" / "segments"


def jinja_literal(path: Path, macro: str, opening: str) -> object:
    """The Python-compatible literal that follows opening in a macro of a macro file."""
    text = path.read_text()
    within = text.index(f"{{% macro {macro}(")
    start = text.index(opening, within) + len(opening)
    depth = 0
    for end, character in enumerate(text[start:], start):
        depth += {"{": 1, "[": 1, "}": -1, "]": -1}.get(character, 0)
        if depth == 0:
            return ast.literal_eval(text[start : end + 1])
    raise ValueError(f"no literal after {opening!r} in {path}")


def page_table(page: Path, header: str) -> list[list[str]]:
    """The rows of the Markdown table whose header row starts with header, cell by cell."""
    lines = page.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header)) + 2
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def names(cell: str) -> list[str]:
    return [name.strip(" `") for name in cell.split(",") if name.strip(" `")]


def test_the_settings_reference_is_written_from_dbt_project_yml():
    written = (PROJECT / "docs" / "settings.md").read_text()
    assert written == markdown(PROJECT_FILE.read_text()), (
        "docs/settings.md is stale: python -m bank_segmentation.settings_reference "
        "> docs/settings.md"
    )


def test_the_age_bands_are_those_of_macro_age_bands():
    bands = [
        band["band"]
        for band in jinja_literal(SEGMENT_MACROS / "age_bands.sql", "age_bands", "return(")
    ]
    segments = yaml.safe_load((SEGMENT_MARTS / "_customer_segments__model.yml").read_text())
    (age_band,) = [c for c in segments["models"][0]["columns"] if c["name"] == "age_band"]
    accepted = age_band["data_tests"][0]["accepted_values"]["arguments"]["values"]
    assert accepted == [*bands, "unknown"], "_customer_segments__model.yml: age_band's values"
    summary = yaml.safe_load((SEGMENT_MARTS / "_segment_summary__model.yml").read_text())
    shares = [c["name"] for c in summary["models"][0]["columns"] if c["name"].startswith("age_")]
    expected = [
        f"age_{b.replace('-', '_').replace('+', '_plus')}_share" for b in [*bands, "unknown"]
    ]
    assert shares == expected, "_segment_summary__model.yml: one age_<band>_share per band"


def test_the_contract_page_lists_the_code_lists_of_macro_contract_codes():
    codes = jinja_literal(MACROS / "core_banking_codes.sql", "contract_codes", "set codes = ")
    coded = jinja_literal(MACROS / "core_banking_codes.sql", "coded_columns", "return(")
    listed = {row[0]: row for row in page_table(CONTRACT_PAGE, "| code list |")}
    assert set(listed) == set(codes)
    for code_list, accepted in codes.items():
        assert names(listed[code_list][2]) == accepted, code_list
        columns = [
            f"{t}.{c}" for t, cs in coded.items() for c, lst in cs.items() if lst == code_list
        ]
        assert names(listed[code_list][1]) == columns, code_list


def test_the_contract_page_lists_the_columns_of_the_contract_macro():
    contract_text = (MACROS / "raw_input_contract.sql").read_text()
    tables = re.findall(r"'(\w+)': \{('[^}]*)\}", contract_text.split("optional_raw_columns")[0])
    optional = jinja_literal(MACROS / "raw_input_contract.sql", "optional_raw_columns", "return(")
    listed = {row[0]: row for row in page_table(CONTRACT_PAGE, "| table |")}
    assert list(listed) == [table for table, _ in tables]
    for table, columns_text in tables:
        columns = re.findall(r"'(\w+)': \w+", columns_text)
        maybe_empty = optional.get(table, [])
        assert names(listed[table][1]) == [c for c in columns if c not in maybe_empty], table
        assert names(listed[table][2]) == maybe_empty, table


def test_the_delivery_files_name_known_settings_only():
    known = yaml.safe_load(PROJECT_FILE.read_text())["vars"]["settings"]
    for delivery in (PROJECT / "deliveries").glob("*.yml"):
        assert set(yaml.safe_load(delivery.read_text())) <= set(known), delivery.name


def test_every_relative_link_of_the_docs_resolves():
    broken = []
    for page in [PROJECT / "README.md", PROJECT / "CONTRIBUTING.md", *PROJECT.glob("docs/*.md")]:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text()):
            if "://" not in target and not (page.parent / target).exists():
                broken.append(f"{page.name}: {target}")
    assert broken == []
