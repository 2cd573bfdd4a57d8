"""Query plans for tests: whether a page's rows come in order from an index or from a sort.

PostgreSQL sorts a few test rows rather than read an index, so plans are taken with sorting and
full scans priced out: a Sort node over a table then remains only where no index serves the
order, which holds at any table size.
"""

from __future__ import annotations

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext


def plan_without_sorting(sql: str) -> dict:
    """The plan PostgreSQL picks for ``sql`` when sorting and full scans are made as dear as it allows."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
        plan = cursor.fetchone()[0]
        cursor.execute("RESET enable_sort")
        cursor.execute("RESET enable_seqscan")
    return (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]


def sorts_over(plan: dict, table: str) -> list[dict]:
    """Sort nodes whose input reads ``table``: its rows were sorted, not read in order from an index."""
    found = []

    def reads(node) -> bool:
        return node.get("Relation Name") == table or any(reads(child) for child in node.get("Plans", []))

    def visit(node):
        if node["Node Type"] in ("Sort", "Incremental Sort") and reads(node):
            found.append(node)
        for child in node.get("Plans", []):
            visit(child)

    visit(plan)
    return found


def ordered_page_sql(client, url: str, table: str, params=None):
    """The response to ``url`` and the SQL of its query that reads a page of ``table`` (ORDER BY ... LIMIT)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
        assert response.status_code == 200, url
    matches = [
        q["sql"] for q in queries.captured_queries
        if f'FROM "{table}"' in q["sql"] and "ORDER BY" in q["sql"] and "LIMIT" in q["sql"]
    ]
    assert matches, f"no ordered page query on {table} for {url}"
    return response, matches[-1]
