"""Which lobbying registers cover a city: its own list, or else its country's.

A register check ("the company has no register id") only makes sense where a register covers
the city. A city's ``lobbying_registers`` says which registers apply there; left empty (None), the
city takes its country's from ``COUNTRY_REGISTERS``; an empty list says no register applies.
"""

from __future__ import annotations

EU_TRANSPARENCY_REGISTER = "EU Transparency Register"
EU_MEMBER_STATES = frozenset(
    [
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
        "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    ]
)

# Registers that cover a whole country's cities; a country not listed has none on record.
COUNTRY_REGISTERS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(EU_MEMBER_STATES, (EU_TRANSPARENCY_REGISTER,)),
    "GB": ("UK Register of Consultant Lobbyists",),
    "US": ("US Lobbying Disclosure Act register",),
    "CA": ("Registry of Lobbyists (Canada)",),
    "AU": ("Australian Government Register of Lobbyists",),
}


def country_registers(country: str) -> tuple[str, ...]:
    return COUNTRY_REGISTERS.get((country or "").upper(), ())


def registers_of(*, country: str, lobbying_registers: list[str] | None) -> tuple[str, ...]:
    """The registers that cover a city: its own list when set, else its country's."""
    if lobbying_registers is not None:
        return tuple(lobbying_registers)
    return country_registers(country)
