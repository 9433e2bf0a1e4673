"""What one chunk of demo customers is made of before anything is booked: the window, the
customers' personas and parameters, their income, products, loans and account rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa

from bank_segmentation.demo_data.personas import NUMERIC_FIELDS


@dataclass(frozen=True)
class Window:
    """The calendar months the extract covers."""

    month_starts: np.ndarray
    month_ends: np.ndarray

    @classmethod
    def of(cls, start_date: date, months: int) -> Window:
        first = np.datetime64(start_date, "M")
        month_starts = (first + np.arange(months)).astype("datetime64[D]")
        month_ends = (first + np.arange(1, months + 1)).astype("datetime64[D]") - 1
        return cls(month_starts, month_ends)

    @property
    def months(self) -> int:
        return len(self.month_starts)

    @property
    def start(self) -> np.datetime64:
        return self.month_starts[0]

    @property
    def end(self) -> np.datetime64:
        return self.month_ends[-1]

    @property
    def days_in_month(self) -> np.ndarray:
        return (self.month_ends - self.month_starts).astype(int) + 1


@dataclass(frozen=True)
class People:
    """The chunk's customers as persona draws: each one's persona (blended with a second for
    some) and the behaviour parameters that follow from it."""

    persona: np.ndarray
    secondary: np.ndarray
    is_blend: np.ndarray
    blend_weight: np.ndarray
    params: np.ndarray
    present_weights: np.ndarray
    online_weights: np.ndarray

    @property
    def n(self) -> int:
        return len(self.persona)

    @property
    def index(self) -> np.ndarray:
        return np.arange(self.n)

    def p(self, field: str) -> np.ndarray:
        return self.params[:, NUMERIC_FIELDS.index(field)]


@dataclass(frozen=True)
class Income:
    cents: np.ndarray
    has_income: np.ndarray
    is_pension: np.ndarray


@dataclass(frozen=True)
class Products:
    """Which customers hold which product besides the current account, and when opened."""

    product_opened: np.ndarray
    has_savings: np.ndarray
    has_card: np.ndarray
    has_deposit: np.ndarray
    limit_cents: np.ndarray


@dataclass(frozen=True)
class Loans:
    customer: np.ndarray
    product: np.ndarray
    principal_cents: np.ndarray
    term: np.ndarray
    in_window: np.ndarray
    originated: np.ndarray
    status: np.ndarray
    elapsed_months: np.ndarray

    @property
    def count(self) -> int:
        return len(self.customer)


@dataclass(frozen=True)
class AccountLayout:
    """Account rows: current, savings, credit_card, term_deposit per customer, then loans;
    per customer the row of each product (-1 without it)."""

    ids: pa.Array
    opened: np.ndarray
    closed: np.ndarray
    current: np.ndarray
    savings: np.ndarray
    card: np.ndarray
    deposit: np.ndarray
    loan: np.ndarray

    @property
    def count(self) -> int:
        return len(self.opened)
