"""Checking source links: one link at a time (check_link), in the web app's background (BackgroundChecks), and
all of them from the command line (check_links), politely: bounded concurrency, one request per host at a time
with a pause between, import's fetch rules (formats/fetch.py). No SQL here: results go through the store.

What a check keeps of a page: the final URL after redirects, the HTTP status, the content type, the title,
the SHA-256 of the body and of its main text, and that main text (trafilatura, capped at
WORKBENCH_LINK_TEXT_CHARS), so the evidence can still be read after the page dies. Nothing is fetched when
WORKBENCH_LINK_CHECKS is off; offline or refused, the check says so (`unchecked`, with the reason).
"""

from __future__ import annotations

import hashlib
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import config
from .canonical import canonical_url
from .errors import WorkbenchError
from .formats import fetch
from .models import LinkCheck
from .store import Store
from .store.accounts import OPERATOR
from .store.connection import now

TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
# Answers that say "not to you" rather than "not here": sign-in walls, bot blocks, rate limits. Many news sites
# give them to any program; calling those links dead would be wrong, so they stay unchecked, with the reason.
REFUSED_CHECKER = frozenset({401, 403, 407, 429})
OFF_REASON = "link checks are off (WORKBENCH_LINK_CHECKS=off); nothing was fetched"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _page_text(probe: fetch.Probe) -> tuple[str, str]:
    """(title, main text) of an HTML or text page; ("", "") for anything else (a PDF, an image)."""
    if probe.content_type not in TEXT_TYPES and probe.content_type:
        return "", ""
    try:
        decoded = probe.data.decode(probe.charset or "utf-8", errors="replace")
    except LookupError:  # a charset Python does not know, as the server named it
        decoded = probe.data.decode("utf-8", errors="replace")
    if probe.content_type == "text/plain":
        return "", decoded.strip()
    from .formats.html import extract_html  # trafilatura: loaded only when a page is read

    try:
        extracted = extract_html(decoded, url=probe.url)
    except WorkbenchError:
        return "", ""  # a page with no article text (a login wall, an index page): its hash still counts
    except Exception:  # noqa: BLE001 - a parser crash on a hostile page must not lose the check
        return "", ""
    return extracted.title, extracted.text


def check_link(url: str, *, timeout_s: float | None = None) -> LinkCheck:
    """Check one link now; never raises for anything the page or the network does (that is the result)."""
    canonical, stamp = canonical_url(url), now()

    def unchecked(reason: str) -> LinkCheck:
        return LinkCheck(url, canonical, "unchecked", stamp, reason=reason)

    if not config.get("link_checks"):
        return unchecked(OFF_REASON)
    limit = int(config.get("max_upload_mb")) * 1024 * 1024  # type: ignore[call-overload]
    try:
        probe = fetch.probe_url(url, timeout_s=timeout_s, max_bytes=limit)
    except fetch.HostNotFound as exc:
        return LinkCheck(url, canonical, "dead", stamp, reason=str(exc))
    except fetch.Unreachable as exc:
        return unchecked(f"could not reach the page: {exc}")
    except WorkbenchError as exc:  # a private address, a scheme, a redirect loop: refused by the fetch rules
        return unchecked(f"refused: {exc}")
    except Exception as exc:  # noqa: BLE001 - a check is best effort; the save it follows is already stored
        return unchecked(f"could not check the page: {type(exc).__name__}: {exc}")
    if probe.status in REFUSED_CHECKER:
        return LinkCheck(
            url,
            canonical,
            "unchecked",
            stamp,
            http_status=probe.status,
            final_url=probe.url,
            reason=f"the site refused an automatic check (HTTP {probe.status} {probe.reason})".replace(" )", ")"),
        )
    if probe.status >= 400:
        return LinkCheck(
            url,
            canonical,
            "dead",
            stamp,
            http_status=probe.status,
            final_url=probe.url,
            content_type=probe.content_type,
            reason=f"HTTP {probe.status} {probe.reason}".strip(),
        )
    title, text = _page_text(probe)
    cap = int(config.get("link_text_chars"))  # type: ignore[call-overload]
    return LinkCheck(
        url,
        canonical,
        "ok",
        stamp,
        http_status=probe.status,
        final_url=probe.url,
        content_type=probe.content_type,
        title=" ".join(title.split())[:500],
        sha256=_sha256(probe.data),
        text_sha256=_sha256(text.encode("utf-8")) if text else "",
        text=text[:cap],
        text_truncated=len(text) > cap or probe.truncated,
        reason=f"only the first {limit // 1048576} MB were read" if probe.truncated else "",
    )


class HostPacing:
    """One request per host at a time, and at least `interval_s` between the end of one and the next."""

    def __init__(self, interval_s: float) -> None:
        self.interval_s = interval_s
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}

    def run(self, host: str, work: Callable[[], LinkCheck]) -> LinkCheck:
        with self._lock:
            gate = self._hosts.setdefault(host, threading.Lock())
        with gate:
            wait = self._last.get(host, -1e9) + self.interval_s - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                return work()
            finally:
                self._last[host] = time.monotonic()


@dataclass(frozen=True)
class Summary:
    checked: int
    statuses: Counter  # label link statuses after the run: ok, dead, changed, unchecked

    def line(self) -> str:
        parts = " · ".join(f"{self.statuses.get(s, 0)} {s}" for s in ("ok", "dead", "changed", "unchecked"))
        return f"links: {self.checked} checked; evidence links: {parts}"


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def interleaved(urls: Iterable[str]) -> list[tuple[str, str]]:
    """(host, url) taking one link of each host in turn: the workers are never all queued on one host's pause."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(_host(url), []).append(url)
    queues = list(by_host.items())
    order: list[tuple[str, str]] = []
    while queues:
        order += [(host, links.pop(0)) for host, links in queues]
        queues = [(host, links) for host, links in queues if links]
    return order


def check_links(
    store: Store,
    *,
    older_than_days: float | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Summary:
    """Check every link labels cite (or those last checked more than `older_than_days` ago), recording each
    result from this thread (the store's connection stays on its thread; workers only fetch)."""
    store.track_all_links()
    due = store.links_due(older_than_days)
    pacing = HostPacing(int(config.get("link_check_host_interval_ms")) / 1000)  # type: ignore[call-overload]
    size = workers or int(config.get("link_check_workers"))  # type: ignore[call-overload]
    done = 0
    if progress:
        progress(0, len(due))
    with ThreadPoolExecutor(max_workers=size, thread_name_prefix="link-check") as pool:
        order = interleaved(url for _, url in due)
        futures = [pool.submit(pacing.run, host, lambda url=url: check_link(url)) for host, url in order]
        for future in as_completed(futures):
            store.record_link_check(future.result())
            done += 1
            if progress:
                progress(done, len(due))
    return Summary(done, Counter(store.link_summary(viewer=OPERATOR)))


class BackgroundChecks:
    """The web app's link checks: a small pool of threads that check a link after its label is saved and
    write the result through a connection of their own. Submitting never waits; past `max_pending` links
    waiting, or a link already being checked, nothing is queued (`workbench links check` catches up)."""

    def __init__(self, db_path: Path | str, workers: int = 2, max_pending: int = 64) -> None:
        # A file's path or a PostgreSQL URL, as config.db_path() gives it (a URL is no Path).
        self.db_path, self.max_pending = db_path, max_pending
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="link-check")
        self._lock = threading.Lock()
        self._pending: set[str] = set()

    def submit(self, url: str) -> Future | None:
        """Check `url` soon; None when nothing was queued (no link, checks off, already queued, too many)."""
        canonical = canonical_url(url)
        if not canonical or not config.get("link_checks"):
            return None
        with self._lock:
            if canonical in self._pending or len(self._pending) >= self.max_pending:
                return None
            self._pending.add(canonical)
        return self._pool.submit(self._run, url, canonical)

    def _run(self, url: str, canonical: str) -> None:
        try:
            check = check_link(url)
            with Store(self.db_path) as store:
                store.record_link_check(check)
        except Exception as exc:  # noqa: BLE001 - a background thread has nobody to raise to: one line, no traceback
            print(f"workbench: link check of {canonical} not recorded: {type(exc).__name__}: {exc}", file=sys.stderr)
        finally:
            with self._lock:
                self._pending.discard(canonical)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
