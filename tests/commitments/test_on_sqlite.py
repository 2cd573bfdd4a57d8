"""The overdue and alert jobs' tests pass on SQLite too, which ``make run`` uses for the demo.

The engine is one set of SQL statements for both databases; this runs its test modules again, in
a pytest subprocess on an SQLite database, so the demo is held to the same assertions as
production. Tests marked ``postgresql_only`` (the advisory lock) are skipped there, with the
reason; nothing else may be.
"""

import os
from pathlib import Path

import pytest
from django.db import connection

from tests.sqlite_rerun import ROOT, module_passed, run_on_sqlite

HERE = Path(__file__).resolve().parent.relative_to(ROOT)
# The modules that run the overdue job, the alert queue and the tasks and services that call them.
ENGINE_TEST_MODULES = ["test_overdue.py", "test_notifications.py", "test_tasks.py", "test_services.py"]

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


@pytest.mark.skipif(connection.vendor == "sqlite", reason="this run is already on SQLite")
def test_the_engine_tests_pass_on_sqlite(tmp_path):
    modules = [os.path.normpath(HERE / module) for module in ENGINE_TEST_MODULES]
    outcomes, output = run_on_sqlite(tmp_path, modules)
    assert all("PostgreSQL only: " in skipped for skipped in outcomes["skipped"]), outcomes["skipped"]
    for module in modules:  # every module ran, and passed
        assert module_passed(outcomes, module), (module, output)
