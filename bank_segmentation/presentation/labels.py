"""How a feature, a segment or an action is shown to people: its label, unit and number format,
from the display_formats mart (seeds display_labels and display_units, var currency). A name
without a row is shown with spaces and a capital ("high_cash_share" -> "High cash share"), so
no column name reaches a reader."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd


def humanised(name: str) -> str:
    """'premium_card_upgrade' -> 'Premium card upgrade'."""
    words = name.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


@dataclass(frozen=True)
class DisplayFormat:
    label: str
    scale: float = 1.0
    decimals: int = 2
    value_suffix: str = ""
    is_signed: bool = False


@dataclass(frozen=True)
class Labels:
    formats: dict[str, DisplayFormat] = field(default_factory=dict)
    currency: str = ""

    def format_of(self, name: str) -> DisplayFormat:
        return self.formats.get(name) or DisplayFormat(humanised(name))

    def label(self, name: str) -> str:
        return self.format_of(name).label

    def is_signed(self, name: str) -> bool:
        return self.format_of(name).is_signed

    def value(
        self, name: str, value: float | None, signed: bool = False, compact: bool = False
    ) -> str:
        """`value` of feature `name` as shown: '62 %', '5,698 EUR', '+120 EUR' (signed=True);
        compact (a heatmap cell): thousands as k, no currency ('+93.8k', '+28 %')."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "-"
        shown = self.format_of(name)
        scaled = value * shown.scale
        sign = "+" if signed else ""
        if compact and abs(scaled) >= 10_000:
            return f"{scaled / 1000:{sign},.1f}k"
        number = f"{scaled:{sign},.{shown.decimals}f}"
        suffix = "" if compact and shown.value_suffix == self.currency else shown.value_suffix
        return f"{number} {suffix}".strip()

    def money(self, amount: float, compact: bool = False) -> str:
        """'5,698 EUR'; compact: '131.0M EUR' from a million on."""
        if compact and abs(amount) >= 1_000_000:
            return f"{amount / 1_000_000:,.1f}M {self.currency}".strip()
        return f"{amount:,.0f} {self.currency}".strip()


def labels_from_frame(formats: pd.DataFrame) -> Labels:
    """Labels from display_formats rows (source_name, label, scale, decimals, value_suffix,
    is_signed, unit)."""
    rows = {
        r.source_name: DisplayFormat(
            label=r.label,
            scale=float(r.scale),
            decimals=int(r.decimals),
            value_suffix="" if pd.isna(r.value_suffix) else str(r.value_suffix),
            is_signed=bool(r.is_signed),
        )
        for r in formats.itertuples()
    }
    currencies = formats.loc[formats.unit == "currency", "value_suffix"].dropna()
    return Labels(rows, currencies.iloc[0] if len(currencies) else "")
