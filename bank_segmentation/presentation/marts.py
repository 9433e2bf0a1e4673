"""Reads of the BI-facing marts, one function per view the dashboard and report show. Every
query aggregates: no customer id or other personal field leaves these functions."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from bank_segmentation.publication import MANIFEST_TABLE


class WarehouseBusyError(RuntimeError):
    """A build holds the warehouse file: DuckDB lets no reader in beside a writer."""


def connect(database: Path) -> duckdb.DuckDBPyConnection:
    if not Path(database).exists():
        raise FileNotFoundError(f"{database}: no warehouse; run `make build` first")
    try:
        return duckdb.connect(str(database), read_only=True)
    except duckdb.IOException as error:
        if "lock" not in str(error).lower():
            raise
        raise WarehouseBusyError(
            f"A build is running on {database}: DuckDB lets no reader in beside it, so the "
            "segments show again when the build ends. Reload this page in a minute."
        ) from error


def frame(connection: duckdb.DuckDBPyConnection, sql: str, *params) -> pd.DataFrame:
    return connection.execute(sql, list(params)).df()


def as_of_dates(connection: duckdb.DuckDBPyConnection) -> list[date]:
    rows = connection.execute(
        "select distinct as_of_date from segment_summary order by as_of_date desc"
    ).fetchall()
    return [row[0] for row in rows]


def all_segments(connection: duckdb.DuckDBPyConnection) -> list[tuple[int, str]]:
    """Every (segment id, name) of any as-of date: the domain of the segment colours."""
    rows = connection.execute(
        "select distinct segment_id, segment_name from segment_summary order by segment_id"
    ).fetchall()
    return [(int(segment_id), name) for segment_id, name in rows]


def segment_overview(connection: duckdb.DuckDBPyConnection, as_of: date) -> pd.DataFrame:
    return frame(
        connection,
        """
        select
            segment_id, segment_name, customers, customer_share,
            total_spend_per_month_amount, median_spend_per_month_amount,
            total_deposit_balance_amount, mean_recurring_income_amount,
            mean_product_breadth, credit_card_share, loan_holder_share,
            median_spend_per_month_text, total_deposit_balance_text
        from segment_summary
        where as_of_date = ?
        order by segment_id
        """,
        as_of,
    )


def model_verdict(
    connection: duckdb.DuckDBPyConnection, as_of: date
) -> tuple[str | None, tuple[str, ...]]:
    """The verdict of the model that made the as-of date's segments, and its reasons."""
    row = connection.execute(
        "select model_verdict, model_verdict_reasons from segment_summary where as_of_date = ? "
        "limit 1",
        [as_of],
    ).fetchone()
    if row is None or row[0] is None:
        return None, ()
    return str(row[0]), tuple(json.loads(row[1] or "[]"))


def segment_profiles(connection: duckdb.DuckDBPyConnection, as_of: date) -> pd.DataFrame:
    return frame(
        connection,
        """
        select segment_id, segment_name, feature, segment_mean, population_mean,
               index_vs_population, difference_vs_population, z_score,
               segment_mean_text, population_mean_text, profile_cell_text
        from segment_profiles
        where as_of_date = ?
        order by segment_id, feature
        """,
        as_of,
    )


def segment_playbook(connection: duckdb.DuckDBPyConnection, as_of: date) -> pd.DataFrame:
    return frame(
        connection,
        """
        select segment_id, segment_name, customers, segment_description, action, has_campaign,
               channel, product, action_description, response_rate, value_basis, value_rate,
               targeted_customers, expected_value_amount, expected_value_text,
               segment_expected_value_text, total_expected_value_text
        from segment_playbook
        where as_of_date = ?
        order by segment_id, expected_value_amount desc nulls last, action
        """,
        as_of,
    )


def display_formats(connection: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return frame(
        connection,
        "select source_name, unit, label, value_suffix from display_formats",
    )


def segment_migration(connection: duckdb.DuckDBPyConnection, as_of: date) -> pd.DataFrame:
    return frame(
        connection,
        """
        select previous_as_of_date, from_segment_name, to_segment_name, customers,
               share_of_from_segment, has_moved
        from segment_migration
        where as_of_date = ?
        order by from_segment_id, to_segment_id
        """,
        as_of,
    )


def rfm_grid(
    connection: duckdb.DuckDBPyConnection, as_of: date, segment: str | None = None
) -> pd.DataFrame:
    """Customers per recency x frequency score (1-5), with their mean monetary amount."""
    return frame(
        connection,
        """
        select r_score, f_score, count(*) as customers,
               avg(monetary_amount) as mean_monetary_amount
        from segment_history
        where as_of_date = ? and (? is null or segment_name = ?)
        group by r_score, f_score
        order by r_score, f_score
        """,
        as_of,
        segment,
        segment,
    )


def rfm_summary(connection: duckdb.DuckDBPyConnection, as_of: date) -> pd.DataFrame:
    return frame(
        connection,
        """
        select rfm_label, customers, customer_share, mean_monetary_amount
        from rfm_summary
        where as_of_date = ?
        order by customers desc
        """,
        as_of,
    )


def data_quality(connection: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame, pd.DataFrame]:
    counts = frame(
        connection,
        "select table_name, rows_in, rows_kept, rows_rejected, rows_redelivered, "
        "rejected_share "
        "from data_quality_row_counts order by table_name",
    )
    reasons = frame(
        connection,
        "select table_name, rejection_reason, rows_rejected, sample_value, reading_setting "
        "from data_quality_rejections order by rows_rejected desc, table_name, rejection_reason",
    )
    return counts, reasons


def feature_drift(connection: duckdb.DuckDBPyConnection, as_of: date) -> pd.DataFrame:
    """PSI per clustering feature on `as_of`, the largest month-on-month move first."""
    return frame(
        connection,
        """
        select
            feature, psi_vs_training, status_vs_training, psi_vs_previous,
            status_vs_previous, training_as_of_date, previous_as_of_date
        from segment_feature_drift
        where as_of_date = ?
        order by coalesce(psi_vs_previous, psi_vs_training) desc, feature
        """,
        as_of,
    )


def share_drift(connection: duckdb.DuckDBPyConnection, as_of: date) -> pd.DataFrame:
    return frame(
        connection,
        """
        select
            segment_id, segment_name, customer_share_pct, share_at_training_pct,
            previous_share_pct, change_vs_training_points, change_vs_previous_points,
            centroid_movement
        from segment_share_drift
        where as_of_date = ?
        order by segment_id
        """,
        as_of,
    )


def campaign_exclusions(connection: duckdb.DuckDBPyConnection, as_of: date) -> pd.DataFrame:
    """Per action and eligibility rule, the customers left out of its list, in rule order."""
    return frame(
        connection,
        """
        select action, exclusion_reason, customers_excluded, is_rule_checked
        from campaign_exclusions
        where as_of_date = ?
        order by action, exclusion_order
        """,
        as_of,
    )


def table_exists(connection: duckdb.DuckDBPyConnection, name: str) -> bool:
    found = connection.execute(
        "select count(*) from information_schema.tables where table_name = ?", [name]
    ).fetchall()
    return found[0][0] > 0


def published_at(connection: duckdb.DuckDBPyConnection) -> datetime | None:
    """When the build behind a published snapshot was published (UTC); None for a working
    warehouse, which has no publication_manifest."""
    if not table_exists(connection, MANIFEST_TABLE):
        return None
    return connection.execute(f"select max(published_at) from {MANIFEST_TABLE}").fetchall()[0][0]


def model_decisions(connection: duckdb.DuckDBPyConnection, as_of: date) -> pd.DataFrame:
    """What each build up to `as_of` did about the model (fit, score, retrain) and why, the
    latest first; empty for a warehouse built before segmentation_decisions existed."""
    if not table_exists(connection, "segmentation_decisions"):
        return pd.DataFrame(columns=["as_of_date", "action", "model_version", "reason"])
    return frame(
        connection,
        """
        select as_of_date, action, model_version, reason
        from segmentation_decisions
        where as_of_date <= ?
        order by as_of_date desc
        """,
        as_of,
    )
