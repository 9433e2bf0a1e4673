"""A dbt-duckdb plugin (profiles.yml, `plugins`): CSV files in an encoding DuckDB cannot read
(Windows-1252, ISO-8859-15, ...) are transcoded to UTF-8 with Python's codecs before DuckDB
reads them. DuckDB 2.0 reads UTF-8 (and strict Latin-1) only, and its encodings extension is
not installable offline.

The build calls the SQL function `transcode_raw_csv(table, source, encoding, target)` from its
on-run-start (macro validate_raw_files) once per file; the copy keeps every byte of the line
structure (line numbers are the source's) and is rewritten only when the source is newer.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb.sqltypes import VARCHAR

CHUNK_CHARACTERS = 1 << 20


class RawFileEncodingError(ValueError):
    """A raw file holds bytes that are not text in its declared encoding."""


def encoding_error_message(
    table: str, source: str, encoding: str, line_number: int, error: UnicodeDecodeError
) -> str:
    return (
        f"raw table '{table}': {source} is not {encoding} text: line {line_number} holds "
        f"{error.object[error.start : error.end]!r}, which {encoding} does not define. Rule: "
        "raw_csv_encoding (project-wide, or per table in raw_table_settings) names the file's "
        "encoding, e.g. cp1252 (Windows-1252), latin-1, iso-8859-15 or utf-8."
    )


def transcode_to_utf8(table: str, source: str, encoding: str, target: str) -> str:
    """Write source, read in encoding, as UTF-8 to target (a byte-order mark dropped); return
    target. Skipped when target is newer than source."""
    try:
        codec = codecs.lookup(encoding)
    except LookupError as error:
        raise RawFileEncodingError(
            f"raw table '{table}': raw_csv_encoding '{encoding}' is not an encoding Python "
            "knows (e.g. cp1252, latin-1, iso-8859-15, utf-8)."
        ) from error
    target_path = Path(target)
    if target_path.exists() and target_path.stat().st_mtime_ns >= Path(source).stat().st_mtime_ns:
        return target
    target_path.parent.mkdir(parents=True, exist_ok=True)
    partial = target_path.with_name(target_path.name + ".partial")
    decoder = codec.incrementaldecoder(errors="strict")
    line_number = 1
    with open(source, "rb") as raw, open(partial, "w", encoding="utf-8", newline="") as out:
        first = True
        while chunk := raw.read(CHUNK_CHARACTERS):
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as error:
                line_number += chunk[: error.start].count(b"\n")
                partial.unlink()
                raise RawFileEncodingError(
                    encoding_error_message(table, source, encoding, line_number, error)
                ) from error
            if first:
                text = text.removeprefix("\ufeff")
                first = False
            line_number += text.count("\n")
            out.write(text)
        out.write(decoder.decode(b"", final=True))
    os.replace(partial, target_path)
    return target


class Plugin(BasePlugin):
    def configure_connection(self, conn) -> None:
        conn.create_function(
            "transcode_raw_csv",
            transcode_to_utf8,
            [VARCHAR, VARCHAR, VARCHAR, VARCHAR],
            VARCHAR,
            side_effects=True,
        )
