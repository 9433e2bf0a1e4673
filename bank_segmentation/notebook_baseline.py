"""The notebook approach most segmentation projects start from, used as the benchmark baseline:
pandas reads every raw file whole, groupby per customer, StandardScaler, K-Means with the elbow.

    python -m bank_segmentation.notebook_baseline --raw data/raw/demo
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.preprocessing import StandardScaler


def customer_features(raw: Path) -> pd.DataFrame:
    """Roughly the project's behavioural features, computed the pandas way."""
    accounts = pd.read_parquet(raw / "accounts.parquet")
    transactions = pd.read_parquet(raw / "transactions.parquet")
    balances = pd.read_parquet(raw / "balances.parquet")
    applications = pd.read_parquet(raw / "loan_applications.parquet")
    frame = transactions.merge(
        accounts[["account_id", "customer_id", "product_type"]], on="account_id"
    )
    frame["amount"] = frame["amount"].astype(float)
    frame["month"] = frame["booked_at"].dt.to_period("M")
    frame["is_purchase"] = (frame.direction == "debit") & frame.channel.isin(
        ["card_pos", "card_online"]
    )
    frame["purchase_amount"] = frame.amount.where(frame.is_purchase, 0.0)
    frame["is_online"] = frame.channel.eq("card_online")
    frame["is_cash"] = frame.channel.isin(["atm", "branch"])
    frame["is_card_present"] = frame.channel.eq("card_pos")
    frame["credit_amount"] = frame.amount.where(frame.direction == "credit", 0.0)
    grouped = frame.groupby("customer_id")
    months = frame["month"].nunique()
    features = pd.DataFrame(
        {
            "transactions_per_month": grouped.size() / months,
            "spend_per_month_amount": grouped.purchase_amount.sum() / months,
            "average_ticket_amount": grouped.purchase_amount.sum() / grouped.is_purchase.sum(),
            "online_share": grouped.is_online.mean(),
            "cash_share": grouped.is_cash.mean(),
            "card_present_share": grouped.is_card_present.mean(),
            "credits_per_month_amount": grouped.credit_amount.sum() / months,
            "recency_days": (frame.booked_at.max() - grouped.booked_at.max()).dt.days,
        }
    )
    balance = balances.merge(accounts[["account_id", "customer_id"]], on="account_id")
    balance["balance"] = balance["balance"].astype(float)
    features["average_balance_amount"] = balance.groupby("customer_id").balance.mean()
    features["loan_application_count"] = applications.groupby("customer_id").size()
    return features


def elbow_k(inertias: dict[int, float]) -> int:
    """The k furthest below the straight line from the first to the last inertia point."""
    ks = np.array(sorted(inertias))
    values = np.array([inertias[k] for k in ks])
    line = values[0] + (values[-1] - values[0]) * (ks - ks[0]) / (ks[-1] - ks[0])
    return int(ks[np.argmax(line - values)])


def standardised(features: pd.DataFrame) -> np.ndarray:
    """Mean-imputed (0 where a column is empty), then StandardScaler: the notebook's matrix."""
    numeric = features.fillna(features.mean()).fillna(0.0)
    return StandardScaler().fit_transform(numeric.to_numpy())


def segment(features: pd.DataFrame, seed: int = 42) -> tuple[int, np.ndarray]:
    """K-Means on the standardised features, k by the elbow of the inertia over k = 2..10."""
    x = standardised(features)
    inertias = {
        k: KMeans(n_clusters=k, n_init=10, random_state=seed).fit(x).inertia_ for k in range(2, 11)
    }
    k = elbow_k(inertias)
    return k, KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(x)


OUT_OF_MEMORY = 3  # exit code when the notebook way does not fit in memory


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, required=True)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        features = customer_features(args.raw)
        k, labels = segment(features)
    except MemoryError:
        print("out of memory", file=sys.stderr)
        return OUT_OF_MEMORY
    print(
        f"customers={len(features)} k={k} segments={np.bincount(labels).tolist()} "
        f"seconds={time.perf_counter() - started:.1f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
