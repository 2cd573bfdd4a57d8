"""CSV cells that are safe to open in a spreadsheet."""

import re

# A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def spreadsheet_safe(value):
    """Text that a spreadsheet would run as a formula, prefixed with an apostrophe so it stays text.

    Plain numbers (e.g. "-3.50") are left alone.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) and not _NUMBER.match(value):
        return "'" + value
    return value
