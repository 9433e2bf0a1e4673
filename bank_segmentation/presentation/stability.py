"""The "Stability" section's words, shared by the report and the dashboard."""

from __future__ import annotations

import pandas as pd

WORST_DRIFTERS = 3


def stability_summary(features: pd.DataFrame, shares: pd.DataFrame) -> str:
    """One paragraph: against what the as-of date is compared, how many features are stable,
    the worst drifters and the largest segment share move."""
    if features.empty:
        return "No drift figures for this as-of date (segment_feature_drift is empty)."
    first = features.iloc[0]
    has_previous = features.psi_vs_previous.notna().any()
    psi = features.psi_vs_previous if has_previous else features.psi_vs_training
    status = features.status_vs_previous if has_previous else features.status_vs_training
    against = (
        f"the previous as-of date ({first.previous_as_of_date:%Y-%m-%d})"
        if has_previous
        else f"the model's training date ({first.training_as_of_date:%Y-%m-%d})"
    )
    worst = features.assign(psi=psi).nlargest(WORST_DRIFTERS, "psi")
    drifters = ", ".join(f"{r.feature} (PSI {r.psi:.3f})" for r in worst.itertuples())
    text = (
        f"Compared with {against}: {int((status == 'stable').sum())} of {len(features)} "
        f"clustering features are stable (PSI under the watch threshold); the largest moves: "
        f"{drifters}."
    )
    change = shares.change_vs_previous_points if has_previous else shares.change_vs_training_points
    if change.notna().any():
        largest = shares.loc[change.abs().idxmax()]
        moved = change.loc[change.abs().idxmax()]
        text += f" The largest share change: {largest.segment_name} {moved:+.1f} points."
    if not has_previous:
        text += " Only one as-of date is built: month-on-month figures need two (`make history`)."
    return text
