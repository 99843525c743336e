"""The rules a label must meet before it is stored: status, source link, note, reviewer name."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from .errors import InvalidLabel
from .messages import MESSAGES
from .models import Status

MAX_URL_CHARS = 2048
MAX_NOTE_CHARS = 2000
MAX_REVIEWER_CHARS = 100


@dataclass(frozen=True)
class LabelInput:
    """A label as it will be stored, after every rule has passed."""

    status: Status
    source_url: str
    note: str
    reviewer: str
    archive_url: str = ""  # a Wayback Machine, archive.today or perma.cc copy of the source, if given


def _has_control(text: str, allowed: str = "") -> bool:
    return any(unicodedata.category(ch) in {"Cc", "Cs"} and ch not in allowed for ch in text)


def parse_status(value: str | Status) -> Status:
    try:
        return Status(value)
    except ValueError:
        choices = ", ".join(s.value for s in Status)
        raise InvalidLabel.of("err.status_choice", value=repr(value), choices=choices) from None


def check_source_url(url: str) -> str:
    """Return the link if it is a safe http(s) URL (a non-ASCII host in its xn-- form); else raise InvalidLabel."""
    if len(url) > MAX_URL_CHARS:
        raise InvalidLabel.of("err.link_too_long", length=len(url), limit=MAX_URL_CHARS)
    # Before parsing: urlsplit drops tabs and newlines, so "java\tscript:" would pass as "javascript:".
    if any(ch.isspace() for ch in url) or _has_control(url):
        raise InvalidLabel.of("err.link_spaces")
    try:
        # Both raise ValueError: urlsplit on a broken [IPv6] host, .port on 'abc' or 99999.
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise InvalidLabel.of("err.link_malformed") from None
    scheme = parts.scheme.lower()
    if not scheme:
        raise InvalidLabel.of("err.link_no_scheme", url=url)
    if scheme not in {"http", "https"}:
        raise InvalidLabel.of("err.link_scheme", scheme=scheme)
    if "@" in parts.netloc:
        raise InvalidLabel.of("err.link_userinfo")
    if not parts.hostname:
        raise InvalidLabel.of("err.link_no_host")
    if parts.netloc.isascii():
        return url
    try:
        ascii_host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise InvalidLabel.of("err.link_bad_host") from None
    netloc = ascii_host + (f":{port}" if port else "")
    return parts._replace(netloc=netloc).geturl()


def lookalike_host(url: str) -> str:
    """The host a link is stored with when it was written with non-ASCII letters (a possible look-alike), else ""."""
    checked = check_source_url(url.strip())
    if checked == url.strip() or "xn--" not in urlsplit(checked).netloc:
        return ""
    return urlsplit(checked).hostname or ""


def link_warning(url: str) -> str:
    """lookalike_host() as a sentence, or ""."""
    host = lookalike_host(url)
    return MESSAGES["err.lookalike_host"]["en"].format(host=host) if host else ""


def check_note(note: str) -> str:
    if len(note) > MAX_NOTE_CHARS:
        raise InvalidLabel.of("err.note_too_long", length=len(note), limit=MAX_NOTE_CHARS)
    if _has_control(note, allowed="\n\t"):
        raise InvalidLabel.of("err.note_control")
    return note


# Characters a name or an address may not hold: controls, and the format characters that are invisible
# or reorder text (zero-width space and joiners, bidirectional marks, embeddings, overrides and isolates,
# the BOM), line and paragraph separators, surrogates, private use and unassigned code points. Each
# makes two names that look the same on screen different in the database.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def normalise_name(name: str) -> str:
    """A reviewer name or e-mail address in the one form it is stored and looked up in.

    Trimmed and in Unicode NFKC (a full-width or composed letter is the plain one); an address (anything
    with "@") is also case-folded, so `Mixed@Example.ORG` and `mixed@example.org` are one person.
    Names keep their case: "Ann" is how Ann writes it.
    """
    name = unicodedata.normalize("NFKC", str(name)).strip()
    if "@" in name:
        name = unicodedata.normalize("NFKC", name.casefold())
    return name


def invisible_character(text: str) -> str:
    """The first invisible, bidirectional or control character in `text` as U+XXXX, or ""."""
    found = next((ch for ch in text if unicodedata.category(ch) in INVISIBLE_CATEGORIES), "")
    return f"U+{ord(found):04X}" if found else ""


def check_reviewer(name: str) -> str:
    """The name normalised (normalise_name); refused when empty, too long, or holding an invisible character."""
    name = normalise_name(name)
    if not name:
        raise InvalidLabel.of("err.reviewer_required")
    if len(name) > MAX_REVIEWER_CHARS:
        raise InvalidLabel.of("err.reviewer_too_long", limit=MAX_REVIEWER_CHARS)
    if char := invisible_character(name):
        raise InvalidLabel.of("err.name_invisible", char=char)
    return name


def check_archive_url(url: str) -> str:
    """An archive link (optional) under the source link's rules; a refusal says it is the archive link."""
    url = url.strip()
    if not url:
        return ""
    try:
        return check_source_url(url)
    except InvalidLabel as exc:
        reason = str(exc).removeprefix("source link ")
        raise InvalidLabel.of("err.archive_invalid", reason=reason) from None


def check_label(
    status: str | Status, reviewer: str, source_url: str = "", note: str = "", archive_url: str = ""
) -> LabelInput:
    """Every rule for one label, in the order a reviewer would fix them."""
    parsed = parse_status(status)
    source_url = source_url.strip()
    if source_url:
        source_url = check_source_url(source_url)
    elif parsed.needs_source:
        raise InvalidLabel.of("err.source_required", status=parsed.value)
    archive_url = check_archive_url(archive_url)
    return LabelInput(parsed, source_url, check_note(note), check_reviewer(reviewer), archive_url)
