"""Formats out: CSV long (one row per label) and wide (one row per claim), JSONL, ClaimReview JSON-LD.

Reader → formatter → writer: the store gives rows, formats/ shapes them, these functions write them.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from .errors import InvalidInput
from .formats.claimreview import claim_reviews
from .formats.jsonl import write_jsonl
from .formats.wide import wide_columns, wide_rows
from .store import Store
from .store.search import ClaimFilter

CSV_COLUMNS = (
    "article_id", "article_title", "language", "claim_id", "claim_index", "claim_text",
    "start", "end", "paragraph", "status", "source_url", "note", "reviewer", "labelled_at",
    "final_status", "final_note",  # an editor's verdict on the claim, empty until adjudicated
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


# neutralise() row by row made a third of a 1M-row export; this set lets safe_cells skip the call.
_NEEDS_PREFIX = frozenset((*FORMULA_TRIGGERS, NEUTRAL_PREFIX))


def safe_cells(values: Iterable[object]) -> list[object]:
    """neutralise() for a whole row, without a call per cell for the common values.

    A non-negative int and a string not starting with a trigger pass as they are (csv writes the int as
    str() would); everything else goes through neutralise(), so the output is the same.
    """
    return [v if (v.__class__ is int and v >= 0) or (v.__class__ is str and v[:1] not in _NEEDS_PREFIX)
            else neutralise(v) for v in values]


def restore(cell: str) -> str:
    """The inverse of `neutralise`, for readers of our CSV."""
    return cell[1:] if cell.startswith(NEUTRAL_PREFIX) else cell


def format_rows(rows: Iterable[dict], columns: Sequence[str] = CSV_COLUMNS) -> Iterator[list[object]]:
    for row in rows:
        yield safe_cells([row.get(column) for column in columns])


def write_csv(rows: Iterable[dict] | Iterable[tuple], stream: TextIO, columns: Sequence[str] = CSV_COLUMNS) -> int:
    """Write the header and the rows; return how many rows were written."""
    # lineterminator CRLF and minimal quoting: RFC 4180, which pandas and spreadsheets both read.
    writer = csv.writer(stream, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(column) for column in columns])  # reviewer names make wide headers
    count = 0
    # Tuples are already in column order (store.export_tuples); dicts are looked up by column.
    cells = (safe_cells(row) if isinstance(row, tuple) else safe_cells([row.get(c) for c in columns])
             for row in rows)
    for row_cells in cells:
        writer.writerow(row_cells)
        count += 1
    return count


EXPORT_FORMATS = ("csv", "csv-wide", "jsonl", "claimreview")
FILE_NAMES = {"csv": "workbench-export.csv", "csv-wide": "workbench-export-wide.csv",
              "jsonl": "workbench-export.jsonl", "claimreview": "workbench-claimreview.json"}
MIME_TYPES = {"csv": "text/csv", "csv-wide": "text/csv", "jsonl": "application/x-ndjson",
              "claimreview": "application/ld+json"}
BOM = "\ufeff"
_FIND_KEYS = ("text", "language", "disagreement")


def _claim_filter(filters: dict) -> ClaimFilter:
    return ClaimFilter(text=filters.get("text") or "", language=filters.get("language"),
                       article_id=filters.get("article_id"), status=filters.get("status"),
                       reviewer=filters.get("reviewer"), disagreement=bool(filters.get("disagreement")))


def _claims_with_labels(store: Store, found: ClaimFilter) -> Iterator[tuple]:
    titles: dict[int, str] = {}
    for claim in store.find_claims(found):
        if claim.article_id not in titles:
            titles[claim.article_id] = store.article(claim.article_id).title
        yield claim, titles[claim.article_id], store.labels(claim.id)


def long_rows(store: Store, **filters: object) -> Iterator[dict]:
    """The long CSV's rows: one per label (article, status and reviewer filter labels), then the search filters."""
    found = _claim_filter(filters)
    rows = store.export_rows(article_id=found.article_id, status=found.status, reviewer=found.reviewer)
    if not any(filters.get(key) for key in _FIND_KEYS):
        return rows
    wanted = store.find_claim_ids(ClaimFilter(text=found.text, language=found.language,
                                              disagreement=found.disagreement))
    return (row for row in rows if row["claim_id"] in wanted)


def wide_table(store: Store, **filters: object) -> tuple[list[str], Iterator[dict]]:
    """The wide CSV's columns and rows: one row per matching claim."""
    found = _claim_filter(filters)
    reviewers = [found.reviewer] if found.reviewer else store.reviewers()
    return wide_columns(reviewers), wide_rows(_claims_with_labels(store, found), reviewers, store.final_verdicts())


def write_export(store: Store, stream: TextIO, fmt: str = "csv", *, excel: bool = False, **filters: object) -> int:
    """Write one export; return how many rows, lines or records were written.

    Filters: article_id, status, reviewer (as the long CSV always had), and text, language, disagreement.
    `excel` starts a CSV with a UTF-8 byte order mark, which Excel needs to read UTF-8.
    """
    if fmt not in EXPORT_FORMATS:
        raise InvalidInput(f"export format {fmt!r} is not one of {', '.join(EXPORT_FORMATS)}")
    found = _claim_filter(filters)
    if excel and fmt.startswith("csv"):
        stream.write(BOM)
    if fmt == "csv":
        if not any(filters.get(key) for key in _FIND_KEYS):
            # Tuples straight from SQLite, already in column order: no dict per row (1M rows: 25% faster).
            return write_csv(store.export_tuples(article_id=found.article_id, status=found.status,
                                                 reviewer=found.reviewer), stream)
        return write_csv(long_rows(store, **filters), stream)
    if fmt == "csv-wide":
        columns, rows = wide_table(store, **filters)
        return write_csv(rows, stream, columns)
    if fmt == "jsonl":
        ids = None if found.is_empty() else store.find_claim_ids(found)
        return write_jsonl(store.segment_records(ids), stream)
    verdicts = store.final_verdicts()
    records = list(claim_reviews(
        (claim, title, store.article_meta(claim.article_id), labels, verdicts.get(claim.id))
        for claim, title, labels in _claims_with_labels(store, found)))
    stream.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    return len(records)


def export_text(store: Store, fmt: str = "csv", *, excel: bool = False, **filters: object) -> str:
    """The whole export as one string (what the download button serves)."""
    buffer = io.StringIO()
    write_export(store, buffer, fmt, excel=excel, **filters)
    return buffer.getvalue()


def export_file(store: Store, path: Path, fmt: str = "csv", *, excel: bool = False, **filters: object) -> int:
    """Write to a temporary file beside `path`, then rename: a crash leaves the old file or none."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInput(f"folder {folder} does not exist")
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="", dir=folder, prefix=f".{path.name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            # The file itself, not the NamedTemporaryFile wrapper: its write() is a Python call per CSV row.
            count = write_export(store, handle.file, fmt, excel=excel, **filters)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return count
