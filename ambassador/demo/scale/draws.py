"""SQL fragments that draw a scale record's values from a hash of the row number and the seed.

``hashint8extended`` gives the same number for the same row and seed whatever order PostgreSQL
runs a statement in, which ``random()`` does not.
"""

# The SQL is built from this package's constants and integers, never from input.
# ruff: noqa: S608

from __future__ import annotations

import datetime

from django.db import connection

from .sizes import Sizes
from .vocabulary import (
    BLOCK,
    ENVOYS_PER_CITY,
    OFFICIALS_IN_PERSON_BLOCK,
    STAFF_PER_CITY,
    TECH_IN_BLOCK,
    USERS_PER_CITY,
    VOICES_IN_BLOCK,
)


def sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def sql_array(values) -> str:
    return "ARRAY[" + ", ".join(sql_text(value) for value in values) + "]"


def pick_from(values, index_sql: str) -> str:
    """The element of ``values`` at the 0-based ``index_sql`` (modulo its length)."""
    return f"({sql_array(values)})[(({index_sql}) % {len(values)}) + 1]"


def _json_list(values: list[str]) -> str:
    return "[" + ", ".join(f'"{value}"' for value in values) + "]"


class Draws:
    """The SQL that draws one value of a row, and the ids that one table's rows find another's by."""

    def __init__(self, *, sizes: Sizes, seed: int, today: datetime.date, stream) -> None:
        self.sizes = sizes
        self.seed = seed
        self.today = today
        self.stream = stream
        self.timings: dict[str, float] = {}

    def r(self, stream: int, expression: str) -> str:
        """A number in [0, 1) drawn from the row ``expression`` and the seed: the same for the same inputs."""
        salt = self.seed * 1_000 + stream
        return f"(((hashint8extended(({expression})::bigint, {salt}) >> 11) & 9007199254740991)::float8 " \
               f"/ 9007199254740992.0)"

    def pick(self, stream: int, expression: str, count: int) -> str:
        """An integer in 0 .. count - 1 drawn from the row ``expression``."""
        return f"floor({self.r(stream, expression)} * {count})::int"

    @property
    def today_sql(self) -> str:
        return f"DATE '{self.today.isoformat()}'"

    @property
    def now_sql(self) -> str:
        # The build's "now": the start of ``today`` in UTC, so no timestamp the build writes is in the future.
        return f"TIMESTAMPTZ '{self.today.isoformat()} 00:00:00+00'"

    def tech_company(self, index_sql: str) -> str:
        """The id of the tech company at 0-based ``index_sql``."""
        return f"(({index_sql}) / {TECH_IN_BLOCK} * {BLOCK} + ({index_sql}) % {TECH_IN_BLOCK} + 1)"

    def voice(self, stream: int, expression: str) -> str:
        """The id of a union, civil-society group or academic drawn from the row ``expression``."""
        blocks = self.sizes.organisations // BLOCK
        block = self.pick(stream, expression, blocks)
        offsets = "ARRAY" + str(list(VOICES_IN_BLOCK))
        offset = f"({offsets})[{self.pick(stream + 1, expression, len(VOICES_IN_BLOCK))} + 1]"
        return f"({block} * {BLOCK} + {offset} + 1)"

    @staticmethod
    def envoy(city_sql: str, k_sql: str) -> str:
        return f"(2 + {USERS_PER_CITY} * (({city_sql}) - 1) + (({k_sql}) % {ENVOYS_PER_CITY}))"

    @staticmethod
    def staff(city_sql: str, k_sql: str) -> str:
        return f"(2 + {USERS_PER_CITY} * (({city_sql}) - 1) + {ENVOYS_PER_CITY} + (({k_sql}) % {STAFF_PER_CITY}))"

    def official(self, stream: int, city_sql: str, expression: str) -> str:
        """The id of a public official of the city ``city_sql``, drawn from the row ``expression``."""
        per_city = self.sizes.people // (10 * self.sizes.cities)
        k = self.pick(stream, expression, per_city)
        s = self.pick(stream + 1, expression, OFFICIALS_IN_PERSON_BLOCK)
        return f"(10 * ((({city_sql}) - 1) + {self.sizes.cities} * {k}) + {s} + 1)"

    def company_side_person(self, stream: int, expression: str) -> str:
        """The id of a public figure or private person, drawn from the row ``expression``."""
        k = self.pick(stream, expression, self.sizes.people // 10)
        s = self.pick(stream + 1, expression, 10 - OFFICIALS_IN_PERSON_BLOCK)
        return f"(10 * {k} + {OFFICIALS_IN_PERSON_BLOCK} + {s} + 1)"

    # Running ------------------------------------------------------------------------------------------

    def execute(self, statement: str, params=None) -> int:
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.rowcount
