"""Formats in: bytes or text of one article → checked, normalised, split, stored."""

from __future__ import annotations

import os
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from . import config
from .errors import InvalidInput, WorkbenchError
from .formats.batch import Incoming, Notice, Refused, read_csv_batch, read_jsonl_batch
from .formats.html import HTML_SUFFIXES, extract_html
from .metadata import ArticleMeta, check_meta
from .models import SUPPORTED_LANGUAGES, RevisionReport, SegmentKind, Split
from .splitting import normalise_text, split_text
from .store import Store
from .store.accounts import OPERATOR
from .store.articles import Imported

TEXT_SUFFIXES = (".txt", ".md")
IMPORTABLE_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, ".csv", ".jsonl")
MAX_LINE_CHARS = 100_000
MAX_TITLE_CHARS = 200
BATCH_ARTICLES = 50  # articles stored per transaction by import_sources: one fsync for all of them
_BINARY_SIGNATURES = {  # the start of a file → what it is, named the same in every language
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"%PDF": "PDF",
    b"PK\x03\x04": "ZIP (Word, OpenDocument)",
    b"GIF8": "GIF",
}


@dataclass(frozen=True)
class Prepared:
    """An article checked and split, not yet stored: what the preview shows."""

    title: str
    source_name: str
    split: Split
    meta: ArticleMeta = field(default_factory=ArticleMeta)

    @property
    def claim_count(self) -> int:
        return len(self.split.claims)


@dataclass(frozen=True)
class ImportResult:
    article_id: int
    created: bool
    title: str
    language: str
    claims: int
    source_name: str
    revised: RevisionReport | None = None  # set when the import made a new revision of an article


def revision_line(report: RevisionReport) -> str:
    """The one line an import prints for a revision (the pages say it through messages.py)."""
    return (
        f"article {report.article_id} revised: {report.unchanged} unchanged, {report.changed} changed,"
        f" {report.new} new, {report.removed} removed"
    )


def safe_source_name(name: str) -> str:
    """A file name fit for display only: last path part, printable, bounded. Never used as a path."""
    base = PurePath(name.replace("\\", "/")).name
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    return base[:MAX_TITLE_CHARS] or "untitled"


_FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _refuse_unless_regular(mode: int, size: int) -> None:
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a file")
        raise InvalidInput.of("err.not_regular_file", where="", kind=kind)
    limit_mb = int(config.get("max_upload_mb"))  # type: ignore[call-overload]
    if size > limit_mb * 1024 * 1024:
        raise InvalidInput.of("err.file_too_big", where="", size=f"{size / 1048576:.1f}", limit=limit_mb)


def read_import_file(path: Path) -> bytes:
    """The bytes of a file to import, refusing before reading a byte what is too big or not a regular file.

    Reading first and checking after took 357 MB of memory for a 254 MB file; a symlink to /dev/zero
    ended in MemoryError and a FIFO waited forever. So: stat, open without blocking, fstat the open
    file (it may have been swapped since), and read at most the limit plus one byte.
    """
    info = path.stat()  # follows a symlink: what matters is what it points to
    _refuse_unless_regular(info.st_mode, info.st_size)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(fd)
        _refuse_unless_regular(info.st_mode, info.st_size)
        limit = int(config.get("max_upload_mb")) * 1024 * 1024  # type: ignore[call-overload]
        data = file.read(limit + 1)
    _refuse_unless_regular(info.st_mode, len(data))  # it grew while we read
    return data


def decode_article(data: bytes, name: str = "") -> str:
    """Decode an uploaded file as UTF-8 (a BOM is dropped), refusing anything else with where and why."""
    where = f"{safe_source_name(name)}: " if name else ""
    limit_mb = int(config.get("max_upload_mb"))  # type: ignore[call-overload]
    if len(data) > limit_mb * 1024 * 1024:
        raise InvalidInput.of("err.file_too_big", where=where, size=f"{len(data) / 1048576:.1f}", limit=limit_mb)
    for signature, kind in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise InvalidInput.of("err.binary_file", where=where, kind=kind)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InvalidInput.of("err.utf16", where=where)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InvalidInput.of("err.nul_byte", where=where, offset=nul)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput.of("err.not_utf8", where=where, offset=exc.start, byte=f"0x{data[exc.start]:02x}") from None


def check_text(text: str, where: str = "") -> str:
    """Normalise line ends and BOM; refuse text nobody could review."""
    text = normalise_text(text)
    if not text.strip():
        raise InvalidInput.of("err.empty", where=where)
    if "\x00" in text:
        raise InvalidInput.of("err.nul_char", where=where, position=text.index(chr(0)))
    surrogate = next((i for i, ch in enumerate(text) if unicodedata.category(ch) == "Cs"), None)
    if surrogate is not None:
        raise InvalidInput.of("err.surrogate", where=where, position=surrogate)
    limit = int(config.get("max_article_chars"))  # type: ignore[call-overload]
    if len(text) > limit:
        raise InvalidInput.of("err.too_many_chars", where=where, length=f"{len(text):,}", limit=f"{limit:,}")
    line_start = 0
    for line in text.split("\n"):
        if len(line) > MAX_LINE_CHARS:
            raise InvalidInput.of(
                "err.long_line", where=where, position=line_start, length=f"{len(line):,}", limit=f"{MAX_LINE_CHARS:,}"
            )
        line_start += len(line) + 1
    return text


def plain_title(title: str) -> str:
    """A given title on one line, without control characters (a batch row's JSON can hold any), bounded."""
    # A NUL would also end the title's cell in the SQLite-built CSV export (formats/csv_cells.py).
    visible = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in title)
    return " ".join(visible.split())[:MAX_TITLE_CHARS]


TITLE_SENTENCE_CHARS = 80


def _guess_title(split: Split, source_name: str) -> str:
    """The first heading; else the first line when it reads as a heading; else the first sentence, cut at a
    word with "…"; the file name only when the text gives nothing (an upload's name is often a code)."""
    first = next((s for s in split.segments if s.kind is not SegmentKind.BOILERPLATE), None)
    if first is not None and first.kind is SegmentKind.HEADING:
        return plain_title(first.text)
    line = plain_title(split.text.strip().split("\n", 1)[0]) if split.text.strip() else ""
    if _heading_like(line):
        return line
    if first is not None:
        return _cut_at_word(plain_title(first.text), TITLE_SENTENCE_CHARS)
    if source_name:
        return plain_title(PurePath(source_name).stem)
    return "untitled"


def _heading_like(line: str) -> bool:
    """Short, and not ending like a sentence: "Rates rise again", not "Rates rose by 2% last year."."""
    words = line.split()
    return 0 < len(words) <= 14 and len(line) <= 120 and not line.endswith((".", ",", ";", ":")) and line[0].isalnum()


def _cut_at_word(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–—") + "…"


def prepare(
    text: str,
    *,
    language: str | None = None,
    title: str = "",
    source_name: str = "",
    meta: ArticleMeta | None = None,
    where: str = "",
) -> Prepared:
    """Check and split an article; nothing is stored. `where` names it in messages (else its file name)."""
    source_name = safe_source_name(source_name) if source_name else ""
    where = f"{where}: " if where else f"{source_name}: " if source_name else ""
    try:
        meta = check_meta(meta or ArticleMeta())
    except InvalidInput as exc:
        raise InvalidInput(f"{where}{exc}") from None
    text = check_text(text, where)
    if language in (None, "", "auto"):
        language = None
    elif language not in SUPPORTED_LANGUAGES:
        raise InvalidInput.of("err.language_choice", value=repr(language), choices=", ".join(SUPPORTED_LANGUAGES))
    split = split_text(text, language)
    limit = int(config.get("max_claims_per_article"))  # type: ignore[call-overload]
    if len(split.segments) > limit:
        raise InvalidInput.of(
            "err.too_many_segments", where=where, count=f"{len(split.segments):,}", limit=f"{limit:,}"
        )
    if not split.claims:
        raise InvalidInput.of("err.no_sentence", where=where)
    # A heading can hold ESC or BEL: as a title, printed in a terminal, it could retitle the window.
    title = plain_title(title) or plain_title(_guess_title(split, source_name)) or "untitled"
    return Prepared(title, source_name, split, meta)


def save(store: Store, prepared: Prepared, *, actor: str = OPERATOR) -> ImportResult:
    """Store one article: created, found (same text), or a new revision of the article with its URL."""
    (imported,) = store.import_articles([_item(prepared)], by=actor)
    return _result(store, prepared, imported)


def _item(prepared: Prepared) -> tuple[Split, str, str, ArticleMeta | None]:
    return prepared.split, prepared.title, prepared.source_name, prepared.meta


def _result(store: Store, prepared: Prepared, imported: Imported) -> ImportResult:
    article_id, created = imported.article_id, imported.created
    if not created:
        existing = store.article(article_id)
        return ImportResult(
            article_id,
            False,
            existing.title,
            existing.language,
            prepared.claim_count,
            prepared.source_name,
            imported.revised,
        )
    return ImportResult(
        article_id, True, prepared.title, prepared.split.language, prepared.claim_count, prepared.source_name
    )


def save_many(store: Store, items: list[Prepared], *, actor: str = OPERATOR) -> list[Outcome]:
    """Store prepared articles in one transaction; if that fails, one by one, so each refusal names its file."""
    try:
        stored = store.import_articles([_item(p) for p in items], by=actor)
    except WorkbenchError:
        outcomes: list[Outcome] = []
        for item in items:
            try:
                outcomes.append(save(store, item, actor=actor))
            except WorkbenchError as exc:
                outcomes.append(Refused(item.source_name, str(exc)))
        return outcomes
    return [_result(store, item, imported) for item, imported in zip(items, stored)]


class _Batch:
    """Outcomes in file order, with the articles among them stored BATCH_ARTICLES at a time.

    One transaction per article paid one fsync each: storing cost more than splitting
    (bench/import_speed.py, 2.1x split only). An outcome is yielded only once its article is committed.
    """

    def __init__(self, store: Store, actor: str = OPERATOR) -> None:
        self.store, self.items, self.actor = store, [], actor

    def add(self, item: Prepared | Refused | Skipped | Outcome) -> Iterator[Outcome | Skipped]:
        self.items.append(item)
        if sum(isinstance(i, Prepared) for i in self.items) >= BATCH_ARTICLES:
            yield from self.flush()

    def flush(self) -> Iterator[Outcome | Skipped]:
        items, self.items = self.items, []
        stored = iter(save_many(self.store, [i for i in items if isinstance(i, Prepared)], actor=self.actor))
        for item in items:
            yield next(stored) if isinstance(item, Prepared) else item


def import_bytes(store: Store, data: bytes, name: str, *, language: str | None = None) -> ImportResult:
    return save(store, prepare(decode_article(data, name), language=language, source_name=name))


def import_paths(store: Store, paths: Iterable[Path], *, language: str | None = None) -> list[ImportResult]:
    """Import files one by one; the first refusal raises InvalidInput (what was stored before it stays)."""
    results = []
    for outcome in import_sources(store, paths, language=language):
        if isinstance(outcome, Refused):
            raise InvalidInput(f"{outcome.where}: {outcome.reason}")
        if isinstance(outcome, ImportResult):
            results.append(outcome)
    return results


Outcome = ImportResult | Refused | Notice  # and Skipped, from import_sources only


@dataclass(frozen=True)
class Skipped:
    """A file or folder inside a folder being imported that is not an article file: listed with why, not refused."""

    where: str
    reason: str


def _skip_reason(path: Path) -> str | None:
    """Why a folder entry is not imported, or None when it is an importable file."""
    if path.name.startswith("."):
        return "a hidden file"
    if path.is_dir():
        return "a folder inside the folder (only the folder's own files are imported)"
    if path.suffix.lower() not in IMPORTABLE_SUFFIXES:
        return f"not a {', '.join(IMPORTABLE_SUFFIXES)} file"
    if not path.is_file():
        return "not a regular file (a broken link, a device or a pipe)"
    return None


def expand(paths: Iterable[Path]) -> Iterator[Path | Refused | Skipped]:
    """Files as given; a folder gives its importable files by name, one level deep, and lists what it skips."""
    for path in paths:
        if path.is_dir():
            entries = sorted(path.iterdir())
            found = [p for p in entries if _skip_reason(p) is None]
            yield from (Skipped(str(p), why) for p in entries if (why := _skip_reason(p)) is not None)
            if not found:
                yield Refused(str(path), f"the folder holds no {', '.join(IMPORTABLE_SUFFIXES)} file")
            yield from found
        elif path.suffix.lower() not in IMPORTABLE_SUFFIXES:
            yield Refused(str(path), f"only {', '.join(IMPORTABLE_SUFFIXES)} files can be imported")
        else:
            yield path


def _as_given(item: Prepared | Refused, path: Path) -> Prepared | Refused:
    """A refusal names the file as it was given (folder included), like every other refusal of the command."""
    if isinstance(item, Refused) and item.where.startswith(path.name) and str(path) != path.name:
        return Refused(str(path) + item.where.removeprefix(path.name), item.reason, item.error)
    return item


def import_sources(
    store: Store, paths: Iterable[Path], *, language: str | None = None, actor: str = OPERATOR
) -> Iterator[Outcome | Skipped]:
    """Every article in the files and folders given, each imported or refused with its reason; never stops.

    A JSONL export is restored whole when the store allows `actor` to (the command line's OPERATOR is).
    """
    from .formats.jsonl import is_export  # late: it imports this module

    batch = _Batch(store, actor)
    for path in expand(paths):
        if isinstance(path, Refused | Skipped):
            yield from batch.add(path)
            continue
        try:
            data = read_import_file(path)
        except OSError as exc:
            yield from batch.add(Refused(str(path), f"cannot read it ({exc.strerror})"))
            continue
        except InvalidInput as exc:
            yield from batch.add(Refused(str(path), str(exc), exc))
            continue
        if PurePath(path.name).suffix.lower() == ".jsonl" and is_export(data):
            yield from batch.flush()  # a restore stores on its own: keep the order of what is printed
            yield from import_data(store, data, path.name, language=language, actor=actor)
            continue
        for item in preview_data(data, path.name, language=language):
            yield from batch.add(_as_given(item, path))
    yield from batch.flush()


def incoming(data: bytes, name: str) -> Iterator[Incoming | Refused]:
    """The articles in one file, by its suffix: text, HTML, or a CSV/JSONL batch."""
    shown = safe_source_name(name)
    suffix = PurePath(shown).suffix.lower()
    try:
        text = decode_article(data, name)
        if suffix in HTML_SUFFIXES:
            page = extract_html(text, where=f"{shown}: ")
            yield Incoming(
                page.text,
                shown,
                shown,
                page.title,
                None,
                ArticleMeta(url=page.url, outlet=page.outlet, author=page.author, published=page.published),
            )
        elif suffix == ".csv":
            yield from read_csv_batch(text, shown)
        elif suffix == ".jsonl":
            yield from read_jsonl_batch(text, shown)
        else:
            yield Incoming(text, shown, shown)
    except InvalidInput as exc:
        yield Refused(shown, str(exc).removeprefix(f"{shown}: "), exc)


def import_data(
    store: Store,
    data: bytes,
    name: str,
    *,
    language: str | None = None,
    actor: str = OPERATOR,
    restore: bool = True,
) -> Iterator[Outcome]:
    """Import every article in one file. A JSONL file written by `workbench export --format jsonl` is restored
    with its labels, verdicts, history and ids when `restore` is asked and the store allows `actor` to;
    otherwise its articles and segments come in (see formats/jsonl.py)."""
    from .formats.jsonl import is_export, restore_jsonl  # late: it imports this module

    if PurePath(name).suffix.lower() == ".jsonl" and is_export(data):
        yield from restore_jsonl(store, data, safe_source_name(name), actor=actor, restore=restore)
        return
    for item in preview_data(data, name, language=language):
        if isinstance(item, Refused):
            yield item
            continue
        try:
            yield save(store, item, actor=actor)
        except WorkbenchError as exc:
            yield Refused(item.source_name, str(exc))


def prepare_item(item: Incoming, language: str | None = None) -> Prepared | Refused:
    """Check and split one incoming article; a language named by a batch row wins over `language`."""
    try:
        return prepare(
            item.text,
            language=item.language or language,
            title=item.title,
            source_name=item.source_name,
            meta=item.meta,
            where=item.where,
        )
    except WorkbenchError as exc:
        return Refused(item.where, str(exc).removeprefix(f"{item.where}: "), exc)


def preview_data(data: bytes, name: str, *, language: str | None = None) -> list[Prepared | Refused]:
    """Every article in one file (not a JSONL export), checked and split but not stored: what a preview shows."""
    return [item if isinstance(item, Refused) else prepare_item(item, language) for item in incoming(data, name)]


def import_url(store: Store, url: str, *, language: str | None = None, actor: str = OPERATOR) -> list[Outcome]:
    """Fetch one page (see formats/fetch.py for what is refused) and import its article."""
    from .formats.fetch import fetch_url  # late: only URL imports need http.client and ssl

    try:
        page = fetch_url(url)
        if page.content_type == "text/plain":
            item = Incoming(decode_article(page.data, "page.txt"), page.url, page.url, meta=ArticleMeta(url=page.url))
        else:
            try:
                html = page.data.decode(page.charset or "utf-8")
            except (LookupError, UnicodeDecodeError):
                html = page.data.decode("cp1252", errors="replace")  # the web's usual undeclared encoding
            found = extract_html(html, where=f"{page.url}: ")
            item = Incoming(
                found.text,
                page.url,
                page.url,
                found.title,
                None,
                ArticleMeta(
                    url=found.url or page.url, outlet=found.outlet, author=found.author, published=found.published
                ),
            )
        prepared = prepare_item(item, language)
        return [prepared if isinstance(prepared, Refused) else save(store, prepared, actor=actor)]
    except WorkbenchError as exc:
        return [Refused(url, str(exc))]
