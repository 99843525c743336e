"""Formats out: CSV long (one row per label) and wide (one row per claim), JSONL, ClaimReview JSON-LD.

Reader → formatter → writer: the store gives rows, formats/ shapes them, these functions write them.
"""

from __future__ import annotations

import fcntl
import glob
import io
import json
import os
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, TextIO

from .errors import InvalidInput
from .formats.claimreview import add_appearances, claim_reviews
from .formats.csv_cells import line_sql, neutralise, restore, write_rows
from .formats.jsonl import write_jsonl
from .formats.wide import wide_columns, wide_rows
from .store import Store
from .store.labels import EXPORT_COLUMNS
from .store.search import ClaimFilter

__all__ = [
    "CSV_COLUMNS",
    "EXPORT_FORMATS",
    "export_bytes",
    "export_file",
    "export_text",
    "long_rows",
    "neutralise",
    "restore",
    "wide_table",
    "write_csv",
    "write_export",
]

CSV_COLUMNS = tuple(name for name, _, _ in EXPORT_COLUMNS)


def write_csv(rows: Iterable[dict] | Iterable[tuple], stream: TextIO, columns: Sequence[str] = CSV_COLUMNS) -> int:
    """Write the header and the rows (dicts by column, or tuples in column order); return how many rows."""
    # Reviewer names make the wide CSV's header, so it goes through the same cells as the rows.
    write_rows([columns], stream)
    return write_rows((row if isinstance(row, tuple) else [row.get(c) for c in columns] for row in rows), stream)


EXPORT_FORMATS = ("csv", "csv-wide", "jsonl", "claimreview")
FILE_NAMES = {
    "csv": "workbench-export.csv",
    "csv-wide": "workbench-export-wide.csv",
    "jsonl": "workbench-export.jsonl",
    "claimreview": "workbench-claimreview.json",
}
MIME_TYPES = {
    "csv": "text/csv",
    "csv-wide": "text/csv",
    "jsonl": "application/x-ndjson",
    "claimreview": "application/ld+json",
}
BOM = "\ufeff"


def _claim_filter(filters: dict) -> ClaimFilter:
    return ClaimFilter(
        text=filters.get("text") or "",
        language=filters.get("language"),
        article_id=filters.get("article_id"),
        status=filters.get("status"),
        reviewer=filters.get("reviewer"),
        disagreement=bool(filters.get("disagreement")),
    )


def _claims_with_labels(store: Store, found: ClaimFilter) -> Iterator[tuple]:
    """Claims the filter keeps, those superseded by corrections of the split included (marked by their
    `superseded_at`): an export keeps every label and verdict."""
    titles: dict[int, str] = {}
    for claim in store.find_claims(found, superseded=True):
        if claim.article_id not in titles:
            titles[claim.article_id] = store.article(claim.article_id).title
        yield claim, titles[claim.article_id], store.labels(claim.id)


def _search_ids(store: Store, found: ClaimFilter) -> set[int] | None:
    """The claims the search filters (text, language, disagreement) keep; None when none is set."""
    if not (found.text or found.language or found.disagreement):
        return None
    return store.find_claim_ids(ClaimFilter(text=found.text, language=found.language, disagreement=found.disagreement))


def long_rows(store: Store, **filters: object) -> Iterator[dict]:
    """The long CSV's rows: one per label (article, status and reviewer filter labels), then the search filters."""
    found = _claim_filter(filters)
    return store.export_rows(
        article_id=found.article_id, status=found.status, reviewer=found.reviewer, claim_ids=_search_ids(store, found)
    )


def write_long_csv(store: Store, out: BinaryIO, **filters: object) -> int:
    """long_rows() as CSV, each line built by SQLite (formats/csv_cells.py): a million rows in a few seconds."""
    found = _claim_filter(filters)
    header = io.StringIO()
    write_rows([CSV_COLUMNS], header)
    out.write(header.getvalue().encode("utf-8"))
    count = 0
    for lines in store.export_lines(
        line_sql,
        article_id=found.article_id,
        status=found.status,
        reviewer=found.reviewer,
        claim_ids=_search_ids(store, found),
    ):
        out.write(b"".join(lines))
        count += len(lines)
    return count


def wide_table(store: Store, **filters: object) -> tuple[list[str], Iterator[dict]]:
    """The wide CSV's columns and rows: one row per matching claim."""
    found = _claim_filter(filters)
    reviewers = [found.reviewer] if found.reviewer else store.reviewers()
    clusters = store.cluster_ids()
    rows = wide_rows(_claims_with_labels(store, found), reviewers, store.final_verdicts())
    # The cluster of confirmed twins last, as in the long CSV.
    return [*wide_columns(reviewers), "cluster_id"], (
        {**row, "cluster_id": clusters.get(row["claim_id"], "")} for row in rows
    )


def write_export(store: Store, out: BinaryIO, fmt: str = "csv", *, excel: bool = False, **filters: object) -> int:
    """Write one export as UTF-8 bytes; return how many rows, lines or records were written.

    Filters: article_id, status, reviewer (as the long CSV always had), and text, language, disagreement.
    `excel` starts a CSV with a UTF-8 byte order mark, which Excel needs to read UTF-8.
    """
    if fmt not in EXPORT_FORMATS:
        raise InvalidInput(f"export format {fmt!r} is not one of {', '.join(EXPORT_FORMATS)}")
    if excel and fmt.startswith("csv"):
        out.write(BOM.encode("utf-8"))
    if fmt == "csv":
        return write_long_csv(store, out, **filters)
    # The other formats are written as text; the wrapper is detached after, so `out` stays open.
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        return _write_text_export(store, text, fmt, filters)
    finally:
        text.flush()
        text.detach()


def _write_text_export(store: Store, stream: TextIO, fmt: str, filters: dict) -> int:
    found = _claim_filter(filters)
    if fmt == "csv-wide":
        columns, rows = wide_table(store, **filters)
        return write_csv(rows, stream, columns)
    if fmt == "jsonl":
        ids = None if found.is_empty() else store.find_claim_ids(found, superseded=True)
        return write_jsonl(store.segment_records(ids), stream)
    verdicts = store.final_verdicts()
    records = list(
        claim_reviews(
            (claim, title, store.article_meta(claim.article_id), labels, verdicts.get(claim.id))
            for claim, title, labels in _claims_with_labels(store, found)
        )
    )
    add_appearances(records, store.cluster_appearances(), lambda a: (store.article_title(a), store.article_meta(a)))
    stream.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    return len(records)


def export_bytes(store: Store, fmt: str = "csv", *, excel: bool = False, **filters: object) -> bytes:
    """The whole export in memory (what the download button serves)."""
    buffer = io.BytesIO()
    write_export(store, buffer, fmt, excel=excel, **filters)
    return buffer.getvalue()


def export_text(store: Store, fmt: str = "csv", *, excel: bool = False, **filters: object) -> str:
    return export_bytes(store, fmt, excel=excel, **filters).decode("utf-8")


# A temporary file this old, that no export holds locked, was left by an export that was killed.
LEFTOVER_AFTER_S = 600


def export_file(store: Store, path: Path, fmt: str = "csv", *, excel: bool = False, **filters: object) -> int:
    """Write to a temporary file beside `path`, then rename: a crash leaves the old file or none.

    The export holds a lock on its temporary file while writing, so the next export to the same name can
    tell a killed export's leftover (unlocked, and not touched for LEFTOVER_AFTER_S) and remove it.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInput(f"folder {folder} does not exist")
    handle = tempfile.NamedTemporaryFile("wb", dir=folder, prefix=f".{path.name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            remove_leftovers(path, keep=Path(handle.name))
            # The file itself, not the NamedTemporaryFile wrapper, whose write() adds a Python call per write.
            count = write_export(store, handle.file, fmt, excel=excel, **filters)  # type: ignore[arg-type]
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return count


def remove_leftovers(path: Path, keep: Path) -> None:
    """Remove the temporary files killed exports to `path` left behind."""
    for candidate in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        if candidate == keep:
            continue
        try:
            with candidate.open("rb") as opened:
                # The age rule covers the instant between a live export creating its file and locking it.
                if time.time() - os.fstat(opened.fileno()).st_mtime < LEFTOVER_AFTER_S:
                    continue
                fcntl.flock(opened.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)  # refused while an export writes it
                candidate.unlink()
        except OSError:  # locked by a live export, gone meanwhile, or not ours to read: a cleanup never fails
            continue
