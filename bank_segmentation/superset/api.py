"""Superset's REST API, the few calls provisioning and checking need: log in, then find,
create, replace and delete databases, datasets, charts and dashboards by name."""

from __future__ import annotations

import urllib.parse

import requests

TIMEOUT_SECONDS = 120


class SupersetError(RuntimeError):
    pass


def rison_filter(column: str, value: str) -> str:
    """A list query's `q` argument (Superset takes rison) filtering one column by equality."""
    quoted = "'" + value.replace("!", "!!").replace("'", "!'") + "'"
    return urllib.parse.quote(f"(filters:!((col:{column},opr:eq,value:{quoted})),page_size:100)")


class Superset:
    def __init__(self, url: str, username: str, password: str) -> None:
        self.url = url.rstrip("/")
        self.session = requests.Session()
        token = self._call(
            "post",
            "/api/v1/security/login",
            json={"username": username, "password": password, "provider": "db", "refresh": True},
        )["access_token"]
        self.session.headers["Authorization"] = f"Bearer {token}"
        csrf = self._call("get", "/api/v1/security/csrf_token/")["result"]
        self.session.headers.update({"X-CSRFToken": csrf, "Referer": self.url})

    def _call(self, method: str, path: str, **kwargs) -> dict:
        response = self.session.request(method, self.url + path, timeout=TIMEOUT_SECONDS, **kwargs)
        if response.status_code >= 400:
            raise SupersetError(
                f"Superset {method.upper()} {path}: HTTP {response.status_code}: "
                f"{response.text[:500]}"
            )
        return response.json() if response.content else {}

    def find(self, resource: str, column: str, value: str) -> list[dict]:
        return self._call("get", f"/api/v1/{resource}/?q={rison_filter(column, value)}")["result"]

    def create(self, resource: str, payload: dict) -> int:
        return int(self._call("post", f"/api/v1/{resource}/", json=payload)["id"])

    def update(self, resource: str, pk: int, payload: dict) -> None:
        self._call("put", f"/api/v1/{resource}/{pk}", json=payload)

    def refresh_dataset(self, pk: int) -> None:
        """Read the dataset's columns from its table or query."""
        self._call("put", f"/api/v1/dataset/{pk}/refresh")

    def delete(self, resource: str, pk: int) -> None:
        self._call("delete", f"/api/v1/{resource}/{pk}")

    def chart_data(self, chart_id: int) -> dict:
        return self._call("get", f"/api/v1/chart/{chart_id}/data/")

    def sql(self, database_id: int, sql: str, client_id: str) -> list[dict]:
        """Run a query as SQL Lab does (each run needs its own client_id)."""
        result = self._call(
            "post",
            "/api/v1/sqllab/execute/",
            json={"database_id": database_id, "sql": sql, "client_id": client_id},
        )
        return result.get("data", [])
