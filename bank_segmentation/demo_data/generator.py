"""Vectorised, chunked generator of a demo core-banking extract (the raw input contract).

Customers are generated in fixed-size chunks, each with its own random stream derived from
the seed, so the output depends only on (seed, customers, months, start date) and memory stays
bounded whatever the size. Amounts are computed in integer cents, so month-end balances equal
the opening balance plus the booked flows exactly.

Over 300 lines on purpose: every draw of a chunk and the Arrow tables they fill sit together,
in the order they consume the chunk's random stream, which fixes the output.
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

from bank_segmentation.demo_data.chunk import AccountLayout, Income, Loans, People, Products, Window
from bank_segmentation.demo_data.flows import (
    CHANNELS,
    CREDIT,
    DESCRIPTIONS,
    DIRECTIONS,
    MCC_LIST,
    Draws,
    Transactions,
    book_card_spend,
    book_cash,
    book_credit_card,
    book_fixed_outgoings,
    book_income,
    book_loans,
    book_savings,
    book_transfers,
)
from bank_segmentation.demo_data.personas import (
    NUMERIC_FIELDS,
    PERSONA_NAMES,
    persona_matrix,
)

CHUNK_SIZE = 20_000
REGIONS = ("Capital", "Central", "North", "North-East", "East", "South", "South-West", "West")
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
            ("marketing_consent", pa.bool_()),
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


def _generate_chunk(config: DemoConfig, chunk_index: int, n: int, ids: _IdCounters):
    """The six tables and the planted personas of one chunk of n customers. Every random
    draw comes from the chunk's stream in the order below: reordering the steps changes the
    output (python_tests/test_demo_data.py pins it)."""
    rng = np.random.default_rng([config.seed, chunk_index])
    window = Window.of(config.start_date, config.months)
    people = _draw_people(rng, n, config.blend_share)
    customers, truth, onboarded = _customers(rng, people, window, ids)
    customer_ids = customers.column("customer_id")
    income = _draw_income(rng, people)
    products = _draw_products(rng, people, onboarded, window, income)
    loan_draws = _draw_loans(rng, people, onboarded, window)
    loans = _loans_table(loan_draws, customer_ids, ids)
    layout, accounts = _accounts(people, onboarded, products, loan_draws, customer_ids, ids)

    draws = Draws(rng, n, window)
    tx = Transactions()
    card_debits = np.zeros((n, window.months), dtype=np.int64)
    book_income(draws, tx, income, layout)
    book_fixed_outgoings(draws, tx, people, income, layout)
    book_card_spend(draws, tx, people, products, layout, card_debits)
    book_cash(draws, tx, people, layout)
    book_transfers(draws, tx, people, income, layout)
    opening_savings_cents, deposit_cents = book_savings(draws, tx, people, income, products, layout)
    opening_card_cents = book_credit_card(draws, tx, people, products, layout, card_debits)
    instalment = book_loans(draws, tx, loan_draws, layout)
    transactions, booked = _transactions_table(tx, layout, window, ids)

    opening = _opening_balances(
        people,
        income,
        products,
        loan_draws,
        layout,
        _Openings(opening_savings_cents, deposit_cents, opening_card_cents, instalment),
    )
    balances = _balances_table(opening, booked, layout, window)

    loan_applications = _loan_applications(rng, draws, people, onboarded, window, customer_ids, ids)
    consent = _marketing_consent(
        np.random.default_rng([config.seed, chunk_index, CONSENT_STREAM]), n
    )
    return {
        "customers": customers.set_column(
            customers.schema.get_field_index("marketing_consent"), "marketing_consent", consent
        ),
        "accounts": accounts,
        "transactions": transactions,
        "balances": balances,
        "loans": loans,
        "loan_applications": loan_applications,
    }, truth


# Consent is drawn from a stream of its own, so that adding it moved no other draw.
CONSENT_STREAM = 1
CONSENT_SHARES = {"opted_in": 0.78, "opted_out": 0.19}  # the rest left empty: no consent


def _marketing_consent(rng: np.random.Generator, n: int) -> pa.Array:
    draw = rng.random(n)
    opted_in = draw < CONSENT_SHARES["opted_in"]
    empty = draw >= CONSENT_SHARES["opted_in"] + CONSENT_SHARES["opted_out"]
    return pa.array(opted_in, mask=empty, type=pa.bool_())


def _draw_people(rng: np.random.Generator, n: int, blend_share: float) -> People:
    numeric, weights_present, weights_online = persona_matrix()
    shares = numeric[:, NUMERIC_FIELDS.index("share")]
    shares = shares / shares.sum()
    persona_count = len(PERSONA_NAMES)
    persona = rng.choice(persona_count, size=n, p=shares)
    is_blend = rng.random(n) < blend_share
    secondary = (persona + 1 + rng.integers(0, persona_count - 1, n)) % persona_count
    blend_weight = np.where(is_blend, rng.uniform(0.25, 0.45, n), 0.0)
    mix = blend_weight[:, None]
    params = (1 - mix) * numeric[persona] + mix * numeric[secondary]
    for field in NOISY_FIELDS:
        params[:, NUMERIC_FIELDS.index(field)] *= rng.lognormal(0.0, 0.25, n)
    return People(
        persona=persona,
        secondary=secondary,
        is_blend=is_blend,
        blend_weight=blend_weight,
        params=params,
        present_weights=(1 - mix) * weights_present[persona] + mix * weights_present[secondary],
        online_weights=(1 - mix) * weights_online[persona] + mix * weights_online[secondary],
    )


def _customers(
    rng: np.random.Generator, people: People, window: Window, ids: _IdCounters
) -> tuple[pa.Table, pa.Table, np.ndarray]:
    """The customers table, the planted personas, and each customer's onboarding day."""
    n = people.n
    age_years = rng.uniform(people.p("age_low"), people.p("age_high"))
    birth_date = window.end - (age_years * 365.25).astype(int)
    is_new = rng.random(n) < 0.06
    tenure_days = rng.integers(30, 7300, n)
    joined_in_window = window.start + rng.integers(0, max(1, window.months * 30 - 20), n)
    onboarded = np.where(is_new, joined_in_window, window.start - tenure_days)
    onboarded = np.maximum(onboarded, birth_date + 18 * 365)
    onboarded = np.minimum(onboarded, window.end - 10)
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
            "marketing_consent": pa.nulls(n, type=pa.bool_()),  # drawn last, on its own stream
        },
        schema=SCHEMAS["customers"],
    )
    truth = pa.table(
        {
            "customer_id": customer_ids,
            "persona": _lookup(PERSONA_NAMES, people.persona),
            "secondary_persona": _lookup(
                PERSONA_NAMES, np.where(people.is_blend, people.secondary, -1)
            ),
            "blend_weight": people.blend_weight,
        },
        schema=GROUND_TRUTH_SCHEMA,
    )
    return customers, truth, onboarded


def _draw_income(rng: np.random.Generator, people: People) -> Income:
    return Income(
        cents=np.round(people.p("monthly_income") * 100).astype(np.int64),
        has_income=rng.random(people.n) < people.p("income_probability"),
        is_pension=rng.random(people.n) < people.p("pension_probability"),
    )


def _draw_products(
    rng: np.random.Generator,
    people: People,
    onboarded: np.ndarray,
    window: Window,
    income: Income,
) -> Products:
    n = people.n
    later_opening = rng.integers(0, 365, n)
    product_opened = np.where(
        onboarded + later_opening < window.start, onboarded + later_opening, onboarded
    )
    has_savings = rng.random(n) < people.p("savings_probability")
    has_card = rng.random(n) < people.p("credit_card_probability")
    has_deposit = rng.random(n) < people.p("term_deposit_probability")
    limit_cents = np.maximum(
        50_000, np.round(income.cents * rng.uniform(1.0, 3.0, n) / 10_000) * 10_000
    ).astype(np.int64)
    return Products(product_opened, has_savings, has_card, has_deposit, limit_cents)


def _draw_loans(
    rng: np.random.Generator, people: People, onboarded: np.ndarray, window: Window
) -> Loans:
    loans_held = np.minimum(rng.poisson(people.p("loans_held")), 4)
    loan_customer = np.repeat(people.index, loans_held)
    loan_count = len(loan_customer)
    is_seeker = people.persona[loan_customer] == PERSONA_NAMES.index("loan_seeker")
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
        window.start + rng.integers(0, max(1, window.months * 30 - 5), loan_count),
        window.start - rng.integers(30, 2000, loan_count),
    )
    originated = np.maximum(originated, onboarded[loan_customer])
    originated = np.minimum(originated, window.end)
    status_draw = rng.random(loan_count)
    status = np.where(
        is_seeker,
        np.select([status_draw < 0.72, status_draw < 0.9], [0, 1], 2),
        np.where(status_draw < 0.97, 0, 1),
    )
    elapsed_months = np.maximum(0, ((window.start - originated).astype(int)) // 30)
    matured = (elapsed_months >= term) & ~in_window_loan
    status = np.where(matured, 3, status)
    return Loans(
        customer=loan_customer,
        product=loan_product,
        principal_cents=principal_cents,
        term=term,
        in_window=in_window_loan,
        originated=originated,
        status=status,
        elapsed_months=elapsed_months,
    )


def _loans_table(loans: Loans, customer_ids: pa.ChunkedArray, ids: _IdCounters) -> pa.Table:
    loan_ids = _ids("L", ids.loan, loans.count, 8)
    ids.loan += loans.count
    return pa.table(
        {
            "loan_id": loan_ids,
            "customer_id": pc.take(customer_ids, pa.array(loans.customer)),
            "product": _lookup(LOAN_PRODUCTS, loans.product),
            "principal": _decimal(loans.principal_cents),
            "originated_date": pa.array(loans.originated, type=pa.date32()),
            "term_months": pa.array(loans.term.astype(np.int32)),
            "status": _lookup(("current", "late", "default", "closed"), loans.status),
        },
        schema=SCHEMAS["loans"],
    )


def _accounts(
    people: People,
    onboarded: np.ndarray,
    products: Products,
    loans: Loans,
    customer_ids: pa.ChunkedArray,
    ids: _IdCounters,
) -> tuple[AccountLayout, pa.Table]:
    n = people.n
    product_codes = ("current", "savings", "credit_card", "term_deposit", "loan")
    owners = [
        people.index,
        people.index[products.has_savings],
        people.index[products.has_card],
        people.index[products.has_deposit],
        loans.customer,
    ]
    account_customer = np.concatenate(owners)
    account_product = np.concatenate([np.full(len(o), k) for k, o in enumerate(owners)])
    account_opened = np.concatenate(
        [
            onboarded,
            products.product_opened[products.has_savings],
            products.product_opened[products.has_card],
            products.product_opened[products.has_deposit],
            loans.originated,
        ]
    )
    loan_closed = np.where(
        loans.status == 3, loans.originated + (loans.term * 30.4).astype(int), NEVER
    )
    account_closed = np.concatenate([np.full(len(o), NEVER) for o in owners[:4]] + [loan_closed])
    is_open_ended = account_closed == NEVER
    account_count = len(account_customer)
    offsets = np.cumsum([0] + [len(o) for o in owners])
    savings_account = np.full(n, -1)
    savings_account[products.has_savings] = np.arange(offsets[1], offsets[2])
    card_account = np.full(n, -1)
    card_account[products.has_card] = np.arange(offsets[2], offsets[3])
    deposit_account = np.full(n, -1)
    deposit_account[products.has_deposit] = np.arange(offsets[3], offsets[4])
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
                _decimal(products.limit_cents[account_customer]).to_numpy(zero_copy_only=False),
                mask=account_product != 2,
                type=pa.decimal128(18, 2),
            ),
            "currency": pa.array(np.full(account_count, "EUR")),
        },
        schema=SCHEMAS["accounts"],
    )
    layout = AccountLayout(
        ids=account_ids,
        opened=account_opened,
        closed=account_closed,
        current=np.arange(n),
        savings=savings_account,
        card=card_account,
        deposit=deposit_account,
        loan=np.arange(offsets[4], offsets[5]),
    )
    return layout, accounts


@dataclass(frozen=True)
class _Booked:
    """The booked transactions' account row, month index and signed cents (for balances)."""

    account: np.ndarray
    month: np.ndarray
    signed_cents: np.ndarray


def _transactions_table(
    tx: Transactions, layout: AccountLayout, window: Window, ids: _IdCounters
) -> tuple[pa.Table, _Booked]:
    """The transactions booked while their account was open and within the window, ordered
    by booking time then account."""
    account, day, secs, cents, direction, channel, mcc, description = tx.columns()
    valid = (
        (day >= layout.opened[account])
        & (day <= window.end)
        & (day >= window.start)
        & (day < layout.closed[account])
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
            "account_id": pc.take(layout.ids, pa.array(account)),
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
    month = (day[order].astype("datetime64[M]") - window.start.astype("datetime64[M]")).astype(int)
    return transactions, _Booked(account, month, np.where(direction == CREDIT, cents, -cents))


@dataclass(frozen=True)
class _Openings:
    """What the flows drew about balances before the window (cents, per customer or loan)."""

    savings: np.ndarray
    deposit: np.ndarray
    card: np.ndarray
    loan_instalment: np.ndarray


def _opening_balances(
    people: People,
    income: Income,
    products: Products,
    loans: Loans,
    layout: AccountLayout,
    openings: _Openings,
) -> np.ndarray:
    """Each account's balance when the window starts (cents; loans negative: owed)."""
    opening = np.zeros(layout.count, dtype=np.int64)
    opening[layout.current] = np.round(
        income.cents * np.maximum(people.p("opening_current_balance"), 0.01)
    ).astype(np.int64)
    opening[layout.savings[products.has_savings]] = openings.savings[products.has_savings]
    opening[layout.card[products.has_card]] = openings.card[products.has_card]
    opening[layout.deposit[products.has_deposit]] = openings.deposit[products.has_deposit]
    outstanding = loans.principal_cents - openings.loan_instalment * np.minimum(
        loans.elapsed_months, loans.term
    )
    opening[layout.loan] = np.where(loans.in_window, 0, -np.maximum(outstanding, 0))
    return opening


def _balances_table(
    opening: np.ndarray, booked: _Booked, layout: AccountLayout, window: Window
) -> pa.Table:
    """Month-end balances of every account open at the month's end: the opening balance (of
    accounts opened before the window) plus the month's booked flows."""
    opening = np.where(layout.opened < window.start, opening, 0)
    flows = np.zeros((layout.count, window.months), dtype=np.int64)
    np.add.at(flows, (booked.account, booked.month), booked.signed_cents)
    balance = opening[:, None] + np.cumsum(flows, axis=1)
    open_at = (layout.opened[:, None] <= window.month_ends[None, :]) & (
        layout.closed[:, None] > window.month_ends[None, :]
    )
    balance_account, balance_month = np.nonzero(open_at)
    return pa.table(
        {
            "account_id": pc.take(layout.ids, pa.array(balance_account)),
            "balance_date": pa.array(window.month_ends[balance_month], type=pa.date32()),
            "balance": _decimal(balance[balance_account, balance_month]),
        },
        schema=SCHEMAS["balances"],
    )


def _loan_applications(
    rng: np.random.Generator,
    draws: Draws,
    people: People,
    onboarded: np.ndarray,
    window: Window,
    customer_ids: pa.ChunkedArray,
    ids: _IdCounters,
) -> pa.Table:
    application_count = rng.poisson(people.p("loan_applications"))
    app_customer = np.repeat(people.index, application_count)
    app_total = len(app_customer)
    earliest = np.maximum(onboarded[app_customer], window.start)
    applied_day = earliest + (
        rng.random(app_total) * np.maximum((window.end - earliest).astype(int), 1)
    ).astype(int)
    applied_at = applied_day.astype("datetime64[us]") + draws.seconds(app_total, 8, 22).astype(
        "timedelta64[s]"
    )
    declined = rng.random(app_total) < people.p("decline_probability")[app_customer]
    pending = (window.end - applied_day).astype(int) < 10
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
    return loan_applications
