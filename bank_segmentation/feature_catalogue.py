"""The feature catalogue (seed feature_catalogue): every customer feature declared once, with
its family, type, label, unit, description, whether the segment marts profile it, whether
the segmentation clusters on it by default, and how a descriptive segment name words it.

SQL reads the seed (macro feature_catalogue); Python reads the same file here. The feature
column docs (models/_feature_docs.md) are written from it:

    python -m bank_segmentation.feature_catalogue          # rewrite the doc blocks
    python -m bank_segmentation.feature_catalogue --check  # fail when they are stale
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

PROJECT_DIR = Path(__file__).resolve().parents[1]
CATALOGUE_PATH = PROJECT_DIR / "seeds" / "feature_catalogue.csv"
FEATURE_DOCS_PATH = PROJECT_DIR / "models" / "_feature_docs.md"
FAMILIES = ("profile", "rfm", "activity", "balances", "credit", "products")
DATA_TYPES = ("integer", "double")


@dataclass(frozen=True)
class Feature:
    name: str
    family: str
    data_type: str
    label: str
    unit: str
    is_profiled: bool
    is_clustered_by_default: bool
    name_words: str
    description: str


def _flag(value: object) -> bool:
    return str(value).strip().lower() == "true"


def catalogue_from_frame(frame: pd.DataFrame) -> tuple[Feature, ...]:
    """The catalogue's rows, in its order."""
    return tuple(
        Feature(
            name=str(row["feature"]),
            family=str(row["family"]),
            data_type=str(row["data_type"]),
            label=str(row["label"]),
            unit="" if pd.isna(row["unit"]) else str(row["unit"]),
            is_profiled=_flag(row["is_profiled"]),
            is_clustered_by_default=_flag(row["is_clustered_by_default"]),
            name_words=str(row["name_words"]),
            description=str(row["description"]),
        )
        for row in frame.to_dict("records")
    )


def read_catalogue_frame(path: Path = CATALOGUE_PATH) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def read_catalogue(path: Path = CATALOGUE_PATH) -> tuple[Feature, ...]:
    return catalogue_from_frame(read_catalogue_frame(path))


def clustered_by_default(catalogue: tuple[Feature, ...]) -> tuple[str, ...]:
    return tuple(feature.name for feature in catalogue if feature.is_clustered_by_default)


def profiled(catalogue: tuple[Feature, ...]) -> tuple[str, ...]:
    return tuple(feature.name for feature in catalogue if feature.is_profiled)


def feature_docs(catalogue: tuple[Feature, ...]) -> str:
    """One dbt doc block per feature, for the models' YAML to reference."""
    header = (
        "{#- Written by python -m bank_segmentation.feature_catalogue from seed\n"
        "    feature_catalogue (its description column): edit the seed, not this file. -#}\n"
    )
    blocks = [
        f"{{% docs {feature.name} %}}\n{feature.description}\n{{% enddocs %}}\n"
        for feature in sorted(catalogue, key=lambda feature: feature.name)
    ]
    return header + "\n" + "\n".join(blocks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when the docs are stale")
    args = parser.parse_args(argv)
    expected = feature_docs(read_catalogue())
    if args.check:
        current = FEATURE_DOCS_PATH.read_text() if FEATURE_DOCS_PATH.exists() else ""
        if current != expected:
            print(
                f"{FEATURE_DOCS_PATH.relative_to(PROJECT_DIR)} is not what seeds/"
                "feature_catalogue.csv says: run python -m bank_segmentation.feature_catalogue",
                file=sys.stderr,
            )
            return 1
        return 0
    FEATURE_DOCS_PATH.write_text(expected)
    print(f"wrote {FEATURE_DOCS_PATH.relative_to(PROJECT_DIR)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
