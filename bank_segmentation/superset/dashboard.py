"""The segment dashboard in Superset, as code: the datasets it reads from the published snapshot,
its charts and their layout. Pure data and the functions that turn it into Superset's REST
payloads (api.py sends them); nothing here talks to Superset."""

from __future__ import annotations

import json
from dataclasses import dataclass

DATABASE_NAME = "Bank segmentation (published snapshot)"
DASHBOARD_TITLE = "Bank customer segments"
DASHBOARD_SLUG = "bank-segments"
SCHEMA = "main"

# Every dataset reads the published snapshot only; "current_" ones keep the newest as-of date.
_LATEST = "as_of_date = (select max(as_of_date) from {table})"


@dataclass(frozen=True)
class Dataset:
    name: str
    sql: str | None = None  # None: the snapshot's table of that name

    def payload(self, database_id: int) -> dict:
        payload = {"database": database_id, "schema": SCHEMA, "table_name": self.name}
        if self.sql is not None:
            payload["sql"] = self.sql
        return payload


DATASETS = (
    Dataset(
        "data_as_of",
        "select distinct\n"
        "    strftime(as_of_date, '%Y-%m-%d') as as_of_date,\n"
        "    strftime(published_at, '%Y-%m-%d %H:%M UTC') as published_at,\n"
        "    model_version,\n"
        "    model_verdict\n"
        "from publication_manifest",
    ),
    Dataset(
        "current_segment_summary",
        "select * from segment_summary where " + _LATEST.format(table="segment_summary"),
    ),
    Dataset(
        "current_campaign_value",
        "select * from segment_playbook where has_campaign and "
        + _LATEST.format(table="segment_playbook"),
    ),
    Dataset("segment_summary"),
    Dataset(
        "current_campaign_exclusions",
        "select * from campaign_exclusions where " + _LATEST.format(table="campaign_exclusions"),
    ),
)


def sql_metric(sql: str, label: str) -> dict:
    return {"expressionType": "SQL", "sqlExpression": sql, "label": label}


@dataclass(frozen=True)
class Chart:
    """A chart: what the frontend draws from (params) and the query the data API runs for it
    (columns and metrics), which `make superset-check` asks for rows."""

    name: str
    viz_type: str
    dataset: str
    params: dict
    columns: tuple = ()
    metrics: tuple = ()
    width: int = 6  # of the dashboard's 12 columns
    height: int = 50

    def form_data(self, dataset_id: int) -> dict:
        return {
            "datasource": f"{dataset_id}__table",
            "viz_type": self.viz_type,
            "row_limit": 1000,
            **self.params,
        }

    def query_context(self, dataset_id: int) -> dict:
        query = {
            "columns": list(self.columns),
            "metrics": list(self.metrics),
            "orderby": [[self.metrics[0], False]] if self.metrics else [],
            "filters": [],
            "extras": {"having": "", "where": ""},
            "row_limit": 1000,
        }
        return {
            "datasource": {"id": dataset_id, "type": "table"},
            "force": False,
            "queries": [query],
            "form_data": self.form_data(dataset_id),
            "result_format": "json",
            "result_type": "full",
        }

    def payload(self, dataset_id: int, dashboard_id: int) -> dict:
        return {
            "slice_name": self.name,
            "viz_type": self.viz_type,
            "datasource_id": dataset_id,
            "datasource_type": "table",
            "params": json.dumps(self.form_data(dataset_id)),
            "query_context": json.dumps(self.query_context(dataset_id)),
            "dashboards": [dashboard_id],
        }


CUSTOMERS = sql_metric("SUM(customers)", "customers")
SHARE = sql_metric("SUM(customer_share)", "share of customers")
EXPECTED_VALUE = sql_metric("SUM(expected_value_amount)", "expected value")
EXCLUDED = sql_metric("SUM(customers_excluded)", "customers left out")

DATA_AS_OF_COLUMNS = ("as_of_date", "published_at", "model_version", "model_verdict")
OVERVIEW_COLUMNS = (
    "segment_name",
    "customers",
    "customer_share",
    "median_spend_per_month_text",
    "total_deposit_balance_text",
    "credit_card_share",
    "loan_holder_share",
    "top_region",
)
AS_OF_AXIS = {
    "columnType": "BASE_AXIS",
    "expressionType": "SQL",
    "label": "as_of_date",
    "sqlExpression": "as_of_date",
}

CHARTS = (
    Chart(
        "Data as of",
        "table",
        "data_as_of",
        {"query_mode": "raw", "all_columns": list(DATA_AS_OF_COLUMNS)},
        columns=DATA_AS_OF_COLUMNS,
        width=12,
        height=20,
    ),
    Chart(
        "Customers per segment",
        "pie",
        "current_segment_summary",
        {"groupby": ["segment_name"], "metric": CUSTOMERS, "show_labels": True},
        columns=("segment_name",),
        metrics=(CUSTOMERS,),
        width=5,
    ),
    Chart(
        "Segment overview",
        "table",
        "current_segment_summary",
        {
            "query_mode": "raw",
            "all_columns": list(OVERVIEW_COLUMNS),
            "order_by_cols": [json.dumps(["customers", False])],
            "column_config": {
                share: {"d3NumberFormat": ".1%"}
                for share in ("customer_share", "credit_card_share", "loan_holder_share")
            },
        },
        columns=OVERVIEW_COLUMNS,
        width=7,
    ),
    Chart(
        "Segment shares over time",
        "echarts_timeseries_line",
        "segment_summary",
        {
            "x_axis": "as_of_date",
            "time_grain_sqla": "P1M",
            "x_axis_time_format": "%b %Y",
            "metrics": [SHARE],
            "groupby": ["segment_name"],
            "markerEnabled": True,
            "y_axis_format": ".0%",
        },
        columns=(AS_OF_AXIS, "segment_name"),
        metrics=(SHARE,),
    ),
    Chart(
        "Expected campaign value per action",
        "echarts_timeseries_bar",
        "current_campaign_value",
        {
            "x_axis": "action",
            "metrics": [EXPECTED_VALUE],
            "orientation": "horizontal",
            "x_axis_sort": EXPECTED_VALUE["label"],
            "x_axis_sort_asc": True,
            "y_axis_format": "SMART_NUMBER",
        },
        columns=("action",),
        metrics=(EXPECTED_VALUE,),
    ),
    Chart(
        "Left out of the campaign lists",
        "table",
        "current_campaign_exclusions",
        {"groupby": ["action", "exclusion_reason", "is_rule_checked"], "metrics": [EXCLUDED]},
        columns=("action", "exclusion_reason", "is_rule_checked"),
        metrics=(EXCLUDED,),
        width=12,
    ),
)


def position_json(chart_ids: dict[str, int]) -> dict:
    """The dashboard grid: charts in the order of CHARTS, rows filled up to 12 columns."""
    position: dict = {
        "DASHBOARD_VERSION_KEY": "v2",
        "ROOT_ID": {"type": "ROOT", "id": "ROOT_ID", "children": ["GRID_ID"]},
        "GRID_ID": {"type": "GRID", "id": "GRID_ID", "children": [], "parents": ["ROOT_ID"]},
        "HEADER_ID": {"type": "HEADER", "id": "HEADER_ID", "meta": {"text": DASHBOARD_TITLE}},
    }
    rows: list[list[Chart]] = []
    for chart in CHARTS:
        if not rows or sum(c.width for c in rows[-1]) + chart.width > 12:
            rows.append([])
        rows[-1].append(chart)
    for row_number, row in enumerate(rows, start=1):
        row_id = f"ROW-{row_number}"
        position["GRID_ID"]["children"].append(row_id)
        position[row_id] = {
            "type": "ROW",
            "id": row_id,
            "children": [],
            "parents": ["ROOT_ID", "GRID_ID"],
            "meta": {"background": "BACKGROUND_TRANSPARENT"},
        }
        for chart in row:
            chart_id = chart_ids[chart.name]
            key = f"CHART-{chart_id}"
            position[row_id]["children"].append(key)
            position[key] = {
                "type": "CHART",
                "id": key,
                "children": [],
                "parents": ["ROOT_ID", "GRID_ID", row_id],
                "meta": {
                    "chartId": chart_id,
                    "sliceName": chart.name,
                    "width": chart.width,
                    "height": chart.height,
                },
            }
    return position
