"""Formats in: bytes or text of one article → checked, normalised, split, stored."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath

from . import config
from .errors import InvalidInput
from .models import SUPPORTED_LANGUAGES, SegmentKind, Split
from .splitting import normalise_text, split_text
from .store import Store

IMPORTABLE_SUFFIXES = (".txt", ".md")
MAX_LINE_CHARS = 100_000
MAX_TITLE_CHARS = 200
_BINARY_SIGNATURES = {
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or a Word/OpenDocument file)", b"GIF8": "a GIF image",
}


@dataclass(frozen=True)
class Prepared:
    """An article checked and split, not yet stored: what the preview shows."""

    title: str
    source_name: str
    split: Split

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


def safe_source_name(name: str) -> str:
    """A file name fit for display only: last path part, printable, bounded. Never used as a path."""
    base = PurePath(name.replace("\\", "/")).name
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    return base[:MAX_TITLE_CHARS] or "untitled"


def decode_article(data: bytes, name: str = "") -> str:
    """Decode an uploaded file as UTF-8 (a BOM is dropped), refusing anything else with where and why."""
    where = f"{safe_source_name(name)}: " if name else ""
    limit_mb = int(config.get("max_upload_mb"))  # type: ignore[call-overload]
    if len(data) > limit_mb * 1024 * 1024:
        raise InvalidInput(f"{where}file is {len(data) / 1048576:.1f} MB; the limit is {limit_mb} MB")
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise InvalidInput(f"{where}this is {what}, not a text file")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InvalidInput(f"{where}file is UTF-16; save it as UTF-8 and try again")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InvalidInput(f"{where}file holds a NUL byte at byte {nul}; it is not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"{where}not valid UTF-8 at byte {exc.start} (0x{data[exc.start]:02x}); "
            "it may be Windows-1252 or Latin-1: save it as UTF-8 and try again") from None


def check_text(text: str, where: str = "") -> str:
    """Normalise line ends and BOM; refuse text nobody could review."""
    text = normalise_text(text)
    if not text.strip():
        raise InvalidInput(f"{where}the article is empty")
    if "\x00" in text:
        raise InvalidInput(f"{where}the text holds a NUL character at position {text.index(chr(0))}")
    surrogate = next((i for i, ch in enumerate(text) if unicodedata.category(ch) == "Cs"), None)
    if surrogate is not None:
        raise InvalidInput(f"{where}the text holds a lone surrogate at position {surrogate}")
    limit = int(config.get("max_article_chars"))  # type: ignore[call-overload]
    if len(text) > limit:
        raise InvalidInput(f"{where}the article has {len(text):,} characters; the limit is {limit:,}")
    line_start = 0
    for line in text.split("\n"):
        if len(line) > MAX_LINE_CHARS:
            raise InvalidInput(
                f"{where}a line starting at position {line_start} has {len(line):,} characters; "
                f"the limit is {MAX_LINE_CHARS:,}")
        line_start += len(line) + 1
    return text


def _guess_title(split: Split, source_name: str) -> str:
    first = next((s for s in split.segments if s.kind is not SegmentKind.BOILERPLATE), None)
    if first is not None and first.kind is SegmentKind.HEADING:
        return first.text[:MAX_TITLE_CHARS]
    if source_name:
        return PurePath(source_name).stem[:MAX_TITLE_CHARS]
    if first is not None:
        return first.text if len(first.text) <= 80 else first.text[:79] + "…"
    return "untitled"


def prepare(text: str, *, language: str | None = None, title: str = "", source_name: str = "") -> Prepared:
    """Check and split an article; nothing is stored."""
    source_name = safe_source_name(source_name) if source_name else ""
    where = f"{source_name}: " if source_name else ""
    text = check_text(text, where)
    if language in (None, "", "auto"):
        language = None
    elif language not in SUPPORTED_LANGUAGES:
        raise InvalidInput(f"language {language!r} is not one of auto, {', '.join(SUPPORTED_LANGUAGES)}")
    split = split_text(text, language)
    limit = int(config.get("max_claims_per_article"))  # type: ignore[call-overload]
    if len(split.segments) > limit:
        raise InvalidInput(f"{where}the article splits into {len(split.segments):,} segments; the limit is {limit:,}")
    if not split.claims:
        raise InvalidInput(f"{where}the article holds no sentence to review")
    title = " ".join(title.split())[:MAX_TITLE_CHARS] or _guess_title(split, source_name)
    return Prepared(title, source_name, split)


def save(store: Store, prepared: Prepared) -> ImportResult:
    article_id, created = store.add_article(prepared.split, title=prepared.title, source_name=prepared.source_name)
    if not created:
        existing = store.article(article_id)
        return ImportResult(article_id, False, existing.title, existing.language,
                            prepared.claim_count, prepared.source_name)
    return ImportResult(article_id, True, prepared.title, prepared.split.language,
                        prepared.claim_count, prepared.source_name)


def import_bytes(store: Store, data: bytes, name: str, *, language: str | None = None) -> ImportResult:
    return save(store, prepare(decode_article(data, name), language=language, source_name=name))


def import_paths(store: Store, paths: Iterable[Path], *, language: str | None = None) -> list[ImportResult]:
    """Import files one by one; a refused file stops nothing already stored."""
    results = []
    for path in paths:
        if path.suffix.lower() not in IMPORTABLE_SUFFIXES:
            raise InvalidInput(f"{path}: only {', '.join(IMPORTABLE_SUFFIXES)} files can be imported")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InvalidInput(f"{path}: cannot read it ({exc.strerror})") from None
        results.append(import_bytes(store, data, path.name, language=language))
    return results
