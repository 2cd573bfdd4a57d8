"""The APIs' input checks and their fuzzing pass on SQLite too, which ``make run`` uses for the demo.

SQLite and PostgreSQL fail differently on values they cannot hold (an OverflowError there, a
DataError here), so the modules that probe those limits run again, in a pytest subprocess on an
SQLite database, as tests/commitments/test_on_sqlite.py does for the overdue job.
"""

import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent.relative_to(ROOT)
# Paths from this folder; the admin's list filters meet the same limits.
MODULES = ["test_out_of_range.py", "test_fuzz.py", "../admin/test_out_of_range.py"]

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


def _outcomes(report: Path) -> dict[str, list[str]]:
    """Test ids by outcome, from a JUnit XML report; a skipped test's id is followed by its reason."""
    outcomes = {"passed": [], "failed": [], "skipped": []}
    for case in ElementTree.parse(report).iter("testcase"):  # noqa: S314 - the report this test wrote
        name = f"{case.get('classname')}::{case.get('name')}"
        skipped = case.find("skipped")
        if case.find("failure") is not None or case.find("error") is not None:
            outcomes["failed"].append(name)
        elif skipped is not None:
            outcomes["skipped"].append(f"{name}: {skipped.get('message')}")
        else:
            outcomes["passed"].append(name)
    return outcomes


@pytest.mark.skipif(connection.vendor == "sqlite", reason="this run is already on SQLite")
def test_the_input_checks_and_the_fuzzing_pass_on_sqlite(tmp_path):
    report = tmp_path / "report.xml"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("AMBASSADOR_", "PYTEST_"))}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [
            sys.executable, "-m", "pytest", "--create-db", "-p", "no:cacheprovider", "-q",
            f"--junitxml={report}", *(os.path.normpath(HERE / module) for module in MODULES),
        ],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=540, check=False,
    )
    output = result.stdout[-6000:] + result.stderr[-3000:]
    assert result.returncode == 0, output
    outcomes = _outcomes(report)
    assert outcomes["failed"] == [], output
    assert outcomes["skipped"] == [], outcomes["skipped"]
    for module in MODULES:  # every module ran, and passed
        dotted = os.path.normpath(HERE / module).removesuffix(".py").replace("/", ".")
        assert any(name.startswith(f"{dotted}::") for name in outcomes["passed"]), (module, output)
