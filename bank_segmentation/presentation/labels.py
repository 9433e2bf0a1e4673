"""How a feature, a segment or an action is named to people: its label from the display_formats
mart (seeds feature_catalogue, segment_labels and display_units, var currency). A name without
a row is shown with spaces and a capital ("high_cash_share" -> "High cash share"), so no
column name reaches a reader. Values are never formatted here: the marts carry them as text (macro
display_value_text, money_text), so the report, the dashboard and BI show the same."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


def humanised(name: str) -> str:
    """'premium_card_upgrade' -> 'Premium card upgrade'."""
    words = name.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


@dataclass(frozen=True)
class Labels:
    names: dict[str, str] = field(default_factory=dict)
    currency: str = ""  # the reporting currency (chart axes)

    def label(self, name: str) -> str:
        return self.names.get(name) or humanised(name)


def labels_from_frame(formats: pd.DataFrame) -> Labels:
    """Labels from display_formats rows (source_name, label, unit, value_suffix)."""
    currencies = formats.loc[formats.unit == "currency", "value_suffix"].dropna()
    return Labels(
        dict(zip(formats.source_name, formats.label, strict=True)),
        currencies.iloc[0] if len(currencies) else "",
    )
