"""An extract written as a bank delivers it: CSV in the bank's encoding, delimiter, date layout
and number separators, a table split into monthly files whose columns drift. It turns a clean
Parquet extract (the demo generator's) into such a delivery, so the values are known and a
build on it can be compared with the build on the clean files (the tests do), and so a user
can try the reading settings on a delivery that looks like theirs.

    python -m bank_segmentation.demo_data.delivery --source data/raw/demo --out DIR \
        --encoding cp1252 --delimiter ';' --date-format '%d/%m/%y' --decimal-separator ','

or as a delivery file (deliveries/<name>.yml) describes it, its codes written as the bank's:

    python -m bank_segmentation.demo_data.delivery --source data/raw/demo --out DIR \
        --like deliveries/example_bank.yml --monthly transactions
"""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from bank_segmentation.demo_data.generator import SCHEMAS

# The column a table is split by month on, for monthly files.
MONTH_COLUMNS = {"transactions": "booked_at", "balances": "balance_date"}
# Text Windows-1252 has and Latin-1 lacks: a euro sign, an en dash, curly quotes.
DECORATION = " – “€” ‘ok’"


@dataclass(frozen=True)
class DeliveryStyle:
    """How the bank writes its files (the defaults: UTF-8 ISO CSV, as the contract reads by
    default)."""

    encoding: str = "utf-8"
    delimiter: str = ","
    date_format: str = "%Y-%m-%d"
    # Tables whose dates are written in another format than date_format (e.g. birth dates
    # with four-digit years where the rest has two).
    date_format_by_table: dict[str, str] = field(default_factory=dict)
    timestamp_format: str = "%Y-%m-%d %H:%M:%S"
    decimal_separator: str = "."
    thousands_separator: str = ""
    byte_order_mark: bool = False
    line_terminator: str = "\n"
    # Descriptions end with DECORATION (characters outside ASCII, and outside Latin-1).
    decorated_descriptions: bool = False
    # Tables written as one file per month in folder <table>/ (<table>_YYYYMM.csv).
    monthly_tables: tuple[str, ...] = ()
    # (table, column): the column is left out of the table's first monthly file.
    first_month_lacks: tuple[str, str] | None = None
    # (table, column) pairs the bank does not deliver at all (e.g. no marketing consent).
    never_delivered: tuple[tuple[str, str], ...] = ()
    # Each monthly file also repeats the rows of the last overlap_days days of the month
    # before it, as extracts cut on a rolling window do: the same records delivered twice.
    overlap_days: int = 0
    # (table, column) -> {contract code: the bank's code}: codes written as the bank's own.
    bank_codes: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)


def style_from_settings(settings: dict[str, Any], **options: Any) -> DeliveryStyle:
    """The style a delivery file's settings (deliveries/<name>.yml) describe: its encoding,
    delimiter, date layouts (the first of a list), separators, and the bank's codes of
    raw_code_mappings written in place of the contract's. options: the other fields."""

    def first(value: Any, default: str) -> str:
        return (value[0] if isinstance(value, list) else value) or default

    date_format = first(settings.get("raw_date_format"), "%Y-%m-%d")
    per_table = settings.get("raw_table_settings") or {}
    bank_codes = {
        (table, column): {contract: bank for bank, contract in mapping.items()}
        for table, columns in (settings.get("raw_code_mappings") or {}).items()
        for column, mapping in columns.items()
    }
    return DeliveryStyle(
        encoding=settings.get("raw_csv_encoding") or "utf-8",
        delimiter=settings.get("raw_csv_delimiter") or ",",
        date_format=date_format,
        date_format_by_table={
            table: first(table_settings["raw_date_format"], date_format)
            for table, table_settings in per_table.items()
            if "raw_date_format" in table_settings
        },
        timestamp_format=first(settings.get("raw_timestamp_format"), "%Y-%m-%d %H:%M:%S"),
        decimal_separator=settings.get("raw_decimal_separator") or ".",
        thousands_separator=settings.get("raw_thousands_separator") or "",
        bank_codes=bank_codes,
        **options,
    )


def number_text(value: object, style: DeliveryStyle) -> str:
    """A decimal as the bank writes it: '1094.52' -> '1.094,52' with ',' and '.'."""
    if value is None or pd.isna(value):
        return ""
    grouped = f"{Decimal(str(value)):,.2f}" if style.thousands_separator else f"{value:.2f}"
    return (
        grouped.replace(",", "\0")
        .replace(".", style.decimal_separator)
        .replace("\0", style.thousands_separator)
    )


def date_text(value: object, date_format: str) -> str:
    if value is None or pd.isna(value):
        return ""
    return pd.Timestamp(value).strftime(date_format)


def column_writers(table: str, style: DeliveryStyle) -> dict[str, Callable[[object], str]]:
    """For each column of a contract table, how its value is written."""
    writers: dict[str, Callable[[object], str]] = {}
    for column in SCHEMAS[table]:
        if pa.types.is_decimal(column.type):
            writers[column.name] = lambda v: number_text(v, style)
        elif pa.types.is_timestamp(column.type):
            writers[column.name] = lambda v: date_text(v, style.timestamp_format)
        elif pa.types.is_date(column.type):
            date_format = style.date_format_by_table.get(table, style.date_format)
            writers[column.name] = lambda v, f=date_format: date_text(v, f)
        elif (table, column.name) in style.bank_codes:
            codes = style.bank_codes[(table, column.name)]
            writers[column.name] = lambda v, c=codes: "" if v is None or pd.isna(v) else c.get(v, v)
        elif column.name == "description" and style.decorated_descriptions:
            writers[column.name] = lambda v: "" if v is None or pd.isna(v) else f"{v}{DECORATION}"
        else:
            writers[column.name] = lambda v: "" if v is None or pd.isna(v) else str(v)
    return writers


def as_text(frame: pd.DataFrame, table: str, style: DeliveryStyle) -> pd.DataFrame:
    writers = column_writers(table, style)
    return pd.DataFrame({name: frame[name].map(writers[name]) for name in frame.columns})


def write_csv(frame: pd.DataFrame, path: Path, style: DeliveryStyle) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = frame.to_csv(index=False, sep=style.delimiter, lineterminator=style.line_terminator)
    data = text.encode(style.encoding)
    if style.byte_order_mark:
        data = "\ufeff".encode(style.encoding) + data
    path.write_bytes(data)


def write_delivery(source: Path, out: Path, style: DeliveryStyle) -> Path:
    """Write the clean Parquet extract in source as a delivery in style to out."""
    for table in SCHEMAS:
        frame = pq.read_table(source / f"{table}.parquet").to_pandas()
        frame = frame.drop(columns=[c for t, c in style.never_delivered if t == table])
        text = as_text(frame, table, style)
        if table not in style.monthly_tables:
            write_csv(text, out / f"{table}.csv", style)
            continue
        dated = pd.to_datetime(frame[MONTH_COLUMNS[table]])
        months = dated.dt.strftime("%Y%m")
        for rank, month in enumerate(sorted(months.unique())):
            month_start = pd.Timestamp(f"{month}01")
            overlap = month_start - pd.Timedelta(days=style.overlap_days)
            monthly = text[(months == month) | ((dated >= overlap) & (dated < month_start))]
            lacks = style.first_month_lacks
            if rank == 0 and lacks and lacks[0] == table:
                monthly = monthly.drop(columns=[lacks[1]])
            write_csv(monthly, out / table / f"{table}_{month}.csv", style)
    return out


def write_monthly_parquet(source: Path, out: Path) -> Path:
    """The clean Parquet extract in source with its dated tables (MONTH_COLUMNS) as a folder of
    one Parquet file per month each (<table>/<table>_<yyyy-mm>.parquet, undated rows in
    <table>_undated.parquet), the other tables copied: the files of a bank that delivers every
    month. Streams through DuckDB, so an extract larger than memory splits too."""
    out.mkdir(parents=True, exist_ok=True)
    with duckdb.connect() as connection:
        for table in SCHEMAS:
            path = source / f"{table}.parquet"
            if table not in MONTH_COLUMNS:
                shutil.copyfile(path, out / path.name)
                continue
            (out / table).mkdir(exist_ok=True)
            month = f"coalesce(strftime({MONTH_COLUMNS[table]}, '%Y-%m'), 'undated')"
            months = connection.sql(f"select distinct {month} from '{path}'").fetchall()
            for (name,) in months:
                connection.sql(
                    f"copy (select * from '{path}' where {month} = '{name}') "
                    f"to '{out / table / f'{table}_{name}.parquet'}' (format parquet)"
                )
    return out


def last_month_files(monthly: Path) -> list[Path]:
    """The newest month's files of a write_monthly_parquet folder, one per dated table."""
    newest = []
    for table in MONTH_COLUMNS:
        dated = sorted(
            p for p in (monthly / table).glob(f"{table}_*.parquet") if "undated" not in p.name
        )
        newest.append(dated[-1])
    return newest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, required=True, help="clean Parquet extract")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--encoding", default="utf-8")
    parser.add_argument("--delimiter", default=",")
    parser.add_argument("--date-format", default="%Y-%m-%d")
    parser.add_argument(
        "--birth-date-format", help="the customers table's dates (default: --date-format)"
    )
    parser.add_argument("--timestamp-format", default="%Y-%m-%d %H:%M:%S")
    parser.add_argument("--decimal-separator", default=".")
    parser.add_argument("--thousands-separator", default="")
    parser.add_argument("--crlf", action="store_true", help="Windows line ends")
    parser.add_argument("--monthly", nargs="*", default=[], help="tables in monthly files")
    parser.add_argument(
        "--overlap-days",
        type=int,
        default=0,
        help="each monthly file repeats the last N days of the month before",
    )
    parser.add_argument(
        "--like", type=Path, help="a delivery file: write the files as it describes them"
    )
    args = parser.parse_args()
    options = {
        "monthly_tables": tuple(args.monthly),
        "overlap_days": args.overlap_days,
        "line_terminator": "\r\n" if args.crlf else "\n",
    }
    if args.like:
        style = style_from_settings(yaml.safe_load(args.like.read_text()) or {}, **options)
    else:
        style = DeliveryStyle(
            encoding=args.encoding,
            delimiter=args.delimiter,
            date_format=args.date_format,
            date_format_by_table=(
                {"customers": args.birth_date_format} if args.birth_date_format else {}
            ),
            timestamp_format=args.timestamp_format,
            decimal_separator=args.decimal_separator,
            thousands_separator=args.thousands_separator,
            **options,
        )
    print(write_delivery(args.source, args.out, style))


if __name__ == "__main__":
    main()
