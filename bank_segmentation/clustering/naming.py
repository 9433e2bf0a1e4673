"""Segment names from business rules over centroid z-scores.

A rule is a name, a priority and one or more conditions `min_z <= z(feature) <= max_z` (a blank
bound is open) on the centroid in scaled units (the feature's z-score after the learned
transform). Names are handed out in priority order, each to the not-yet-named segment that
satisfies all its conditions with the widest margin, so a name is used at most once per model.
A segment no rule fits is named from its defining features in words: the (at most two)
features furthest from the average, at least DEFINING_Z away, e.g.
`high_cash_advance_low_purchases`; `typical` when none is; made unique within the model.
Names of segments kept from a previous model stay as they were, like their ids.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

RULE_COLUMNS = ("segment_name", "priority", "feature", "min_z", "max_z")
DEFINING_Z = 0.5  # how far (in standard deviations) a feature must be from the average
UNIT_SUFFIXES = ("_amount", "_count", "_share", "_per_month")
VAGUE_PREFIXES = ("average_",)


@dataclass(frozen=True)
class Condition:
    feature: str
    min_z: float
    max_z: float

    def margin(self, z: float | None) -> float:
        """How far inside the bounds z is (negative when outside)."""
        if z is None:
            return -math.inf
        return min(z - self.min_z, self.max_z - z)


def rules_from_frame(rules: pd.DataFrame) -> list[tuple[str, list[Condition]]]:
    """[(name, conditions)] in priority order from a rules table (e.g. the dbt seed)."""
    missing = [c for c in RULE_COLUMNS if c not in rules.columns]
    if missing:
        raise ValueError(f"segment naming rules: missing column(s) {', '.join(missing)}")
    ordered = rules.sort_values(["priority", "segment_name", "feature"])
    result: dict[str, list[Condition]] = {}
    for row in ordered.itertuples(index=False):
        low = -math.inf if pd.isna(row.min_z) else float(row.min_z)
        high = math.inf if pd.isna(row.max_z) else float(row.max_z)
        result.setdefault(str(row.segment_name), []).append(Condition(row.feature, low, high))
    return list(result.items())


def feature_words(feature: str) -> str:
    """A feature's name as words in a segment name: lower case, without its unit suffixes
    (cash_withdrawal_per_month_amount -> cash_withdrawal) or a vague prefix (average_)."""
    words = feature.lower()
    for suffix in UNIT_SUFFIXES:
        words = words.removesuffix(suffix)
    for suffix in UNIT_SUFFIXES:  # a second unit, as in _per_month_amount
        words = words.removesuffix(suffix)
    for prefix in VAGUE_PREFIXES:
        words = words.removeprefix(prefix)
    return words


def descriptive_name(centroid_z: dict[str, float]) -> str:
    """high_<feature>_low_<feature> from the features furthest from the average."""
    defining = sorted(
        (item for item in centroid_z.items() if abs(item[1]) >= DEFINING_Z),
        key=lambda item: (-abs(item[1]), item[0]),
    )[:2]
    if not defining:
        return "typical"
    return "_".join(
        f"{'high' if z > 0 else 'low'}_{feature_words(feature)}" for feature, z in defining
    )


def unique_name(name: str, used: set[str]) -> str:
    if name not in used:
        return name
    suffix = 2
    while f"{name}_{suffix}" in used:
        suffix += 1
    return f"{name}_{suffix}"


def name_segments(
    centroid_z: dict[int, dict[str, float]],
    rules: list[tuple[str, list[Condition]]],
    already_named: dict[int, str] | None = None,
) -> dict[int, str]:
    """Names for every segment id. `already_named` (e.g. kept from the previous model) are
    kept and their names are not handed out again."""
    names = dict(already_named or {})
    used = set(names.values())
    for name, conditions in rules:
        if name in used:
            continue
        best_id, best_margin = None, 0.0
        for segment_id in sorted(centroid_z):
            if segment_id in names:
                continue
            margin = min(c.margin(centroid_z[segment_id].get(c.feature)) for c in conditions)
            if margin >= 0 and (best_id is None or margin > best_margin):
                best_id, best_margin = segment_id, margin
        if best_id is not None:
            names[best_id] = name
            used.add(name)
    for segment_id in sorted(centroid_z):
        if segment_id not in names:
            names[segment_id] = unique_name(descriptive_name(centroid_z[segment_id]), used)
            used.add(names[segment_id])
    return names
