"""The world every risk service test starts from (see ``records.build_world``)."""

import pytest

from tests.risk.records import World, build_world


@pytest.fixture
def world(db) -> World:
    return build_world()
