"""Superset's settings for `make superset` (SUPERSET_CONFIG_PATH points here). Its state (the
metadata database, the secret key, the log) lives in SUPERSET_HOME, .superset/ by default."""

import os
from pathlib import Path

_HOME = Path(os.environ["SUPERSET_HOME"])

SECRET_KEY = (_HOME / "secret_key").read_text().strip()
SQLALCHEMY_DATABASE_URI = f"sqlite:///{_HOME / 'superset.db'}"
# The published snapshot is a local DuckDB file, which Superset refuses by default.
PREVENT_UNSAFE_DB_CONNECTIONS = False
# Served on 127.0.0.1 only; no example data, no telemetry, nothing fetched from the network.
TALISMAN_ENABLED = False
SUPERSET_WEBSERVER_TIMEOUT = 120
CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
DATA_CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
