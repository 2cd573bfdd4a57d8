"""The APIs' input checks and their fuzzing pass on SQLite too, which ``make run`` uses for the demo.

SQLite and PostgreSQL fail differently on values they cannot hold (an OverflowError there, a
DataError here), so the modules that probe those limits run again, in a pytest subprocess on an
SQLite database, as tests/commitments/test_on_sqlite.py does for the overdue job.
"""

import os
from pathlib import Path

import pytest
from django.db import connection

from tests.sqlite_rerun import ROOT, module_passed, run_on_sqlite

HERE = Path(__file__).resolve().parent.relative_to(ROOT)
# Paths from this folder; the admin's list filters meet the same limits.
MODULES = ["test_out_of_range.py", "test_fuzz.py", "../admin/test_out_of_range.py"]

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


@pytest.mark.skipif(connection.vendor == "sqlite", reason="this run is already on SQLite")
def test_the_input_checks_and_the_fuzzing_pass_on_sqlite(tmp_path):
    modules = [os.path.normpath(HERE / module) for module in MODULES]
    outcomes, output = run_on_sqlite(tmp_path, modules)
    assert outcomes["skipped"] == [], outcomes["skipped"]
    for module in modules:  # every module ran, and passed
        assert module_passed(outcomes, module), (module, output)
