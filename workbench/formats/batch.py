"""CSV and JSONL batches in: one article per row or line, with metadata; unknown fields kept as metadata JSON.

Known fields: text (required), title, url, outlet, author, published, language. Every other field is
kept, as given, in the article's `metadata` JSON. A bad row is refused with its line number; the
other rows still come through.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..errors import WorkbenchError
from ..metadata import ArticleMeta

KNOWN_FIELDS = ("text", "title", "url", "outlet", "author", "published", "language")
META_FIELDS = ("url", "outlet", "author", "published")


@dataclass(frozen=True)
class Incoming:
    """One article as it arrives, before any check: its text and what is known about it."""

    text: str
    where: str  # for messages: "batch.csv line 3"
    source_name: str = ""
    title: str = ""
    language: str | None = None
    meta: ArticleMeta = field(default_factory=ArticleMeta)


@dataclass(frozen=True)
class Refused:
    """Something that was not imported, and why."""

    where: str
    reason: str
    # The refusal as the domain raised it, when it did: the interface can then say it in the reader's language.
    error: WorkbenchError | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Notice:
    """One line about an import that is neither an article nor a refusal; `key` names it in messages.py."""

    where: str
    key: str
    values: dict = field(default_factory=dict, compare=False)

    @property
    def message(self) -> str:
        from ..messages import MESSAGES

        return MESSAGES[self.key]["en"].format(where=self.where, **self.values)


def _incoming(record: dict, where: str) -> Incoming | Refused:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Refused(where, "no text (a batch row needs a non-empty 'text' field)")
    known: dict[str, str] = {}
    for name in KNOWN_FIELDS[1:]:
        value = record.get(name)
        if value is None:
            value = ""
        if not isinstance(value, str):
            return Refused(where, f"field {name!r} must be text, not {type(value).__name__}")
        known[name] = value
    extra = {key: value for key, value in record.items() if key not in KNOWN_FIELDS and value not in ("", None)}
    language = known["language"].strip().lower()
    meta = ArticleMeta(**{name: known[name] for name in META_FIELDS}, extra=extra)
    return Incoming(
        text=text,
        where=where,
        source_name=where,
        title=known["title"],
        language=None if language in ("", "auto") else language,
        meta=meta,
    )


class _Lines:
    """The physical lines of a CSV for csv.reader; reading can resume at any line after a refused row."""

    def __init__(self, text: str) -> None:
        self.lines = list(io.StringIO(text, newline=""))  # split on \n, \r\n and \r only, as csv does
        self.next = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.next >= len(self.lines):
            raise StopIteration
        self.next += 1
        return self.lines[self.next - 1]


def _allow_cells_up_to(chars: int) -> None:
    """No cell can be longer than the file itself (bounded by max_upload_mb): a longer article is refused by
    the article rules, for its row alone. The csv module's own limit (131,072) hid every row after it."""
    if csv.field_size_limit() < chars:
        csv.field_size_limit(chars)


def read_csv_batch(text: str, name: str) -> Iterator[Incoming | Refused]:
    """Rows of a CSV with a header line; every cell is read as text (no NA guessing); each row stands alone.

    Read strictly: a quote left open or followed by other text is refused with the row's line numbers
    rather than merging the rows after it into one article. A quote never closed swallowed the rest of
    the file: that row alone is refused and reading resumes on its next line.
    """
    _allow_cells_up_to(len(text) + 1)
    lines = _Lines(text)
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader, [])
    except csv.Error as exc:
        yield Refused(f"{name} line 1", f"the header line is not valid CSV ({exc})")
        return
    if "text" not in header:
        yield Refused(name, "a CSV batch needs a 'text' column in its header line")
        return
    while True:
        first = lines.next + 1
        try:
            cells = next(reader, None)
        except csv.Error as exc:
            last = lines.next
            if "unexpected end of data" in str(exc):  # the quote opened on `first` is never closed
                yield Refused(f"{name} line {first}", "a quote opened on this line is never closed; row refused")
                lines.next = first  # the lines it swallowed are rows of their own
            else:
                span = f"line {first}" if last == first else f"lines {first}–{last}"
                yield Refused(f"{name} {span}", f"not valid CSV: an unbalanced quote ({exc}); nothing of it imported")
            reader = csv.reader(lines, strict=True)
            continue
        if cells is None:
            return
        if not cells:
            continue  # a blank line
        where = f"{name} line {first}" if lines.next == first else f"{name} lines {first}–{lines.next}"
        if len(cells) > len(header):
            yield Refused(where, "more cells than the header has columns")
            continue
        row = dict(zip(header, cells))
        yield _incoming({key: row.get(key, "") for key in header}, where)


def read_jsonl_batch(text: str, name: str) -> Iterator[Incoming | Refused]:
    """One JSON object per line; blank lines are skipped."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{name} line {number}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield Refused(where, f"not valid JSON ({exc.args[0] if exc.args else exc})")
            continue
        except RecursionError:  # "[[[[…" nested deeper than Python's stack: it ended the whole import
            yield Refused(where, "not valid JSON (nested too deeply)")
            continue
        if not isinstance(record, dict):
            yield Refused(where, "each line must be a JSON object")
            continue
        yield _incoming(record, where)
