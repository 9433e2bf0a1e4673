"""The small messy extract shared by the bad-input tests and the Spark comparison: a clean
demo extract plus one row per row-level problem the staging layer quarantines."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from bank_segmentation.demo_data.generator import SCHEMAS

AS_OF = "2025-03-31"
BUILD = ["build", "--vars", f"{{as_of_date: '{AS_OF}'}}"]


def copy_raw(source: Path, target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for table in SCHEMAS:
        shutil.copy(source / f"{table}.parquet", target / f"{table}.parquet")
    return target


def read(folder: Path, table: str) -> pd.DataFrame:
    return pq.read_table(folder / f"{table}.parquet").to_pandas()


def write(folder: Path, table: str, frame: pd.DataFrame) -> None:
    """Write in the contract's schema (amounts as decimals, like a real extract)."""
    schema = SCHEMAS[table]
    frame = frame.copy()
    for field in schema:
        if pa.types.is_decimal(field.type):
            frame[field.name] = pd.Series(
                [
                    None if pd.isna(v) else Decimal(str(round(float(v), 2)))
                    for v in frame[field.name]
                ],
                index=frame.index,
                dtype=object,
            )
    pq.write_table(
        pa.Table.from_pandas(frame, schema=schema, preserve_index=False),
        folder / f"{table}.parquet",
    )


def ts(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


def write_messy_extract(clean_raw: Path, raw: Path) -> None:
    """The clean extract plus one row per row-level problem, written to raw."""
    copy_raw(clean_raw, raw)
    customers = read(raw, "customers")
    accounts = read(raw, "accounts")
    transactions = read(raw, "transactions")
    first = customers.iloc[0]
    current = accounts[
        (accounts.product_type == "current")
        & (accounts.opened_date < pd.Timestamp("2024-06-01").date())
    ].iloc[0]
    extra_customers = pd.DataFrame(
        [
            {**first, "region": "Elsewhere"},  # duplicated key
            {**first, "customer_id": None},  # null key
            {**first, "customer_id": "C_GENDER", "gender": "X"},  # unknown code
            {**first, "customer_id": "C_SINGLE"},  # one transaction only
        ]
    )
    extra_accounts = pd.DataFrame(
        [
            {**current, "account_id": "A_ORPHAN", "customer_id": "C_NOBODY"},  # orphan account
            {**current, "account_id": "A_PRODUCT", "product_type": "crypto_wallet"},
            {**current, "account_id": "A_SINGLE", "customer_id": "C_SINGLE"},
        ]
    )
    base = {
        "account_id": current.account_id,
        "booked_at": ts("2025-02-10 12:00"),
        "amount": 25.0,
        "direction": "debit",
        "channel": "card_pos",
        "merchant_category_code": "5411",
        "description": "CARD PURCHASE",
    }
    extra_transactions = pd.DataFrame(
        [
            {**base, "transaction_id": "T_ZERO", "amount": 0.0},
            {**base, "transaction_id": "T_NEGATIVE", "amount": -12.5},
            {**base, "transaction_id": "T_ABSURD", "amount": 5e9},
            {**base, "transaction_id": "T_DIRECTION", "direction": "sideways"},
            {**base, "transaction_id": "T_CHANNEL", "channel": "carrier_pigeon"},
            {**base, "transaction_id": None},
            {**base, "transaction_id": transactions.transaction_id.iloc[0]},  # duplicated key
            {**base, "transaction_id": "T_ORPHAN", "account_id": "A_NOWHERE"},
            {**base, "transaction_id": "T_BEFORE_OPEN", "booked_at": ts("1990-01-01 10:00")},
            {**base, "transaction_id": "T_FUTURE", "booked_at": ts("2025-09-01 10:00")},
            {**base, "transaction_id": "T_OUTLIER", "amount": 5e6},
            {**base, "transaction_id": "T_SINGLE", "account_id": "A_SINGLE"},
        ]
    )
    balances = read(raw, "balances")
    loans = read(raw, "loans")
    applications = read(raw, "loan_applications")
    write(raw, "customers", pd.concat([customers, extra_customers], ignore_index=True))
    write(raw, "accounts", pd.concat([accounts, extra_accounts], ignore_index=True))
    write(raw, "transactions", pd.concat([transactions, extra_transactions], ignore_index=True))
    first_balance = balances[balances.balance.notna()].iloc[[0]]
    conflicting = first_balance.assign(balance=first_balance.balance + 1)  # duplicated key
    delivered_again = first_balance  # the same row twice: kept once, not a rejection
    write(
        raw,
        "balances",
        pd.concat([balances, conflicting, delivered_again], ignore_index=True),
    )
    write(
        raw,
        "loans",
        pd.concat(
            [loans, loans.iloc[[0]].assign(loan_id="L_STATUS", status="written_off")],
            ignore_index=True,
        ),
    )
    write(
        raw,
        "loan_applications",
        pd.concat(
            [
                applications,
                applications.iloc[[0]].assign(application_id="P_NEGATIVE", requested_amount=-5.0),
            ],
            ignore_index=True,
        ),
    )


# The marts test_bad_input compares between two consecutive builds of the messy extract.
MARTS = (
    "customer_segments",
    "segment_history",
    "segment_summary",
    "segment_profiles",
    "rfm_summary",
    "campaign_targets",
    "segment_playbook",
    "data_quality_row_counts",
    "data_quality_rejections",
)
