"""Vectorised, chunked generator of a demo core-banking extract (the raw input contract).

Customers are generated in fixed-size chunks, each with its own random stream derived from
the seed, so the output depends only on (seed, customers, months, start date) and memory stays
bounded whatever the size. Amounts are computed in integer cents, so month-end balances equal
the opening balance plus the booked flows exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from bank_segmentation.demo_data.personas import (
    MERCHANT_CODES,
    NUMERIC_FIELDS,
    PERSONA_NAMES,
    SPENDING_GROUPS,
    persona_matrix,
)

CHUNK_SIZE = 20_000
REGIONS = ("Capital", "Central", "North", "North-East", "East", "South", "South-West", "West")
DIRECTIONS = ("debit", "credit")
CHANNELS = (
    "card_pos",
    "card_online",
    "atm",
    "branch",
    "transfer",
    "direct_debit",
    "standing_order",
    "interest",
    "fee",
)
DESCRIPTIONS = (
    "SALARY",
    "PENSION",
    "RENT",
    "ELECTRICITY AND GAS",
    "MOBILE PHONE",
    "ACCOUNT FEE",
    "TRANSFER TO SAVINGS",
    "TRANSFER FROM CURRENT ACCOUNT",
    "CARD PURCHASE",
    "ONLINE PURCHASE",
    "CASH WITHDRAWAL",
    "CASH DEPOSIT",
    "PAYMENT TO",
    "CREDIT CARD REPAYMENT",
    "CARD INTEREST",
    "SAVINGS INTEREST",
    "DEPOSIT INTEREST",
    "LOAN REPAYMENT",
    "LOAN DISBURSEMENT",
    "CASH ADVANCE",
    "PURCHASE SETTLEMENT",
)
GROUP_TICKET_MULTIPLIER = np.array([1.0, 1.0, 4.0, 1.5, 1.0, 1.2, 1.6, 0.4])
MCC_LIST = (
    *(code for group in SPENDING_GROUPS for code in MERCHANT_CODES[group]),
    "6011",
    "6010",
    "4900",
    "4814",
)
NEVER = np.datetime64("9999-12-31")
LOAN_PRODUCTS = ("personal", "mortgage", "auto", "overdraft", "other")
# A tuple, not a set: the order fixes which random draws each field gets.
NOISY_FIELDS = (
    "monthly_income",
    "card_present_per_month",
    "card_online_per_month",
    "card_ticket",
    "atm_per_month",
    "atm_amount",
    "branch_per_month",
    "transfers_out_per_month",
    "opening_savings",
    "opening_current_balance",
    "cash_advances_per_month",
)

SCHEMAS: dict[str, pa.Schema] = {
    "customers": pa.schema(
        [
            ("customer_id", pa.string()),
            ("birth_date", pa.date32()),
            ("gender", pa.string()),
            ("region", pa.string()),
            ("onboarded_date", pa.date32()),
        ]
    ),
    "accounts": pa.schema(
        [
            ("account_id", pa.string()),
            ("customer_id", pa.string()),
            ("product_type", pa.string()),
            ("opened_date", pa.date32()),
            ("closed_date", pa.date32()),
            ("credit_limit", pa.decimal128(18, 2)),
            ("currency", pa.string()),
        ]
    ),
    "transactions": pa.schema(
        [
            ("transaction_id", pa.string()),
            ("account_id", pa.string()),
            ("booked_at", pa.timestamp("us")),
            ("amount", pa.decimal128(18, 2)),
            ("direction", pa.string()),
            ("channel", pa.string()),
            ("merchant_category_code", pa.string()),
            ("description", pa.string()),
        ]
    ),
    "balances": pa.schema(
        [
            ("account_id", pa.string()),
            ("balance_date", pa.date32()),
            ("balance", pa.decimal128(18, 2)),
        ]
    ),
    "loans": pa.schema(
        [
            ("loan_id", pa.string()),
            ("customer_id", pa.string()),
            ("product", pa.string()),
            ("principal", pa.decimal128(18, 2)),
            ("originated_date", pa.date32()),
            ("term_months", pa.int32()),
            ("status", pa.string()),
        ]
    ),
    "loan_applications": pa.schema(
        [
            ("application_id", pa.string()),
            ("customer_id", pa.string()),
            ("applied_at", pa.timestamp("us")),
            ("product", pa.string()),
            ("requested_amount", pa.decimal128(18, 2)),
            ("decision", pa.string()),
        ]
    ),
}
GROUND_TRUTH_SCHEMA = pa.schema(
    [
        ("customer_id", pa.string()),
        ("persona", pa.string()),
        ("secondary_persona", pa.string()),
        ("blend_weight", pa.float64()),
    ]
)
TABLES = tuple(SCHEMAS)


@dataclass(frozen=True)
class DemoConfig:
    """What to generate. The window is fixed (not 'today') so reruns are identical."""

    customers: int = 10_000
    months: int = 6
    seed: int = 42
    start_date: date = date(2025, 1, 1)
    blend_share: float = 0.10


@dataclass
class _IdCounters:
    customer: int = 0
    account: int = 0
    transaction: int = 0
    loan: int = 0
    application: int = 0


def generate(config: DemoConfig, out_dir: Path, show_progress: bool = True) -> dict[str, int]:
    """Write the six raw tables as Parquet to ``out_dir`` and the planted personas to
    ``out_dir/ground_truth/customer_personas.parquet``. Returns row counts per table."""
    if config.customers < 1 or config.months < 1:
        raise ValueError("customers and months must be positive")
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "ground_truth").mkdir(exist_ok=True)
    writers = {
        name: pq.ParquetWriter(out_dir / f"{name}.parquet", schema)
        for name, schema in SCHEMAS.items()
    }
    truth_writer = pq.ParquetWriter(
        out_dir / "ground_truth" / "customer_personas.parquet", GROUND_TRUTH_SCHEMA
    )
    counts = dict.fromkeys(TABLES, 0)
    counters = _IdCounters()
    chunks = range(0, config.customers, CHUNK_SIZE)
    try:
        for chunk_index, first in enumerate(_progress(chunks, show_progress)):
            size = min(CHUNK_SIZE, config.customers - first)
            tables, truth = _generate_chunk(config, chunk_index, size, counters)
            for name, table in tables.items():
                writers[name].write_table(table)
                counts[name] += table.num_rows
            truth_writer.write_table(truth)
    finally:
        for writer in writers.values():
            writer.close()
        truth_writer.close()
    return counts


def _progress(chunks: range, show: bool) -> Iterator[int]:
    if not show:
        return iter(chunks)
    from tqdm import tqdm

    return iter(tqdm(chunks, unit="chunk", desc=f"generating ({CHUNK_SIZE:,} customers/chunk)"))


def _ids(prefix: str, start: int, count: int, width: int) -> pa.Array:
    numbers = pa.array(np.arange(start, start + count, dtype=np.int64))
    padded = pc.utf8_lpad(pc.cast(numbers, pa.string()), width=width, padding="0")
    return pc.binary_join_element_wise(prefix, padded, "")


def _decimal(cents: np.ndarray) -> pa.Array:
    return pc.cast(pc.round(pa.array(cents / 100.0), 2), pa.decimal128(18, 2))


def _lookup(values: tuple[str, ...], codes: np.ndarray) -> pa.Array:
    """Strings from code indices; -1 means NULL."""
    dictionary = pa.array(values)
    indices = pa.array(codes.astype(np.int32), mask=codes < 0)
    return pc.take(dictionary, indices)


def _months(config: DemoConfig) -> tuple[np.ndarray, np.ndarray]:
    first = np.datetime64(config.start_date, "M")
    month_starts = (first + np.arange(config.months)).astype("datetime64[D]")
    month_ends = (first + np.arange(1, config.months + 1)).astype("datetime64[D]") - 1
    return month_starts, month_ends


class _Transactions:
    """Accumulates transaction columns (account index, day, seconds, cents, codes)."""

    def __init__(self) -> None:
        self.parts: list[tuple[np.ndarray, ...]] = []

    def add(self, account, day, seconds, cents, direction, channel, mcc, description) -> None:
        n = len(account)
        if n == 0:
            return
        full = [
            np.broadcast_to(np.asarray(v), (n,))
            for v in (account, day, seconds, cents, direction, channel, mcc, description)
        ]
        self.parts.append(tuple(full))

    def columns(self) -> list[np.ndarray]:
        return [np.concatenate([p[i] for p in self.parts]) for i in range(8)]


def _generate_chunk(config: DemoConfig, chunk_index: int, n: int, ids: _IdCounters):
    rng = np.random.default_rng([config.seed, chunk_index])
    numeric, weights_present, weights_online = persona_matrix()
    shares = numeric[:, NUMERIC_FIELDS.index("share")]
    shares = shares / shares.sum()
    persona_count = len(PERSONA_NAMES)
    months = config.months
    month_starts, month_ends = _months(config)
    window_start, window_end = month_starts[0], month_ends[-1]
    days_in_month = (month_ends - month_starts).astype(int) + 1

    # --- personas, blends and per-customer parameters -------------------------------------
    persona = rng.choice(persona_count, size=n, p=shares)
    is_blend = rng.random(n) < config.blend_share
    secondary = (persona + 1 + rng.integers(0, persona_count - 1, n)) % persona_count
    blend_weight = np.where(is_blend, rng.uniform(0.25, 0.45, n), 0.0)
    mix = blend_weight[:, None]
    params = (1 - mix) * numeric[persona] + mix * numeric[secondary]
    for field in NOISY_FIELDS:
        params[:, NUMERIC_FIELDS.index(field)] *= rng.lognormal(0.0, 0.25, n)

    def p(field: str) -> np.ndarray:
        return params[:, NUMERIC_FIELDS.index(field)]

    present_weights = (1 - mix) * weights_present[persona] + mix * weights_present[secondary]
    online_weights = (1 - mix) * weights_online[persona] + mix * weights_online[secondary]

    # --- customers ----------------------------------------------------------------------------
    age_years = rng.uniform(p("age_low"), p("age_high"))
    birth_date = window_end - (age_years * 365.25).astype(int)
    is_new = rng.random(n) < 0.06
    tenure_days = rng.integers(30, 7300, n)
    joined_in_window = window_start + rng.integers(0, max(1, months * 30 - 20), n)
    onboarded = np.where(is_new, joined_in_window, window_start - tenure_days)
    onboarded = np.maximum(onboarded, birth_date + 18 * 365)
    onboarded = np.minimum(onboarded, window_end - 10)
    customer_ids = _ids("C", ids.customer, n, 8)
    ids.customer += n
    customers = pa.table(
        {
            "customer_id": customer_ids,
            "birth_date": pa.array(birth_date, mask=rng.random(n) < 0.03, type=pa.date32()),
            "gender": _lookup(
                ("F", "M"), np.where(rng.random(n) < 0.04, -1, rng.integers(0, 2, n))
            ),
            "region": _lookup(REGIONS, np.where(rng.random(n) < 0.02, -1, rng.integers(0, 8, n))),
            "onboarded_date": pa.array(onboarded, type=pa.date32()),
        },
        schema=SCHEMAS["customers"],
    )
    truth = pa.table(
        {
            "customer_id": customer_ids,
            "persona": _lookup(PERSONA_NAMES, persona),
            "secondary_persona": _lookup(PERSONA_NAMES, np.where(is_blend, secondary, -1)),
            "blend_weight": blend_weight,
        },
        schema=GROUND_TRUTH_SCHEMA,
    )

    # --- income -------------------------------------------------------------------------------
    income_cents = np.round(p("monthly_income") * 100).astype(np.int64)
    has_income = rng.random(n) < p("income_probability")
    is_pension = rng.random(n) < p("pension_probability")

    # --- accounts -----------------------------------------------------------------------------
    customer_index = np.arange(n)
    later_opening = rng.integers(0, 365, n)
    product_opened = np.where(
        onboarded + later_opening < window_start, onboarded + later_opening, onboarded
    )
    has_savings = rng.random(n) < p("savings_probability")
    has_card = rng.random(n) < p("credit_card_probability")
    has_deposit = rng.random(n) < p("term_deposit_probability")
    limit_cents = np.maximum(
        50_000, np.round(income_cents * rng.uniform(1.0, 3.0, n) / 10_000) * 10_000
    ).astype(np.int64)

    loans_held = np.minimum(rng.poisson(p("loans_held")), 4)
    loan_customer = np.repeat(customer_index, loans_held)
    loan_count = len(loan_customer)
    is_seeker = persona[loan_customer] == PERSONA_NAMES.index("loan_seeker")
    loan_product = np.where(
        is_seeker,
        rng.choice([0, 2, 3, 4], loan_count, p=[0.5, 0.15, 0.3, 0.05]),
        rng.choice([0, 1, 2, 3], loan_count, p=[0.3, 0.4, 0.25, 0.05]),
    )
    principal_low = np.array([2_000, 80_000, 8_000, 500, 1_000])[loan_product]
    principal_high = np.array([15_000, 300_000, 30_000, 3_000, 10_000])[loan_product]
    principal_cents = (np.round(rng.uniform(principal_low, principal_high) / 10) * 1000).astype(
        np.int64
    )
    term = np.array([36, 300, 60, 12, 24])[loan_product] * rng.choice([1, 1, 2], loan_count) // 1
    term = np.where(loan_product == 1, rng.choice([240, 300, 360], loan_count), term)
    in_window_loan = rng.random(loan_count) < 0.15
    originated = np.where(
        in_window_loan,
        window_start + rng.integers(0, max(1, months * 30 - 5), loan_count),
        window_start - rng.integers(30, 2000, loan_count),
    )
    originated = np.maximum(originated, onboarded[loan_customer])
    originated = np.minimum(originated, window_end)
    status_draw = rng.random(loan_count)
    status = np.where(
        is_seeker,
        np.select([status_draw < 0.72, status_draw < 0.9], [0, 1], 2),
        np.where(status_draw < 0.97, 0, 1),
    )
    elapsed_months = np.maximum(0, ((window_start - originated).astype(int)) // 30)
    matured = (elapsed_months >= term) & ~in_window_loan
    status = np.where(matured, 3, status)
    loan_ids = _ids("L", ids.loan, loan_count, 8)
    ids.loan += loan_count
    loans = pa.table(
        {
            "loan_id": loan_ids,
            "customer_id": pc.take(customer_ids, pa.array(loan_customer)),
            "product": _lookup(LOAN_PRODUCTS, loan_product),
            "principal": _decimal(principal_cents),
            "originated_date": pa.array(originated, type=pa.date32()),
            "term_months": pa.array(term.astype(np.int32)),
            "status": _lookup(("current", "late", "default", "closed"), status),
        },
        schema=SCHEMAS["loans"],
    )

    # account layout: current, savings, credit_card, term_deposit per customer, then loans
    product_codes = ("current", "savings", "credit_card", "term_deposit", "loan")
    owners = [
        customer_index,
        customer_index[has_savings],
        customer_index[has_card],
        customer_index[has_deposit],
        loan_customer,
    ]
    account_customer = np.concatenate(owners)
    account_product = np.concatenate([np.full(len(o), k) for k, o in enumerate(owners)])
    account_opened = np.concatenate(
        [
            onboarded,
            product_opened[has_savings],
            product_opened[has_card],
            product_opened[has_deposit],
            originated,
        ]
    )
    loan_closed = np.where(status == 3, originated + (term * 30.4).astype(int), NEVER)
    account_closed = np.concatenate([np.full(len(o), NEVER) for o in owners[:4]] + [loan_closed])
    is_open_ended = account_closed == NEVER
    account_count = len(account_customer)
    offsets = np.cumsum([0] + [len(o) for o in owners])
    current_account = np.arange(n)
    savings_account = np.full(n, -1)
    savings_account[has_savings] = np.arange(offsets[1], offsets[2])
    card_account = np.full(n, -1)
    card_account[has_card] = np.arange(offsets[2], offsets[3])
    deposit_account = np.full(n, -1)
    deposit_account[has_deposit] = np.arange(offsets[3], offsets[4])
    loan_account = np.arange(offsets[4], offsets[5])
    account_ids = _ids("A", ids.account, account_count, 9)
    ids.account += account_count
    accounts = pa.table(
        {
            "account_id": account_ids,
            "customer_id": pc.take(customer_ids, pa.array(account_customer)),
            "product_type": _lookup(product_codes, account_product),
            "opened_date": pa.array(account_opened, type=pa.date32()),
            "closed_date": pa.array(account_closed, mask=is_open_ended, type=pa.date32()),
            "credit_limit": pa.array(
                _decimal(limit_cents[account_customer]).to_numpy(zero_copy_only=False),
                mask=account_product != 2,
                type=pa.decimal128(18, 2),
            ),
            "currency": pa.array(np.full(account_count, "EUR")),
        },
        schema=SCHEMAS["accounts"],
    )

    # --- transactions -------------------------------------------------------------------------
    tx = _Transactions()
    debit, credit = 0, 1
    ch = {name: i for i, name in enumerate(CHANNELS)}
    desc = {name: i for i, name in enumerate(DESCRIPTIONS)}
    mcc_index = {code: i for i, code in enumerate(MCC_LIST)}
    month_grid = np.broadcast_to(np.arange(months), (n, months))

    def day_in_month(month: np.ndarray, low: np.ndarray | int = 0) -> np.ndarray:
        span = np.maximum(days_in_month[month] - low, 1)
        return month_starts[month] + low + (rng.random(len(month)) * span).astype(int)

    def monthly(mask: np.ndarray, day_low: int, day_high: int):
        """(customer, month, day) of a once-a-month booking where mask[customer] holds."""
        cust = np.repeat(customer_index[mask], months)
        month = np.tile(np.arange(months), int(mask.sum()))
        day = month_starts[month] + rng.integers(day_low, day_high + 1, len(cust))
        return cust, month, day

    def poisson_events(rate: np.ndarray):
        counts = rng.poisson(np.repeat(rate, months).reshape(n, months))
        cust = np.repeat(np.repeat(customer_index, months), counts.ravel())
        month = np.repeat(month_grid.ravel(), counts.ravel())
        return cust, month, day_in_month(month)

    def seconds(count: int, low_hour: int, high_hour: int) -> np.ndarray:
        return rng.integers(low_hour * 3600, high_hour * 3600, count)

    # income: salary on day 24-27 or pension on day 1-4, small monthly variation
    salary_c, _, salary_day = monthly(has_income & ~is_pension, 24, 27)
    tx.add(
        current_account[salary_c],
        salary_day,
        seconds(len(salary_c), 5, 8),
        np.round(income_cents[salary_c] * rng.normal(1, 0.02, len(salary_c))).astype(np.int64),
        credit,
        ch["transfer"],
        -1,
        desc["SALARY"],
    )
    pension_c, _, pension_day = monthly(has_income & is_pension, 0, 3)
    tx.add(
        current_account[pension_c],
        pension_day,
        seconds(len(pension_c), 5, 8),
        income_cents[pension_c],
        credit,
        ch["standing_order"],
        -1,
        desc["PENSION"],
    )

    # fixed outgoings: account fee, rent, utilities, phone
    fee_c, _, fee_day = monthly(np.ones(n, dtype=bool), 0, 0)
    fee_day = fee_day + days_in_month[np.tile(np.arange(months), n)] - 1
    tx.add(
        current_account[fee_c],
        fee_day,
        seconds(len(fee_c), 1, 3),
        350,
        debit,
        ch["fee"],
        -1,
        desc["ACCOUNT FEE"],
    )
    pays_rent = (rng.random(n) < p("rent_probability")) & has_income
    rent_cents = np.round(income_cents * rng.uniform(0.2, 0.32, n), -2).astype(np.int64)
    rent_c, _, rent_day = monthly(pays_rent, 0, 2)
    tx.add(
        current_account[rent_c],
        rent_day,
        seconds(len(rent_c), 2, 6),
        rent_cents[rent_c],
        debit,
        ch["standing_order"],
        -1,
        desc["RENT"],
    )
    utility_c, _, utility_day = monthly(has_income, 9, 14)
    tx.add(
        current_account[utility_c],
        utility_day,
        seconds(len(utility_c), 2, 6),
        rng.integers(6_000, 18_000, len(utility_c)),
        debit,
        ch["direct_debit"],
        mcc_index["4900"],
        desc["ELECTRICITY AND GAS"],
    )
    phone_c, _, phone_day = monthly(has_income, 15, 18)
    tx.add(
        current_account[phone_c],
        phone_day,
        seconds(len(phone_c), 2, 6),
        rng.integers(1_500, 6_000, len(phone_c)),
        debit,
        ch["direct_debit"],
        mcc_index["4814"],
        desc["MOBILE PHONE"],
    )

    # card spend, present and online; part of it on the credit card
    card_debits = np.zeros((n, months), dtype=np.int64)
    for channel, rate_field, weights in (
        ("card_pos", "card_present_per_month", present_weights),
        ("card_online", "card_online_per_month", online_weights),
    ):
        cust, month, day = poisson_events(p(rate_field))
        cumulative = np.cumsum(weights / weights.sum(axis=1, keepdims=True), axis=1)
        group = (rng.random(len(cust))[:, None] > cumulative[cust]).sum(axis=1)
        group = np.minimum(group, len(SPENDING_GROUPS) - 1)
        ticket = p("card_ticket")[cust] * GROUP_TICKET_MULTIPLIER[group]
        cents = np.maximum(100, np.round(rng.lognormal(np.log(ticket), 0.8) * 100)).astype(np.int64)
        code_in_group = (
            rng.random(len(cust))
            * np.array([len(MERCHANT_CODES[g]) for g in SPENDING_GROUPS])[group]
        ).astype(int)
        group_offsets = np.cumsum([0] + [len(MERCHANT_CODES[g]) for g in SPENDING_GROUPS])[:-1]
        mcc = np.where(rng.random(len(cust)) < 0.01, -1, group_offsets[group] + code_in_group)
        on_card = has_card[cust] & (rng.random(len(cust)) < p("credit_card_spend_share")[cust])
        account = np.where(on_card, card_account[cust], current_account[cust])
        np.add.at(card_debits, (cust[on_card], month[on_card]), cents[on_card])
        description = desc["CARD PURCHASE" if channel == "card_pos" else "ONLINE PURCHASE"]
        tx.add(account, day, seconds(len(cust), 7, 23), cents, debit, ch[channel], mcc, description)

    # cash: ATM and branch
    cust, _, day = poisson_events(p("atm_per_month"))
    atm_cents = np.maximum(
        2_000, np.round(rng.lognormal(np.log(p("atm_amount")[cust]), 0.4), -1) * 100
    ).astype(np.int64)
    tx.add(
        current_account[cust],
        day,
        seconds(len(cust), 6, 24),
        atm_cents,
        debit,
        ch["atm"],
        mcc_index["6011"],
        desc["CASH WITHDRAWAL"],
    )
    cust, _, day = poisson_events(p("branch_per_month"))
    is_deposit = rng.random(len(cust)) < 0.4
    branch_cents = np.maximum(
        2_000, np.round(rng.lognormal(np.log(2 * p("atm_amount")[cust]), 0.5), -1) * 100
    ).astype(np.int64)
    tx.add(
        current_account[cust],
        day,
        seconds(len(cust), 9, 17),
        branch_cents,
        np.where(is_deposit, credit, debit),
        ch["branch"],
        np.where(is_deposit, -1, mcc_index["6010"]),
        np.where(is_deposit, desc["CASH DEPOSIT"], desc["CASH WITHDRAWAL"]),
    )

    # transfers to other people
    cust, _, day = poisson_events(p("transfers_out_per_month"))
    transfer_cents = np.maximum(
        500, np.round(rng.lognormal(np.log(0.08 * np.maximum(income_cents[cust], 100_000)), 0.8))
    ).astype(np.int64)
    tx.add(
        current_account[cust],
        day,
        seconds(len(cust), 7, 23),
        transfer_cents,
        debit,
        ch["transfer"],
        -1,
        desc["PAYMENT TO"],
    )

    # savings: monthly transfer from current to savings, interest on savings and deposits
    saves = has_savings & has_income & (p("savings_rate") > 0)
    save_c, _, save_day = monthly(saves, 25, 27)
    save_cents = np.round(income_cents[save_c] * p("savings_rate")[save_c], -2).astype(np.int64)
    keep = save_cents > 0
    save_c, save_day, save_cents = save_c[keep], save_day[keep], save_cents[keep]
    save_seconds = seconds(len(save_c), 9, 10)
    tx.add(
        current_account[save_c],
        save_day,
        save_seconds,
        save_cents,
        debit,
        ch["transfer"],
        -1,
        desc["TRANSFER TO SAVINGS"],
    )
    tx.add(
        savings_account[save_c],
        save_day,
        save_seconds,
        save_cents,
        credit,
        ch["transfer"],
        -1,
        desc["TRANSFER FROM CURRENT ACCOUNT"],
    )
    opening_savings_cents = np.round(p("opening_savings") * 100).astype(np.int64)
    interest_c, interest_m, interest_day = monthly(has_savings, 0, 0)
    interest_day = interest_day + days_in_month[interest_m] - 1
    tx.add(
        savings_account[interest_c],
        interest_day,
        1800,
        np.maximum(1, opening_savings_cents[interest_c] * 15 // 12_000),
        credit,
        ch["interest"],
        -1,
        desc["SAVINGS INTEREST"],
    )
    deposit_cents = np.round(opening_savings_cents * rng.uniform(0.5, 1.5, n), -4).astype(np.int64)
    interest_c, interest_m, interest_day = monthly(has_deposit, 0, 0)
    interest_day = interest_day + days_in_month[interest_m] - 1
    tx.add(
        deposit_account[interest_c],
        interest_day,
        1800,
        np.maximum(1, deposit_cents[interest_c] * 30 // 12_000),
        credit,
        ch["interest"],
        -1,
        desc["DEPOSIT INTEREST"],
    )

    # credit card: cash advances, interest on revolving balances, monthly repayment
    cust, month, day = poisson_events(p("cash_advances_per_month") * has_card)
    advance_cents = np.maximum(2_000, np.round(rng.lognormal(np.log(150), 0.4), -1) * 100).astype(
        np.int64
    )
    tx.add(
        card_account[cust],
        day,
        seconds(len(cust), 6, 24),
        advance_cents,
        debit,
        ch["atm"],
        mcc_index["6011"],
        desc["CASH ADVANCE"],
    )
    np.add.at(card_debits, (cust, month), advance_cents)
    opening_card_cents = -np.minimum(
        limit_cents, np.round(limit_cents * p("opening_utilisation") * rng.uniform(0.6, 1.2, n))
    ).astype(np.int64)
    revolving = has_card & (p("credit_card_paid_share") < 0.99)
    card_interest = np.where(revolving, -opening_card_cents * 15 // 1000, 0)
    interest_c, interest_m, interest_day = monthly(revolving & (card_interest > 0), 19, 19)
    tx.add(
        card_account[interest_c],
        interest_day,
        1800,
        card_interest[interest_c],
        debit,
        ch["interest"],
        -1,
        desc["CARD INTEREST"],
    )
    np.add.at(card_debits, (interest_c, interest_m), card_interest[interest_c])
    repay_c, repay_m, repay_day = monthly(has_card, 27, 27)
    repay_cents = np.round(
        card_debits[repay_c, repay_m] * np.minimum(1.0, p("credit_card_paid_share")[repay_c])
    ).astype(np.int64)
    keep = repay_cents > 0
    repay_c, repay_day, repay_cents = repay_c[keep], repay_day[keep], repay_cents[keep]
    repay_seconds = seconds(len(repay_c), 10, 11)
    tx.add(
        current_account[repay_c],
        repay_day,
        repay_seconds,
        repay_cents,
        debit,
        ch["direct_debit"],
        -1,
        desc["CREDIT CARD REPAYMENT"],
    )
    tx.add(
        card_account[repay_c],
        repay_day,
        repay_seconds,
        repay_cents,
        credit,
        ch["transfer"],
        -1,
        desc["CREDIT CARD REPAYMENT"],
    )

    # loans: disbursement of loans originated in the window, monthly repayments
    disbursed = np.flatnonzero(in_window_loan)
    disburse_seconds = seconds(len(disbursed), 9, 16)
    tx.add(
        loan_account[disbursed],
        originated[disbursed],
        disburse_seconds,
        principal_cents[disbursed],
        debit,
        ch["transfer"],
        -1,
        desc["LOAN DISBURSEMENT"],
    )
    tx.add(
        current_account[loan_customer[disbursed]],
        originated[disbursed],
        disburse_seconds,
        principal_cents[disbursed],
        credit,
        ch["transfer"],
        -1,
        desc["LOAN DISBURSEMENT"],
    )
    purchase = disbursed[np.isin(loan_product[disbursed], (1, 2))]
    tx.add(
        current_account[loan_customer[purchase]],
        originated[purchase] + 1,
        seconds(len(purchase), 9, 16),
        principal_cents[purchase],
        debit,
        ch["transfer"],
        -1,
        desc["PURCHASE SETTLEMENT"],
    )
    instalment = np.round(principal_cents * 1.08 / term, -2).astype(np.int64)
    paying = status < 2
    loan_month = np.tile(np.arange(months), loan_count)
    loan_row = np.repeat(np.arange(loan_count), months)
    loan_day = month_starts[loan_month] + 14
    pays = (
        paying[loan_row]
        & (loan_day > originated[loan_row])
        & (rng.random(len(loan_row)) < np.where(status[loan_row] == 1, 0.6, 1.0))
    )
    loan_row, loan_day = loan_row[pays], loan_day[pays]
    repay_seconds = seconds(len(loan_row), 3, 5)
    tx.add(
        current_account[loan_customer[loan_row]],
        loan_day,
        repay_seconds,
        instalment[loan_row],
        debit,
        ch["direct_debit"],
        -1,
        desc["LOAN REPAYMENT"],
    )
    tx.add(
        loan_account[loan_row],
        loan_day,
        repay_seconds,
        instalment[loan_row],
        credit,
        ch["transfer"],
        -1,
        desc["LOAN REPAYMENT"],
    )

    account, day, secs, cents, direction, channel, mcc, description = tx.columns()
    # nothing is booked before the account opened, after it closed, or after the window
    valid = (
        (day >= account_opened[account])
        & (day <= window_end)
        & (day >= window_start)
        & (day < account_closed[account])
    )
    account, day, secs, cents, direction, channel, mcc, description = (
        column[valid]
        for column in (account, day, secs, cents, direction, channel, mcc, description)
    )
    booked_at = day.astype("datetime64[us]") + secs.astype("timedelta64[s]")
    order = np.lexsort((account, booked_at))
    account, booked_at, cents, direction, channel, mcc, description = (
        column[order]
        for column in (account, booked_at, cents, direction, channel, mcc, description)
    )
    tx_count = len(account)
    transactions = pa.table(
        {
            "transaction_id": _ids("T", ids.transaction, tx_count, 11),
            "account_id": pc.take(account_ids, pa.array(account)),
            "booked_at": pa.array(booked_at, type=pa.timestamp("us")),
            "amount": _decimal(cents),
            "direction": _lookup(DIRECTIONS, direction),
            "channel": _lookup(CHANNELS, channel),
            "merchant_category_code": _lookup(MCC_LIST, mcc),
            "description": _lookup(DESCRIPTIONS, description),
        },
        schema=SCHEMAS["transactions"],
    )
    ids.transaction += tx_count

    # --- month-end balances: opening balance plus the month's booked flows --------------------
    opening = np.zeros(account_count, dtype=np.int64)
    opening[current_account] = np.round(
        income_cents * np.maximum(p("opening_current_balance"), 0.01)
    ).astype(np.int64)
    opening[savings_account[has_savings]] = opening_savings_cents[has_savings]
    opening[card_account[has_card]] = opening_card_cents[has_card]
    opening[deposit_account[has_deposit]] = deposit_cents[has_deposit]
    outstanding = principal_cents - instalment * np.minimum(elapsed_months, term)
    opening[loan_account] = np.where(in_window_loan, 0, -np.maximum(outstanding, 0))
    opened_before = account_opened < window_start
    opening = np.where(opened_before, opening, 0)
    month_of_tx = (
        day[order].astype("datetime64[M]") - month_starts[0].astype("datetime64[M]")
    ).astype(int)
    signed = np.where(direction == credit, cents, -cents)
    flows = np.zeros((account_count, months), dtype=np.int64)
    np.add.at(flows, (account, month_of_tx), signed)
    balance = opening[:, None] + np.cumsum(flows, axis=1)
    open_at = (account_opened[:, None] <= month_ends[None, :]) & (
        account_closed[:, None] > month_ends[None, :]
    )
    balance_account, balance_month = np.nonzero(open_at)
    balances = pa.table(
        {
            "account_id": pc.take(account_ids, pa.array(balance_account)),
            "balance_date": pa.array(month_ends[balance_month], type=pa.date32()),
            "balance": _decimal(balance[balance_account, balance_month]),
        },
        schema=SCHEMAS["balances"],
    )

    # --- loan applications ----------------------------------------------------------------------
    application_count = rng.poisson(p("loan_applications"))
    app_customer = np.repeat(customer_index, application_count)
    app_total = len(app_customer)
    earliest = np.maximum(onboarded[app_customer], window_start)
    applied_day = earliest + (
        rng.random(app_total) * np.maximum((window_end - earliest).astype(int), 1)
    ).astype(int)
    applied_at = applied_day.astype("datetime64[us]") + seconds(app_total, 8, 22).astype(
        "timedelta64[s]"
    )
    declined = rng.random(app_total) < p("decline_probability")[app_customer]
    pending = (window_end - applied_day).astype(int) < 10
    decision = np.where(declined, 1, np.where(pending, 2, 0))
    app_product = rng.choice([0, 1, 2, 3], app_total, p=[0.55, 0.1, 0.2, 0.15])
    loan_applications = pa.table(
        {
            "application_id": _ids("P", ids.application, app_total, 8),
            "customer_id": pc.take(customer_ids, pa.array(app_customer)),
            "applied_at": pa.array(applied_at, type=pa.timestamp("us")),
            "product": _lookup(LOAN_PRODUCTS, app_product),
            "requested_amount": _decimal(
                np.round(
                    rng.lognormal(
                        np.log(np.array([8_000, 150_000, 20_000, 1_500])[app_product]), 0.5
                    ),
                    -2,
                )
                * 100
            ),
            "decision": _lookup(("approved", "declined", "pending"), decision),
        },
        schema=SCHEMAS["loan_applications"],
    )
    ids.application += app_total

    return {
        "customers": customers,
        "accounts": accounts,
        "transactions": transactions,
        "balances": balances,
        "loans": loans,
        "loan_applications": loan_applications,
    }, truth
