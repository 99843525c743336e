"""CSV cells a spreadsheet can't run, written the same way by Python's csv module and by SQLite itself.

The dialect (RFC 4180, which pandas and spreadsheets both read): CRLF line ends; a whole number
SQLite holds as a non-negative integer is written bare; every other value (text, empty, NULL,
negative or fractional numbers) is written as text, always between double quotes with inner quotes
doubled. A text that a spreadsheet would run as a formula gets a leading `'` first (CWE-1236).

A spreadsheet may also split the file on another separator than ours: Italian and Portuguese ones
split on `;`, and where it guesses wrong our quotes no longer hold, so a note `a;=1+1;b` becomes three
cells, the middle one a formula, and a line break inside a cell starts a new row. So inside a text,
right after each character that some spreadsheet takes for a separator or a row end (SEPARATORS, less
our own delimiter, which our quotes do protect) and before a trigger (after any double quotes), a `'`
goes in too. `restore` takes every one of them out again: a reader of our CSV gets the stored text.

Two writers produce it byte for byte: `write_rows` (csv module, for rows built in Python such as
the wide CSV) and the database itself (workbench/store/csv_lines.py: one SQL expression per row, for the
long CSV: a million rows never become a million Python tuples of cells, which cost twice `sqlite3 -csv`).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from itertools import accumulate
from typing import TextIO

# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\x00")
# The prefix that neutralises them; a value that already starts with it is prefixed too,
# so that dropping one leading "'" always gives back the stored value.
NEUTRAL_PREFIX = "'"
_NEEDS_PREFIX = frozenset((*FORMULA_TRIGGERS, NEUTRAL_PREFIX))
LINE_END = "\r\n"


# Characters that end a cell or a row when a spreadsheet splits on something other than our delimiter.
SEPARATORS = (",", ";", "\t", "\r", "\n")
# What `--delimiter` accepts, by name, and the character each writes.
DELIMITERS = {",": ",", ";": ";", "tab": "\t"}


def _class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(ch) for ch in chars) + "]"


def _risky(delimiter: str) -> str:
    if delimiter not in DELIMITERS.values():
        raise ValueError(f"delimiter {delimiter!r} is not one of {', '.join(map(repr, DELIMITERS.values()))}")
    return _class(sep for sep in SEPARATORS if sep != delimiter)


_STARTS = _class(_NEEDS_PREFIX)
# In a stored text, a raw `"` is itself; in a CSV line it is doubled, and a single one closes the cell.
_INNER = {d: re.compile(f'({_risky(d)})(?="*{_STARTS})') for d in DELIMITERS.values()}
_INNER_UNDO = {d: re.compile(f'({_risky(d)}){NEUTRAL_PREFIX}(?="*{_STARTS})') for d in DELIMITERS.values()}
# In a CSV line: after a risky separator, pairs of quotes (a text's doubled ones), then a trigger. Inside a
# cell, the run of quotes before its end is odd (the closing one), so this never looks past a cell's end.
_AFTER_IN_LINE = re.compile(f'(?:"")*{_STARTS}'.encode())
_RISKY_BYTES = {d: [sep.encode() for sep in SEPARATORS if sep != d] for d in DELIMITERS.values()}
# Every byte but the risky separators: deleting them leaves only what a batch of lines must be checked for.
_NOT_RISKY = {d: bytes(b for b in range(256) if chr(b) not in SEPARATORS or chr(b) == d) for d in DELIMITERS.values()}


def neutralise(value: object, delimiter: str = ",") -> str:
    text = "" if value is None else str(value)
    text = _INNER[delimiter].sub(r"\1" + NEUTRAL_PREFIX, text)
    if text.startswith(FORMULA_TRIGGERS) or text.startswith(NEUTRAL_PREFIX):
        return NEUTRAL_PREFIX + text
    return text


def restore(cell: str, delimiter: str = ",") -> str:
    """The inverse of `neutralise`, for readers of our CSV."""
    cell = _INNER_UNDO[delimiter].sub(r"\1", cell)
    return cell[1:] if cell.startswith(NEUTRAL_PREFIX) else cell


def safe_cells(values: Iterable[object], delimiter: str = ",") -> list[object]:
    """A row's cells as the dialect wants them: non-negative ints as they are, all else neutralised text."""
    # The common string skips the neutralise() call: per cell it was a third of a 1M-row export.
    inner = _INNER[delimiter].search
    return [
        v
        if (v.__class__ is int and v >= 0) or (v.__class__ is str and v[:1] not in _NEEDS_PREFIX and not inner(v))
        else neutralise(v, delimiter)
        for v in values
    ]


def write_rows(rows: Iterable[Sequence[object]], stream: TextIO, delimiter: str = ",") -> int:
    """Write rows of cells (a header is a row of names); return how many were written."""
    # QUOTE_NONNUMERIC quotes every str and leaves ints bare; safe_cells has made every other value a str.
    writer = csv.writer(stream, delimiter=delimiter, lineterminator=LINE_END, quoting=csv.QUOTE_NONNUMERIC)
    count = 0
    for row in rows:
        writer.writerow(safe_cells(row, delimiter))
        count += 1
    return count


def neutralise_lines(lines: list[bytes], delimiter: str = ",") -> bytes:
    """Lines from `line_sql`, joined, with the `'` inside texts that `neutralise` puts there.

    SQLite has no cheap way to find a separator followed by a trigger inside each cell, so the lines are
    checked here, a batch at a time. One C pass deletes every byte but the risky separators: when only the
    lines' own CRLFs are left (the common case) the batch goes out as it is. Otherwise each separator that
    occurs more often than that is looked up, and only where one is followed by a trigger does a `'` go in.
    """
    blob = b"".join(lines)
    kept = blob.translate(None, _NOT_RISKY[delimiter])
    if len(kept) == 2 * len(lines):  # each line's own CR and LF, nothing else
        return blob
    after, inserts = _AFTER_IN_LINE.match, []
    for sep in _RISKY_BYTES[delimiter]:
        if kept.count(sep) == (len(lines) if sep in b"\r\n" else 0):
            continue
        # After a line's own LF the next line starts: its first cell's quotes are not a text's doubled ones.
        line_starts = set(accumulate(map(len, lines))) if sep == b"\n" else ()
        at = blob.find(sep)
        while at >= 0:
            if at + 1 not in line_starts and after(blob, at + 1):
                inserts.append(at + 1)
            at = blob.find(sep, at + 1)
    if not inserts:
        return blob
    inserts.sort()
    pieces, last = [], 0
    for at in inserts:
        pieces += (blob[last:at], NEUTRAL_PREFIX.encode())
        last = at
    pieces.append(blob[last:])
    return b"".join(pieces)
