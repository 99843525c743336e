"""Link checks against pages served on 127.0.0.1: ok, redirect, 404, 500, a page that changes, a server that
trickles past the deadline, no network at all; results stored append-only in a real SQLite file."""

from __future__ import annotations

import errno
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.test_cli import run
from workbench import linkcheck
from workbench.models import LinkStatus
from workbench.store import Store
from workbench.store.accounts import OPERATOR


def page(title: str, body: str) -> bytes:
    paragraphs = "".join(f"<p>{body} Sentence {i} of the report says more about it.</p>" for i in range(6))
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>".encode()


class Pages:
    """What the server answers; a test changes `version` or opens `gate` while it runs."""

    version = 1
    hits: dict[str, int] = {}
    gate = threading.Event()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def send(self, status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8", **headers: str):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def trickle(self) -> None:
        """Headers at once, then one byte every 0.1 s for 30 s: a socket timeout alone never trips."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        for _ in range(300):
            self.wfile.write(b"x")
            self.wfile.flush()
            time.sleep(0.1)

    def do_GET(self) -> None:  # noqa: N802
        path = self.path.split("?")[0]
        Pages.hits[path] = Pages.hits.get(path, 0) + 1
        routes = {
            "/ok": lambda: self.send(200, page("Rates rose", "The bank raised rates on Tuesday.")),
            "/moved": lambda: self.send(301, Location="/ok"),
            "/gone": lambda: self.send(404, b"not here"),
            "/broken": lambda: self.send(500, b"oops"),
            "/bots-not-welcome": lambda: self.send(403, b"forbidden"),
            "/changing": lambda: self.send(
                200, page("Budget", f"The budget was cut by {Pages.version * 10} percent this year.")
            ),
            "/ads": lambda: self.send(  # the same article around an advert that differs on every visit
                200,
                page("Budget", "The budget was cut.").replace(
                    b"</body>", f"<aside>ad {Pages.hits['/ads']}</aside></body>".encode()
                ),
            ),
            "/plain.txt": lambda: self.send(200, b"Plain evidence.\n", "text/plain; charset=utf-8"),
            "/odd-charset": lambda: self.send(200, b"Plain evidence.\n", "text/plain; charset=x-no-such-charset"),
            "/trickle": self.trickle,
            "/waits": lambda: (Pages.gate.wait(30), self.send(200, page("Late", "It came late."))),
        }
        routes.get(path, lambda: self.send(404, b"no route"))()


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the deadline test)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    Pages.gate.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_ALLOW_PRIVATE_URLS", "on")
    monkeypatch.setenv("WORKBENCH_LINK_CHECKS", "on")
    monkeypatch.setenv("WORKBENCH_LINK_CHECK_HOST_INTERVAL_MS", "1")
    Pages.version = 1


def labelled(store: Store, article: int, url: str, reviewer: str = "ann", index: int = 0) -> int:
    claim = [c.id for c in store.claims(article_id=article) if c.kind.value == "claim"][index]
    store.save_label(claim, status="verified", reviewer=reviewer, source_url=url)
    return claim


@pytest.mark.parametrize(
    "path, outcome, http_status, why",
    [
        ("/ok", "ok", 200, ""),  # a page that answers
        ("/moved", "ok", 200, ""),  # a redirect followed (and checked again) to the page
        ("/gone", "dead", 404, "HTTP 404"),  # the page is gone
        ("/broken", "dead", 500, "HTTP 500"),  # the server fails: dead until it answers again
        ("/bots-not-welcome", "unchecked", 403, "refused an automatic check"),  # a bot block is not a dead page
    ],
)
def test_one_check(server: str, path: str, outcome: str, http_status: int, why: str) -> None:
    check = linkcheck.check_link(server + path)
    assert (check.outcome, check.http_status) == (outcome, http_status)
    assert why in check.reason
    if outcome == "ok":
        assert check.final_url == f"{server}/ok" and check.title == "Rates rose"
        assert "The bank raised rates on Tuesday." in check.text and len(check.sha256) == 64
        assert check.content_type == "text/html" and check.text_sha256


@pytest.mark.parametrize("path", ["/plain.txt", "/odd-charset"])  # a charset Python does not know is read as UTF-8
def test_plain_text_pages(server: str, path: str) -> None:
    check = linkcheck.check_link(server + path)
    assert (check.outcome, check.content_type, check.text) == ("ok", "text/plain", "Plain evidence.")


def test_the_kept_text_is_capped(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_LINK_TEXT_CHARS", "40")
    check = linkcheck.check_link(f"{server}/ok")
    assert len(check.text) == 40 and check.text_truncated


def test_a_trickling_server_is_cut_at_the_deadline(server: str) -> None:
    check = linkcheck.check_link(f"{server}/trickle", timeout_s=0.5)
    assert check.outcome == "unchecked" and "took too long" in check.reason


def test_no_network_at_all_is_unchecked_not_dead(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Offline, a link is not dead: DNS that cannot be asked, and sockets refused, both say `unchecked`."""

    def no_dns(*args: object, **kwargs: object) -> list:
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    def no_route(*args: object, **kwargs: object) -> socket.socket:
        raise OSError(errno.ENETUNREACH, "Network is unreachable")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    check = linkcheck.check_link("https://news.example/story")
    assert check.outcome == "unchecked" and "could not reach" in check.reason and not check.sha256
    monkeypatch.undo()
    monkeypatch.setenv("WORKBENCH_ALLOW_PRIVATE_URLS", "on")
    monkeypatch.setattr(socket, "create_connection", no_route)
    check = linkcheck.check_link(f"{server}/ok")
    assert check.outcome == "unchecked" and "unreachable" in check.reason


def test_a_host_that_does_not_exist_is_dead(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_host(*args: object, **kwargs: object) -> list:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    check = linkcheck.check_link("https://gone.example/story")
    assert check.outcome == "dead" and "cannot find the host" in check.reason


def test_private_addresses_stay_refused_without_the_setting(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_ALLOW_PRIVATE_URLS", "off")
    check = linkcheck.check_link(f"{server}/ok")
    assert check.outcome == "unchecked" and check.reason.startswith("refused:") and "private" in check.reason


def test_checks_off_fetch_nothing(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_LINK_CHECKS", "off")
    before = Pages.hits.get("/ok", 0)
    check = linkcheck.check_link(f"{server}/ok")
    assert check.outcome == "unchecked" and "off" in check.reason and Pages.hits.get("/ok", 0) == before


def test_status_follows_checks_and_history_is_kept(store: Store, article: int, server: str) -> None:
    claim = labelled(store, article, f"{server}/changing?utm_source=newsletter#top")
    assert store.link_states(claim, viewer="ann")["ann"].status is LinkStatus.UNCHECKED
    store.record_link_check(linkcheck.check_link(f"{server}/changing"))  # the check at labelling time
    assert store.link_states(claim, viewer="ann")["ann"].status is LinkStatus.OK
    Pages.version = 2
    store.record_link_check(linkcheck.check_link(f"{server}/changing"))
    state = store.link_states(claim, viewer="ann")["ann"]
    assert state.status is LinkStatus.CHANGED and state.checked_at
    Pages.version = 1  # changed back: the text is the one labelled again
    store.record_link_check(linkcheck.check_link(f"{server}/changing"))
    assert store.link_states(claim, viewer="ann")["ann"].status is LinkStatus.OK
    # Every check stays, keyed by the canonical link: any spelling of it finds them.
    history = store.link_checks(f"{server.upper()}/changing?fbclid=abc")
    assert [c["outcome"] for c in history] == ["ok", "ok", "ok"] and "10 percent" in history[0]["text"]
    assert [c["id"] for c in history] == sorted(c["id"] for c in history)


def test_offline_keeps_what_was_known_and_a_new_link_starts_again(store: Store, article: int, server: str) -> None:
    claim = labelled(store, article, f"{server}/ok")
    store.record_link_check(linkcheck.check_link(f"{server}/ok"))
    store.record_link_check(
        linkcheck.LinkCheck(f"{server}/ok", f"{server}/ok", "unchecked", "2030-01-01T00:00:00.000Z")
    )
    assert store.link_states(claim, viewer="ann")["ann"].status is LinkStatus.OK  # offline says nothing new
    store.save_label(claim, status="verified", reviewer="ann", source_url=f"{server}/gone")
    state = store.link_states(claim, viewer="ann")["ann"]
    assert state.status is LinkStatus.UNCHECKED and state.reason == "not checked yet"
    store.record_link_check(linkcheck.check_link(f"{server}/gone"))
    assert store.link_states(claim, viewer="ann")["ann"].status is LinkStatus.DEAD


def test_the_same_page_around_a_changing_advert_is_not_changed(store: Store, article: int, server: str) -> None:
    """The main text decides when both checks have one: ads and timestamps change a page's bytes every visit."""
    claim = labelled(store, article, f"{server}/ads")
    first = linkcheck.check_link(f"{server}/ads")
    second = linkcheck.check_link(f"{server}/ads")
    assert first.sha256 != second.sha256 and first.text_sha256 == second.text_sha256
    store.record_link_check(first)
    store.record_link_check(second)
    assert store.link_states(claim, viewer="ann")["ann"].status is LinkStatus.OK


def test_undo_follows_the_link(store: Store, article: int, server: str) -> None:
    claim = labelled(store, article, f"{server}/ok")
    store.record_link_check(linkcheck.check_link(f"{server}/ok"))
    moved = store.save_label(claim, status="verified", reviewer="ann", source_url=f"{server}/gone")
    back = store.undo_label(claim, reviewer="ann", expected_version=moved.version)
    assert back is not None and store.link_states(claim, viewer="ann")["ann"].status is LinkStatus.UNCHECKED
    other = labelled(store, article, f"{server}/ok", index=1)
    assert store.undo_label(other, reviewer="ann", expected_version=1) is None  # the first save withdrawn
    assert store.link_states(other, viewer="ann") == {}


def test_blind_review_hides_other_reviewers_link_status(store: Store, article: int, server: str) -> None:
    store.put_account("admin@x.org", "admin", by=OPERATOR)
    store.put_account("ed@x.org", "editor", by=OPERATOR)
    for name in ("ann@x.org", "bob@x.org"):
        store.put_account(name, "reviewer", by=OPERATOR)
    claim = labelled(store, article, f"{server}/ok", reviewer="ann@x.org")
    labelled(store, article, f"{server}/gone", reviewer="bob@x.org", index=1)
    assert store.link_states(claim, viewer="bob@x.org") == {}  # bob has not labelled this claim
    assert set(store.link_states(claim, viewer="ed@x.org")) == {"ann@x.org"}
    assert sum(store.link_summary(viewer="bob@x.org").values()) == 1  # his own link only
    assert sum(store.link_summary(viewer="ed@x.org").values()) == 2


def test_background_check_never_holds_the_save(db_path: Path, store: Store, article: int, server: str) -> None:
    Pages.gate.clear()
    claim = labelled(store, article, f"{server}/waits")
    checks = linkcheck.BackgroundChecks(db_path)
    try:
        future = checks.submit(f"{server}/waits")
        assert future is not None and not future.done()  # the page has not answered; the label is stored
        assert checks.submit(f"{server}/waits#again") is None  # the same link is not queued twice
        assert store.label(claim, "ann", viewer="ann") is not None
        Pages.gate.set()
        future.result(timeout=20)
    finally:
        Pages.gate.set()
        checks.shutdown()
    assert store.link_states(claim, viewer="ann")["ann"].status is LinkStatus.OK


def test_host_pacing_spaces_requests_to_one_host() -> None:
    pacing, spans = linkcheck.HostPacing(0.05), []

    def work() -> linkcheck.LinkCheck:
        spans.append(time.monotonic())
        return linkcheck.LinkCheck("u", "u", "ok", "t")

    threads = [threading.Thread(target=pacing.run, args=("one.example", work)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    spans.sort()
    assert all(later - earlier >= 0.05 for earlier, later in zip(spans, spans[1:]))


def test_links_check_command(capsys, store: Store, article: int, db_path: Path, server: str) -> None:
    labelled(store, article, f"{server}/changing", index=0)
    labelled(store, article, f"{server}/gone", index=1)
    labelled(store, article, f"{server}/ok", index=2)
    code, out, err = run(capsys, "links", "check")
    assert code == 0, err
    assert out.strip() == "links: 3 checked; evidence links: 2 ok · 1 dead · 0 changed · 0 unchecked"
    assert "checking links" not in err  # no progress bar when stderr is not a terminal
    Pages.version = 3
    code, out, _ = run(capsys, "links", "check", "--older-than", "1")  # everything was checked just now
    assert out.strip().startswith("links: 0 checked")
    code, out, _ = run(capsys, "links", "check")
    assert out.strip() == "links: 3 checked; evidence links: 1 ok · 1 dead · 1 changed · 0 unchecked"
    code, out, _ = run(capsys, "links", "show", f"{server}/changing")
    assert code == 0 and len(out.splitlines()) == 2 and '"text"' not in out


def test_links_of_many_hosts_are_taken_in_turn() -> None:
    """Links sorted by address come host by host; taken in turn, one slow host cannot hold every worker."""
    urls = [
        "https://a.example/1",
        "https://a.example/2",
        "https://a.example/3",
        "https://b.example/1",
        "https://c.example/1",
    ]
    assert [host for host, _ in linkcheck.interleaved(urls)] == [
        "a.example",
        "b.example",
        "c.example",
        "a.example",
        "a.example",
    ]
