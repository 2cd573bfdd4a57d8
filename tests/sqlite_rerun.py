"""Runs test modules again in a pytest subprocess on an SQLite database, which ``make run`` uses.

tests/commitments/test_on_sqlite.py and tests/api/test_on_sqlite.py use it: SQLite and PostgreSQL
fail differently on the same input, so the modules that probe those limits run on both.
"""

import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


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


def run_on_sqlite(tmp_path: Path, modules: list[str]) -> tuple[dict[str, list[str]], str]:
    """Runs ``modules`` (paths from the project root) on a new SQLite database.

    Asserts that pytest exited cleanly and nothing failed; returns the outcomes and the output's tail.
    """
    report = tmp_path / "report.xml"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("AMBASSADOR_", "PYTEST_"))}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-m", "pytest", "--create-db", "-p", "no:cacheprovider", "-q",
         f"--junitxml={report}", *modules],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=540, check=False,
    )
    output = result.stdout[-6000:] + result.stderr[-3000:]
    assert result.returncode == 0, output
    outcomes = _outcomes(report)
    assert outcomes["failed"] == [], output
    return outcomes, output


def module_passed(outcomes: dict[str, list[str]], module: str) -> bool:
    """Whether a test of ``module`` (a path from the project root) ran and passed."""
    dotted = os.path.normpath(module).removesuffix(".py").replace("/", ".")
    return any(name.startswith(f"{dotted}::") for name in outcomes["passed"])
