import pytest

from ambassador.commitments import overdue


@pytest.fixture(params=["set-based-sql", "orm-for-sqlite"])
def both_engines(request, monkeypatch):
    """Runs a test once with PostgreSQL's set-based statements and once with the ORM path SQLite gets."""
    if request.param == "orm-for-sqlite":
        monkeypatch.setattr(overdue, "set_based_sql", lambda: False)
    return request.param
