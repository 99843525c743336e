"""CSV cells a spreadsheet can't run, written the same way by Python's csv module and by SQLite itself.

The dialect (RFC 4180, which pandas and spreadsheets both read): CRLF line ends; a whole number
SQLite holds as a non-negative integer is written bare; every other value (text, empty, NULL,
negative or fractional numbers) is written as text, always between double quotes with inner quotes
doubled. A text that a spreadsheet would run as a formula gets a leading `'` first (CWE-1236).

Two writers produce it byte for byte: `write_rows` (csv module, for rows built in Python such as
the wide CSV) and `line_sql` (an SQL expression SQLite evaluates per row, for the long CSV: a
million rows never become a million Python tuples of cells, which cost twice `sqlite3 -csv`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import TextIO

# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\x00")
# The prefix that neutralises them; a value that already starts with it is prefixed too,
# so that dropping one leading "'" always gives back the stored value.
NEUTRAL_PREFIX = "'"
_NEEDS_PREFIX = frozenset((*FORMULA_TRIGGERS, NEUTRAL_PREFIX))
LINE_END = "\r\n"


def neutralise(value: object) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_TRIGGERS) or text.startswith(NEUTRAL_PREFIX):
        return NEUTRAL_PREFIX + text
    return text


def restore(cell: str) -> str:
    """The inverse of `neutralise`, for readers of our CSV."""
    return cell[1:] if cell.startswith(NEUTRAL_PREFIX) else cell


def safe_cells(values: Iterable[object]) -> list[object]:
    """A row's cells as the dialect wants them: non-negative ints as they are, all else neutralised text."""
    # The common string skips the neutralise() call: per cell it was a third of a 1M-row export.
    return [
        v if (v.__class__ is int and v >= 0) or (v.__class__ is str and v[:1] not in _NEEDS_PREFIX) else neutralise(v)
        for v in values
    ]


def write_rows(rows: Iterable[Sequence[object]], stream: TextIO) -> int:
    """Write rows of cells (a header is a row of names); return how many were written."""
    # QUOTE_NONNUMERIC quotes every str and leaves ints bare; safe_cells has made every other value a str.
    writer = csv.writer(stream, lineterminator=LINE_END, quoting=csv.QUOTE_NONNUMERIC)
    count = 0
    for row in rows:
        writer.writerow(safe_cells(row))
        count += 1
    return count


# unicode() of each trigger and of the prefix: the first character of a text, read as a number,
# is the cheapest test SQLite has (a substr() allocates a string per cell).
_TRIGGER_CODES = ", ".join(str(ord(ch)) for ch in (*FORMULA_TRIGGERS, NEUTRAL_PREFIX))


def _prefix_sql(expr: str) -> str:
    # unicode('') and unicode(NULL) are NULL, and printf's %s writes NULL as nothing.
    return f"CASE WHEN unicode({expr}) IN ({_TRIGGER_CODES}) THEN '{NEUTRAL_PREFIX * 2}' END"


def _text_args(expr: str) -> str:
    return f"{_prefix_sql(expr)}, COALESCE({expr}, '')"


def line_sql(columns: Sequence[tuple[str, bool]]) -> str:
    """An SQL expression giving one CSV line (CRLF included) from (SQL expression, whole number?) pairs.

    One printf() per row: %w doubles the double quotes inside a text, and the quotes around it are
    in the format, so a text cell costs no allocation of its own. A "whole number" column still goes
    through the text form when SQLite holds something else there: a foreign tool may have put text in it.
    SQLite's %w stops at a NUL character; the workbench refuses NUL in everything it stores.
    """
    formats, args = [], []
    for expr, whole in columns:
        if whole:
            formats.append("%s")
            args.append(
                f"CASE WHEN typeof({expr}) = 'integer' AND {expr} >= 0 THEN {expr}"
                f" ELSE printf('\"%s%w\"', {_text_args(expr)}) END"
            )
        else:
            formats.append('"%s%w"')
            args.append(_text_args(expr))
    return f"printf('{','.join(formats)}' || char(13, 10), {', '.join(args)})"
