"""Customer lists a CRM loads: the customers of a segment and the target list of a campaign
action. The only reads of the project that return customer ids; `make export` and the
dashboard's download buttons both use them."""

from __future__ import annotations

import hashlib
import hmac
import os
from datetime import date

import duckdb
import pandas as pd

HASH_KEY_VARIABLE = "BANKSEG_ID_HASH_KEY"
MINIMUM_KEY_CHARACTERS = 16


class HashKeyError(ValueError):
    """The key to pseudonymise customer ids is missing or too short."""


def hash_key_from_environment(environ: dict[str, str] | None = None) -> bytes:
    """The HMAC key of BANKSEG_ID_HASH_KEY, or an error saying exactly what is wrong with it."""
    secret = (os.environ if environ is None else environ).get(HASH_KEY_VARIABLE)
    if secret is None or secret == "":
        raise HashKeyError(
            f"Hashing customer ids needs a secret key in {HASH_KEY_VARIABLE}, which is not set. "
            f"Set it to a random string of {MINIMUM_KEY_CHARACTERS}+ characters that stays "
            "inside the bank (the same key gives the same pseudonyms every month)."
        )
    if len(secret) < MINIMUM_KEY_CHARACTERS:
        raise HashKeyError(
            f"{HASH_KEY_VARIABLE} is set but has {len(secret)} characters; it needs at least "
            f"{MINIMUM_KEY_CHARACTERS} so that the pseudonyms cannot be guessed."
        )
    return secret.encode()


def pseudonym(customer_id: str | None, key: bytes) -> str | None:
    """HMAC-SHA256 of the id under the key, in hex: the same in every file and every month."""
    if customer_id is None:
        return None
    return hmac.new(key, customer_id.encode(), hashlib.sha256).hexdigest()


def with_hashed_ids(frame: pd.DataFrame, key: bytes | None) -> pd.DataFrame:
    if key is None or "customer_id" not in frame.columns:
        return frame
    return frame.assign(customer_id=frame.customer_id.map(lambda c: pseudonym(c, key)))


def current_as_of_date(connection: duckdb.DuckDBPyConnection) -> date:
    return connection.execute("select max(as_of_date) from customer_segments").fetchall()[0][0]


def segment_members(
    connection: duckdb.DuckDBPyConnection, as_of: date, segment: str | None = None
) -> pd.DataFrame:
    """Customers of `segment` (its mart name; None: every segment) on `as_of`, with why."""
    return connection.execute(
        """
        select
            history.customer_id, history.segment_id, history.segment_name,
            reasons.assignment_confidence, reasons.runner_up_segment_name, reasons.reason_text,
            history.as_of_date
        from segment_history as history
        left join customer_segments as reasons
            on history.customer_id = reasons.customer_id
            and history.as_of_date = reasons.as_of_date
        where history.as_of_date = ? and (? is null or history.segment_name = ?)
        order by history.segment_id, history.customer_id
        """,
        [as_of, segment, segment],
    ).df()


def campaign_actions(connection: duckdb.DuckDBPyConnection) -> list[str]:
    rows = connection.execute("select distinct action from campaign_targets order by 1").fetchall()
    return [action for (action,) in rows]


def campaign_list(
    connection: duckdb.DuckDBPyConnection, action: str | None = None, segment: str | None = None
) -> pd.DataFrame:
    """Target list of `action` (None: every action) for the current as-of date, best first;
    `segment` (mart name) narrows it to one segment."""
    return connection.execute(
        """
        select
            customer_id, action, channel, product, segment_id, segment_name,
            expected_value_amount, rank_in_action, as_of_date
        from campaign_targets
        where (? is null or action = ?) and (? is null or segment_name = ?)
        order by action, rank_in_action
        """,
        [action, action, segment, segment],
    ).df()
