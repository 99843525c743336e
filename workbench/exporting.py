"""Formats out: rows from the store → cells safe for a spreadsheet → RFC 4180 CSV."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from .errors import InvalidInput
from .store import Store

CSV_COLUMNS = (
    "article_id", "article_title", "language", "claim_id", "claim_index", "claim_text",
    "start", "end", "paragraph", "status", "source_url", "note", "reviewer", "labelled_at",
)
# A spreadsheet runs a cell starting with one of these as a formula (CWE-1236).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\x00")
# The prefix that neutralises them; a value that already starts with it is prefixed too,
# so that dropping one leading "'" always gives back the stored value.
NEUTRAL_PREFIX = "'"


def neutralise(value: object) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_TRIGGERS) or text.startswith(NEUTRAL_PREFIX):
        return NEUTRAL_PREFIX + text
    return text


def restore(cell: str) -> str:
    """The inverse of `neutralise`, for readers of our CSV."""
    return cell[1:] if cell.startswith(NEUTRAL_PREFIX) else cell


def format_rows(rows: Iterable[dict]) -> Iterator[list[str]]:
    for row in rows:
        yield [neutralise(row.get(column)) for column in CSV_COLUMNS]


def write_csv(rows: Iterable[dict], stream: TextIO) -> int:
    """Write the header and the rows; return how many rows were written."""
    # lineterminator CRLF and minimal quoting: RFC 4180, which pandas and spreadsheets both read.
    writer = csv.writer(stream, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for cells in format_rows(rows):
        writer.writerow(cells)
        count += 1
    return count


def export_csv_text(store: Store, **filters: object) -> str:
    """The whole export as one string (what the download button serves)."""
    buffer = io.StringIO()
    write_csv(store.export_rows(**filters), buffer)  # type: ignore[arg-type]
    return buffer.getvalue()


def export_csv_file(store: Store, path: Path, **filters: object) -> int:
    """Write to a temporary file beside `path`, then rename: a crash leaves the old file or none."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInput(f"folder {folder} does not exist")
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="", dir=folder, prefix=f".{path.name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            count = write_csv(store.export_rows(**filters), handle)  # type: ignore[arg-type]
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return count
