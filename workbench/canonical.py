"""The canonical form of a source link: the key that groups "the same source" across labels and link checks.

Built on courlan (by trafilatura's author; installed with trafilatura, so no new package), which lower-cases
the scheme and host, drops the scheme's default port, normalises the path's escapes, sorts the query and
removes its tracking parameters from a list it keeps up to date (utm_*, fbclid, gclid, msclkid, mc_*, igshid
and more; also ref, source and session parameters, so two links that differ only there count as one source:
the price of a list we do not maintain, and only a grouping key). Chosen over url-normalize, whose parameter
filter keeps only an allowlist (it would drop `?id=3` and merge different articles), and w3lib, which has no
list of trackers (we would have to write our own rules). Around it, our part is only what courlan leaves as it
is: the fragment is dropped (courlan keeps it), a punycode host stays ASCII (courlan decodes it to Unicode,
where look-alike letters hide), an empty path is "/", dot segments are resolved as a browser resolves them,
and the result is idempotent.

The label keeps the link exactly as the reviewer gave it; this form is only a key.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urljoin, urlsplit, urlunsplit


def _ascii_host(netloc: str) -> str:
    """The host in its xn-- (IDNA) form, lower case; a port after it is kept."""
    host, colon, port = netloc.rpartition(":") if netloc.rfind(":") > netloc.rfind("]") else (netloc, "", "")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        pass  # not a name IDNA can encode (an IPv6 literal, a label too long): kept as courlan gave it
    return (host + colon + port).lower()


@lru_cache(maxsize=4096)
def canonical_url(url: str) -> str:
    """The canonical form of an http(s) link; "" for an empty one. Never raises on a link that rules.py let in.

    The link given is checked by rules.check_source_url before it is stored, so it parses; anything else
    (a restored row from an old version) comes back lower-cased and stripped of its fragment, at worst.
    """
    url = url.strip()
    if not url:
        return ""
    # Imported on first use: courlan brings tld and urllib3 (60-90 ms), which most commands never need.
    from courlan.clean import normalize_url

    try:
        parts = urlsplit(url)._replace(fragment="")
        normal = urlsplit(normalize_url(parts, strict=False, trailing_slash=True))
    except ValueError:
        return url.split("#", 1)[0].lower()
    # Dot segments resolved as a browser does before it asks (courlan removes only leading ones).
    path = urlsplit(urljoin("http://h/", normal.path or "/")).path or "/"
    return urlunsplit((normal.scheme, _ascii_host(normal.netloc), path, normal.query, ""))
