"""Segment names that the segments' own numbers bear out.

A rule (seed segment_naming_rules) is a name, a priority and one or more conditions on the
centroid: `min_z <= z(feature) <= max_z` in scaled units (the feature's z-score after the
learned transform: "above the population") and `min_value <= centroid <= max_value` in the
feature's own units (an absolute fact: "under 3 transactions a month"); a blank bound is open.
Names are handed out in priority order, each to the not-yet-named segment that satisfies every
condition with the widest z margin, so a name is used at most once per model.

A segment no rule fits is named from its defining features in words: the (at most two) features
furthest from the average, at least DEFINING_Z away, e.g. `high_cash_low_spend`;
`high_<feature>` only when the centroid also reaches the feature's absolute floor and
`low_<feature>` only under its ceiling, each feature named by its short words (the feature
catalogue, seed feature_catalogue); `typical` when no feature qualifies. Segments that would
share a name are told apart by what separates each from its nearest sibling
(`typical_higher_online`, `typical_lower_online`), never by a number. Names kept from a
previous model stay only while their conditions still hold.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

RULE_COLUMNS = ("segment_name", "priority", "feature", "min_z", "max_z")
NAMING_COLUMNS = ("feature", "high_min_value", "low_max_value", "name_words")
DEFINING_Z = 0.5  # how far (in standard deviations) a feature must be from the average
TYPICAL = "typical"


@dataclass(frozen=True)
class Centroid:
    """A segment's centre: each feature's z-score and its value in the feature's own units."""

    z: Mapping[str, float]
    value: Mapping[str, float]


@dataclass(frozen=True)
class Condition:
    feature: str
    min_z: float = -math.inf
    max_z: float = math.inf
    min_value: float = -math.inf
    max_value: float = math.inf

    def margin(self, centroid: Centroid) -> float:
        """How far inside the z bounds the centroid is (negative when outside); -inf when the
        feature is not in the model or its value breaks an absolute bound."""
        z, value = centroid.z.get(self.feature), centroid.value.get(self.feature)
        if z is None or value is None or not self.min_value <= value <= self.max_value:
            return -math.inf
        return min(z - self.min_z, self.max_z - z)


@dataclass(frozen=True)
class FeatureNaming:
    """How a feature appears in a descriptive name: its words, and the absolute level a
    centroid must reach to be called high_/low_ <words>."""

    words: str
    high_min_value: float = -math.inf
    low_max_value: float = math.inf


Rules = list[tuple[str, list[Condition]]]


def _bound(value: object, open_value: float) -> float:
    return open_value if pd.isna(value) else float(value)


def rules_from_frame(rules: pd.DataFrame) -> Rules:
    """[(name, conditions)] in priority order from a rules table (e.g. the dbt seed); the
    min_value / max_value columns are optional."""
    missing = [c for c in RULE_COLUMNS if c not in rules.columns]
    if missing:
        raise ValueError(f"segment naming rules: missing column(s) {', '.join(missing)}")
    ordered = rules.sort_values(["priority", "segment_name", "feature"])
    result: dict[str, list[Condition]] = {}
    for row in ordered.to_dict("records"):
        condition = Condition(
            str(row["feature"]),
            _bound(row["min_z"], -math.inf),
            _bound(row["max_z"], math.inf),
            _bound(row.get("min_value"), -math.inf),
            _bound(row.get("max_value"), math.inf),
        )
        result.setdefault(str(row["segment_name"]), []).append(condition)
    return list(result.items())


def naming_from_catalogue(catalogue: pd.DataFrame | None) -> dict[str, FeatureNaming]:
    """{feature: FeatureNaming} from the feature catalogue (seed feature_catalogue)."""
    if catalogue is None or catalogue.empty:
        return {}
    missing = [c for c in NAMING_COLUMNS if c not in catalogue.columns]
    if missing:
        raise ValueError(f"feature catalogue: missing column(s) {', '.join(missing)}")
    return {
        str(row["feature"]): FeatureNaming(
            str(row["name_words"]),
            _bound(row["high_min_value"], -math.inf),
            _bound(row["low_max_value"], math.inf),
        )
        for row in catalogue.to_dict("records")
    }


def feature_words(feature: str, naming: Mapping[str, FeatureNaming]) -> str:
    """A feature's words in a segment name (cash_withdrawal_per_month_amount ->
    cash_withdrawal); its own name when the catalogue has no row for it."""
    found = naming.get(feature)
    return found.words if found else feature


def level_word(feature: str, centroid: Centroid, naming: Mapping[str, FeatureNaming]) -> str:
    """'high' or 'low' when the feature defines the segment (DEFINING_Z from the average and
    past its absolute floor or ceiling), else ''."""
    z, value = centroid.z[feature], centroid.value[feature]
    floor = naming.get(feature, FeatureNaming(feature))
    if z >= DEFINING_Z and value >= floor.high_min_value:
        return "high"
    if z <= -DEFINING_Z and value <= floor.low_max_value:
        return "low"
    return ""


def descriptive_name(centroid: Centroid, naming: Mapping[str, FeatureNaming]) -> str:
    """high_<feature>_low_<feature> from the features furthest from the average."""
    defining = sorted(
        (f for f in centroid.z if level_word(f, centroid, naming)),
        key=lambda f: (-abs(centroid.z[f]), f),
    )[:2]
    if not defining:
        return TYPICAL
    return "_".join(
        f"{level_word(f, centroid, naming)}_{feature_words(f, naming)}" for f in defining
    )


def distance(a: Centroid, b: Centroid) -> float:
    return math.sqrt(sum((a.z[f] - b.z.get(f, 0.0)) ** 2 for f in a.z))


def separating_names(
    segment: Centroid, sibling: Centroid, base: str, naming: Mapping[str, FeatureNaming]
) -> list[str]:
    """`<base>_higher_<feature>` / `<base>_lower_<feature>`: what sets the segment apart from
    its sibling, the features that differ most first."""
    differences = sorted(segment.z, key=lambda f: (-abs(segment.z[f] - sibling.z[f]), f))
    return [
        f"{base}_{'higher' if segment.z[f] > sibling.z[f] else 'lower'}_{feature_words(f, naming)}"
        for f in differences
        if segment.z[f] != sibling.z[f]
    ]


def name_holds(
    name: str, centroid: Centroid, rules: Rules, naming: Mapping[str, FeatureNaming]
) -> bool:
    """Whether a (kept) name's rule conditions, or its high_/low_ words, hold on the
    centroid."""
    conditions = dict(rules).get(name)
    if conditions is not None:
        return min(c.margin(centroid) for c in conditions) >= 0
    return not unsupported_words(name, centroid, naming)


def unsupported_words(
    name: str, centroid: Centroid, naming: Mapping[str, FeatureNaming]
) -> list[str]:
    """The high_<feature> / low_<feature> words of a descriptive name that the centroid does
    not bear out (a word naming no feature of the model counts as unsupported)."""
    by_words = {feature_words(f, naming): f for f in centroid.z}
    tokens = name.split("_")
    claims, i = [], 0
    while i < len(tokens):
        if tokens[i] in ("high", "low"):
            for j in range(len(tokens), i + 1, -1):  # the longest feature words that match
                if "_".join(tokens[i + 1 : j]) in by_words:
                    claims.append((tokens[i], by_words["_".join(tokens[i + 1 : j])]))
                    i = j
                    break
            else:
                return [f"{name}: '{tokens[i]}_{tokens[i + 1] if i + 1 < len(tokens) else ''}'"]
            continue
        if tokens[i] in ("higher", "lower"):  # relative to a sibling: always a fact
            break
        i += 1
    return [
        f"{name}: {level}_{feature_words(feature, naming)} with z={centroid.z[feature]:.2f}, "
        f"value={centroid.value[feature]:g}"
        for level, feature in claims
        if level_word(feature, centroid, naming) != level
    ]


def name_segments(
    centroids: Mapping[int, Centroid],
    rules: Rules,
    naming: Mapping[str, FeatureNaming] | None = None,
    already_named: Mapping[int, str] | None = None,
) -> dict[int, str]:
    """Names for every segment id. `already_named` (e.g. kept from the previous model) are
    kept while they still hold, and their names are not handed out again."""
    naming = naming or {}
    names = {
        segment_id: name
        for segment_id, name in (already_named or {}).items()
        if name_holds(name, centroids[segment_id], rules, naming)
    }
    used = set(names.values())
    for name, conditions in rules:
        if name in used:
            continue
        best_id, best_margin = None, 0.0
        for segment_id in sorted(centroids):
            if segment_id in names:
                continue
            margin = min(c.margin(centroids[segment_id]) for c in conditions)
            if margin >= 0 and (best_id is None or margin > best_margin):
                best_id, best_margin = segment_id, margin
        if best_id is not None:
            names[best_id] = name
            used.add(name)
    unnamed = [s for s in sorted(centroids) if s not in names]
    bases = {s: descriptive_name(centroids[s], naming) for s in unnamed}
    for segment_id in unnamed:
        base = bases[segment_id]
        siblings = [s for s in centroids if s != segment_id and bases.get(s, names.get(s)) == base]
        if not siblings and base not in used:
            names[segment_id] = base
        else:
            names[segment_id] = distinct_name(segment_id, base, siblings, centroids, used, naming)
        used.add(names[segment_id])
    return names


def distinct_name(
    segment_id: int,
    base: str,
    siblings: list[int],
    centroids: Mapping[int, Centroid],
    used: set[str],
    naming: Mapping[str, FeatureNaming],
) -> str:
    """The first unused name saying how the segment differs from its nearest sibling (the
    segment sharing its base name, or holding it already), then from the next nearest."""
    holders = siblings or [s for s in centroids if s != segment_id]
    segment = centroids[segment_id]
    for sibling in sorted(holders, key=lambda s: (distance(segment, centroids[s]), s)):
        for candidate in separating_names(segment, centroids[sibling], base, naming):
            if candidate not in used:
                return candidate
    raise ValueError(f"segment {segment_id}: no name tells it apart from {base}")
