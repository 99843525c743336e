"""Formats out: CSV long (one row per label) and wide (one row per claim), JSONL, ClaimReview JSON-LD.

Reader → formatter → writer: the store gives rows, formats/ shapes them, these functions write them.
"""

from __future__ import annotations

import fcntl
import glob
import io
import os
import secrets
import stat
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, TextIO

from .errors import InvalidInput
from .formats.claimreview import add_appearances, claim_reviews, dumps_for_html
from .formats.csv_cells import DELIMITERS, neutralise, neutralise_lines, restore, write_rows
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
    "excel_delimiter",
    "export_text",
    "long_rows",
    "neutralise",
    "restore",
    "wide_table",
    "write_csv",
    "write_export",
]

CSV_COLUMNS = tuple(name for name, _, _ in EXPORT_COLUMNS)


def write_csv(
    rows: Iterable[dict] | Iterable[tuple],
    stream: TextIO,
    columns: Sequence[str] = CSV_COLUMNS,
    delimiter: str = ",",
) -> int:
    """Write the header and the rows (dicts by column, or tuples in column order); return how many rows."""
    # Reviewer names make the wide CSV's header, so it goes through the same cells as the rows.
    write_rows([columns], stream, delimiter)
    rows = (row if isinstance(row, tuple) else [row.get(c) for c in columns] for row in rows)
    return write_rows(rows, stream, delimiter)


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
# Excel splits a CSV on the list separator of the reader's locale: ";" wherever the decimal mark is a comma,
# as in Italy, Portugal and Brazil. The Excel-friendly CSV uses it for readers of those interface languages.
EXCEL_DELIMITERS = {"it": ";", "pt": ";"}


def excel_delimiter(language: str) -> str:
    """The delimiter of the Excel-friendly CSV for someone reading the interface in `language`."""
    return EXCEL_DELIMITERS.get(language, ",")


def _claim_filter(filters: dict) -> ClaimFilter:
    return ClaimFilter(
        text=filters.get("text") or "",
        language=filters.get("language"),
        article_id=filters.get("article_id"),
        status=filters.get("status"),
        reviewer=filters.get("reviewer"),
        disagreement=bool(filters.get("disagreement")),
    )


def _claims_with_labels(store: Store, found: ClaimFilter, viewer: str) -> Iterator[tuple]:
    """Claims the filter keeps, those superseded by corrections of the split included (marked by their
    `superseded_at`): an export keeps every label and verdict `viewer` may see."""
    titles: dict[int, str] = {}
    sight = store.sight(viewer)  # decided once, not once per claim (four queries each)
    for claim in store.find_claims(found, viewer=viewer, superseded=True):
        if claim.article_id not in titles:
            titles[claim.article_id] = store.article(claim.article_id).title
        yield claim, titles[claim.article_id], store.labels(claim.id, viewer=sight)


def _long_filters(filters: dict, viewer: str) -> dict:
    """The long CSV's filters as the store's export reads take them: article, status and reviewer filter
    labels; the search filters (text, language, disagreement) become one ClaimFilter the export query applies
    itself (None when none is set)."""
    found = _claim_filter(filters)
    searched = found.text or found.language or found.disagreement
    kept = ClaimFilter(text=found.text, language=found.language, disagreement=found.disagreement)
    return {
        "article_id": found.article_id,
        "status": found.status,
        "reviewer": found.reviewer,
        "claim_ids": kept if searched else None,
        "viewer": viewer,
    }


# Every export is read as a viewer (`viewer=`): the store applies blind review to it (store/visibility.py).
# Pages pass the signed-in person, the command line OPERATOR.


def long_rows(store: Store, *, viewer: str, **filters: object) -> Iterator[dict]:
    """The long CSV's rows: one per label (article, status and reviewer filter labels), then the search filters."""
    return store.export_rows(**_long_filters(filters, viewer))


def write_long_csv(store: Store, out: BinaryIO, delimiter: str = ",", *, viewer: str, **filters: object) -> int:
    """long_rows() as CSV, each line built by the database (store/csv_lines.py): a million rows in a few seconds."""
    header = io.StringIO()
    write_rows([CSV_COLUMNS], header, delimiter)
    out.write(header.getvalue().encode("utf-8"))
    count = 0
    for lines in store.export_lines(delimiter, **_long_filters(filters, viewer)):
        out.write(neutralise_lines(lines, delimiter))
        count += len(lines)
    return count


def wide_table(store: Store, *, viewer: str, **filters: object) -> tuple[list[str], Iterator[dict]]:
    """The wide CSV's columns and rows: one row per matching claim, a column group per reviewer `viewer` sees."""
    found = _claim_filter(filters)
    # A column group per reviewer the viewer sees labels of: a name typed as a filter adds none of its own.
    reviewers = [r for r in store.reviewers(viewer=viewer) if not found.reviewer or r == found.reviewer]
    clusters = store.cluster_ids()
    sight = store.sight(viewer)
    marks = store.revision_columns()
    rows = wide_rows(
        _claims_with_labels(store, found, viewer),
        reviewers,
        store.final_verdicts(viewer=viewer),
        lambda claim_id: store.link_states(claim_id, viewer=sight),
    )
    # The cluster of confirmed twins, then the revision columns, last, as in the long CSV.
    return [*wide_columns(reviewers), "cluster_id", "revision", "changed_since_label"], (
        {
            **row,
            "cluster_id": clusters.get(row["claim_id"], ""),
            "revision": marks.get(row["claim_id"], (1, 0))[0],
            "changed_since_label": marks.get(row["claim_id"], (1, 0))[1],
        }
        for row in rows
    )


def write_export(
    store: Store,
    out: BinaryIO,
    fmt: str = "csv",
    *,
    viewer: str,
    excel: bool = False,
    delimiter: str = ",",
    **filters: object,
) -> int:
    """Write one export as UTF-8 bytes; return how many rows, lines or records were written.

    Filters: article_id, status, reviewer (as the long CSV always had), and text, language, disagreement.
    Every format holds only what `viewer` may see; under blind review "unlabelled" means claims the
    viewer has not labelled (claims nobody labelled would tell them which claims others have done).
    `excel` starts a CSV with a UTF-8 byte order mark, which Excel needs to read UTF-8; `delimiter` separates
    a CSV's cells: "," (the default), ";" (what Excel expects where the decimal point is a comma), or a TAB.
    """
    if fmt not in EXPORT_FORMATS:
        raise InvalidInput(f"export format {fmt!r} is not one of {', '.join(EXPORT_FORMATS)}")
    delimiter = DELIMITERS.get(delimiter, delimiter)
    if delimiter not in DELIMITERS.values():
        raise InvalidInput(f"CSV delimiter {delimiter!r} is not one of , ; tab")
    if excel and fmt.startswith("csv"):
        out.write(BOM.encode("utf-8"))
    if fmt == "csv":
        return write_long_csv(store, out, delimiter, viewer=viewer, **filters)
    # The other formats are written as text; the wrapper is detached after, so `out` stays open.
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        return _write_text_export(store, text, fmt, filters, viewer, delimiter)
    finally:
        text.flush()
        text.detach()


def _write_text_export(store: Store, stream: TextIO, fmt: str, filters: dict, viewer: str, delimiter: str = ",") -> int:
    found = _claim_filter(filters)
    if fmt == "csv-wide":
        columns, rows = wide_table(store, viewer=viewer, **filters)
        return write_csv(rows, stream, columns, delimiter)
    if fmt == "jsonl":
        # Every segment, or the claims the filter keeps: the store runs the filter in the records' own query.
        return write_jsonl(store.segment_records(None if found.is_empty() else found, viewer=viewer), stream)
    verdicts = store.final_verdicts(viewer=viewer)
    records = list(
        claim_reviews(
            (claim, title, store.article_meta(claim.article_id), labels, verdicts.get(claim.id))
            for claim, title, labels in _claims_with_labels(store, found, viewer)
        )
    )
    add_appearances(records, store.cluster_appearances(), lambda a: (store.article_title(a), store.article_meta(a)))
    stream.write(dumps_for_html(records) + "\n")
    return len(records)


def export_bytes(
    store: Store, fmt: str = "csv", *, viewer: str, excel: bool = False, delimiter: str = ",", **filters: object
) -> bytes:
    """The whole export in memory (what the download button serves)."""
    buffer = io.BytesIO()
    write_export(store, buffer, fmt, viewer=viewer, excel=excel, delimiter=delimiter, **filters)
    return buffer.getvalue()


def export_text(
    store: Store, fmt: str = "csv", *, viewer: str, excel: bool = False, delimiter: str = ",", **filters: object
) -> str:
    return export_bytes(store, fmt, viewer=viewer, excel=excel, delimiter=delimiter, **filters).decode("utf-8")


# A temporary file this old, that no export holds locked, was left by an export that was killed.
LEFTOVER_AFTER_S = 600


def export_file(
    store: Store,
    path: Path,
    fmt: str = "csv",
    *,
    viewer: str,
    excel: bool = False,
    delimiter: str = ",",
    **filters: object,
) -> int:
    """Write to a temporary file beside `path`, then rename: a crash leaves the old file or none.

    The target must be a regular file or not exist yet (check_target). An existing file keeps its
    permissions; a new one gets those the umask gives. The export holds a lock on its temporary file
    while writing, so the next export to the same name can tell a killed export's leftover (unlocked,
    and not touched for LEFTOVER_AFTER_S) and remove it.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInput(f"folder {folder} does not exist")
    mode = check_target(path, store.path)
    temporary, fd = _create_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            remove_leftovers(path, keep=temporary)
            count = write_export(store, handle, fmt, viewer=viewer, excel=excel, delimiter=delimiter, **filters)
            handle.flush()
            os.fsync(handle.fileno())
        check_target(path, store.path)  # again, just before the rename: the path may have changed meanwhile
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return count


def check_target(path: Path, database: Path | str) -> int | None:
    """Refuse an export target that is not a regular file, or is the database; return an existing file's mode.

    os.replace puts a regular file wherever `path` points: a device (/dev/full became a file), a symlink
    (the link is replaced, not followed) or the database itself would be lost.
    """
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(found.st_mode):
        raise InvalidInput(f"{path} is a symbolic link; give the file it points to, or a new file name")
    if not stat.S_ISREG(found.st_mode):
        raise InvalidInput(f"{path} exists and is not a regular file (a folder or a device); choose a file name")
    if not isinstance(database, Path):
        return stat.S_IMODE(found.st_mode)  # a PostgreSQL URL: no database file here to overwrite
    for own in (database, *(database.with_name(database.name + end) for end in DATABASE_COMPANIONS)):
        try:
            if os.path.samefile(path, own):
                raise InvalidInput(f"{path} is the database being exported; choose another file name")
        except FileNotFoundError:
            continue
    return stat.S_IMODE(found.st_mode)


# Files SQLite and the write queue keep beside the database: never an export target either.
DATABASE_COMPANIONS = ("-wal", "-shm", "-journal", "-writer.lock")


def _create_beside(path: Path) -> tuple[Path, int]:
    """A new hidden file beside `path`, created 0666 so the umask decides (mkstemp would make it 0600)."""
    folder = path.parent if str(path.parent) else Path(".")
    for _ in range(100):
        candidate = folder / f".{path.name}.{secrets.token_hex(6)}.tmp"
        try:
            return candidate, os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
        except FileExistsError:
            continue
    raise InvalidInput(f"cannot create a temporary file in {folder}")


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
