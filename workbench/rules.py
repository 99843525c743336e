"""The rules a label must meet before it is stored: status, source link, note, reviewer name."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from .errors import InvalidLabel
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
    warning: str = ""


def _has_control(text: str, allowed: str = "") -> bool:
    return any(unicodedata.category(ch) in {"Cc", "Cs"} and ch not in allowed for ch in text)


def parse_status(value: str | Status) -> Status:
    try:
        return Status(value)
    except ValueError:
        choices = ", ".join(s.value for s in Status)
        raise InvalidLabel(f"status {value!r} is not one of {choices}") from None


def check_source_url(url: str) -> str:
    """Return the link if it is a safe http(s) URL (a non-ASCII host in its xn-- form); else raise InvalidLabel."""
    if len(url) > MAX_URL_CHARS:
        raise InvalidLabel(f"source link is {len(url)} characters long; at most {MAX_URL_CHARS} are allowed")
    # Before parsing: urlsplit drops tabs and newlines, so "java\tscript:" would pass as "javascript:".
    if any(ch.isspace() for ch in url) or _has_control(url):
        raise InvalidLabel("source link contains spaces or control characters")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if not scheme:
        raise InvalidLabel(f"source link has no scheme; did you mean https://{url} ?")
    if scheme not in {"http", "https"}:
        raise InvalidLabel(f"source link must start with http:// or https://, not {scheme}:")
    if "@" in parts.netloc:
        raise InvalidLabel("source link must not contain a user name or password (user@host)")
    if not parts.hostname:
        raise InvalidLabel("source link has no host")
    if parts.netloc.isascii():
        return url
    try:
        ascii_host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise InvalidLabel("source link has a host name that is not valid") from None
    netloc = ascii_host + (f":{parts.port}" if parts.port else "")
    return parts._replace(netloc=netloc).geturl()


def link_warning(url: str) -> str:
    """A warning for a link whose host was written with non-ASCII letters (a possible look-alike)."""
    checked = check_source_url(url.strip())
    if checked == url.strip() or "xn--" not in urlsplit(checked).netloc:
        return ""
    return (f"the link's host has non-ASCII letters, which can imitate another site; "
            f"it is stored as {urlsplit(checked).hostname}: check it is the site you meant")


def check_note(note: str) -> str:
    if len(note) > MAX_NOTE_CHARS:
        raise InvalidLabel(f"note is {len(note)} characters long; at most {MAX_NOTE_CHARS} are allowed")
    if _has_control(note, allowed="\n\t"):
        raise InvalidLabel("note contains control characters")
    return note


def check_reviewer(name: str) -> str:
    name = name.strip()
    if not name:
        raise InvalidLabel("a reviewer name is required")
    if len(name) > MAX_REVIEWER_CHARS or _has_control(name):
        raise InvalidLabel(f"reviewer name must be at most {MAX_REVIEWER_CHARS} printable characters")
    return name


def check_label(status: str | Status, reviewer: str, source_url: str = "", note: str = "") -> LabelInput:
    """Every rule for one label, in the order a reviewer would fix them."""
    parsed = parse_status(status)
    source_url, warning = source_url.strip(), ""
    if source_url:
        warning = link_warning(source_url)
        source_url = check_source_url(source_url)
    elif parsed.needs_source:
        raise InvalidLabel(f"a source link is required for {parsed.value}: a verdict needs its evidence")
    return LabelInput(parsed, source_url, check_note(note), check_reviewer(reviewer), warning)
