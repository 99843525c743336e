"""Article metadata (title, outlet, URL, author, date, language, other fields) and the rules it must meet."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .errors import InvalidInput
from .models import GENERIC_LANGUAGE, SUPPORTED_LANGUAGES
from .rules import check_source_url

MAX_FIELD_CHARS = 200
MAX_EXTRA_CHARS = 20_000
METADATA_LANGUAGES = (*SUPPORTED_LANGUAGES, GENERIC_LANGUAGE)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class ArticleMeta:
    """Where an article comes from; empty strings when unknown. `extra` holds any other field, as JSON."""

    url: str = ""
    outlet: str = ""
    author: str = ""
    published: str = ""
    extra: dict = field(default_factory=dict)

    def extra_json(self) -> str:
        return json.dumps(self.extra, ensure_ascii=False, sort_keys=True)


def check_plain(value: str, what: str, limit: int = MAX_FIELD_CHARS) -> str:
    """One line of printable text, spaces collapsed, at most `limit` characters."""
    value = " ".join(str(value).split())
    if any(unicodedata.category(ch) in {"Cc", "Cs"} for ch in value):
        raise InvalidInput(f"{what} contains control characters")
    if len(value) > limit:
        raise InvalidInput(f"{what} is {len(value)} characters long; at most {limit} are allowed")
    return value


def check_article_url(url: str) -> str:
    """An http(s) URL by the same rules as a source link (no spaces, no user@, IDN hosts as xn--), or ''."""
    url = str(url).strip()
    if not url:
        return ""
    try:
        return check_source_url(url)
    except InvalidInput as exc:
        raise InvalidInput(str(exc).replace("source link", "article URL")) from None
    except ValueError as exc:  # urlsplit's own refusal ("http://[::1": Invalid IPv6 URL) ended a whole batch
        raise InvalidInput(f"article URL {url[:80]!r} cannot be read ({exc})") from None


_TRACKING = re.compile(r"utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga", re.IGNORECASE)
_DEFAULT_PORTS = {80, 443}


def canonical_url(url: str) -> str:
    """The form under which two article URLs are the same article: scheme http/https alike, host lower-case,
    default port, fragment, a trailing slash and tracking parameters (utm_*, fbclid, gclid …) dropped.
    '' for no URL or one that cannot be read."""
    try:
        parts = urlsplit(str(url).strip())
        port = parts.port
    except ValueError:
        return ""
    host = (parts.hostname or "").lower().rstrip(".")
    if not host or parts.scheme.lower() not in {"http", "https"}:
        return ""
    netloc = host if port is None or port in _DEFAULT_PORTS else f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.fullmatch(k)])
    return urlunsplit(("https", netloc, parts.path.rstrip("/") or "/", query, ""))


def check_published(value: str) -> str:
    """A date as YYYY-MM-DD, or an ISO 8601 date and time (kept as given); '' when unknown."""
    value = str(value).strip()
    if not value:
        return ""
    try:
        if _DATE.fullmatch(value):
            date.fromisoformat(value)
        else:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput(f"published date {value[:40]!r} is not a date like 2024-03-05") from None
    return value


def check_language(value: str) -> str:
    value = str(value).strip().lower()
    if value not in METADATA_LANGUAGES:
        raise InvalidInput(f"language {value[:20]!r} is not one of {', '.join(METADATA_LANGUAGES)}")
    return value


def check_extra(extra: dict) -> dict:
    size = len(json.dumps(extra, ensure_ascii=False))
    if size > MAX_EXTRA_CHARS:
        raise InvalidInput(f"other metadata is {size:,} characters as JSON; at most {MAX_EXTRA_CHARS:,} are allowed")
    return extra


def check_meta(meta: ArticleMeta) -> ArticleMeta:
    """Every rule for the metadata of one article; returns it cleaned (URL host as xn--, spaces collapsed)."""
    return ArticleMeta(
        url=check_article_url(meta.url),
        outlet=check_plain(meta.outlet, "outlet"),
        author=check_plain(meta.author, "author"),
        published=check_published(meta.published),
        extra=check_extra(dict(meta.extra)),
    )
