"""Import by URL: pages served from http.server on 127.0.0.1; private addresses refused, redirects checked."""

from __future__ import annotations

import socketserver
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.test_formats_in import PAGE
from workbench.errors import InvalidInput
from workbench.formats import fetch
from workbench.formats.batch import Refused
from workbench.importing import ImportResult, import_url
from workbench.store import Store


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def send(
        self, status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8", **headers: str
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        routes = {
            "/article.html": lambda: self.send(200, PAGE.encode()),
            "/latin1.html": lambda: self.send(
                200,
                PAGE.replace("Rates rise again</h1>", "Taux: été</h1>").encode("latin-1"),
                "text/html; charset=iso-8859-1",
            ),
            "/plain.txt": lambda: self.send(
                200, b"The port will double by 2030. Critics doubt it.\n", "text/plain; charset=utf-8"
            ),
            "/redirect": lambda: self.send(302, Location="/article.html"),
            "/to-metadata": lambda: self.send(302, Location="http://169.254.169.254/latest/meta-data/"),
            "/to-file": lambda: self.send(302, Location="file:///etc/passwd"),
            "/loop": lambda: self.send(302, Location="/loop"),
            "/image.png": lambda: self.send(200, b"\x89PNG\r\n", "image/png"),
            "/big": lambda: self.send(200, b"<html><body>" + b"x" * 5000 + b"</body></html>"),
            "/slow": lambda: (time.sleep(1.5), self.send(200, PAGE.encode())),
        }
        routes.get(self.path, lambda: self.send(404, b"not here"))()


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the timeout test) is expected here


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_ALLOW_PRIVATE_URLS", "on")


def test_import_by_url(store: Store, server: str, allowed: None) -> None:
    [result] = import_url(store, f"{server}/redirect")  # a redirect, followed by hand
    assert isinstance(result, ImportResult) and result.created and result.title == "Rates rise again"
    meta = store.article_meta(result.article_id)
    assert meta.url == "https://daily.example/economy/rates"  # the page's canonical URL
    assert (meta.author, meta.outlet, meta.published) == ("Ann Writer", "The Daily", "2024-03-05")
    [again] = import_url(store, f"{server}/article.html")
    assert isinstance(again, ImportResult) and not again.created  # the same text is stored once


def test_plain_text_and_declared_charsets(store: Store, server: str, allowed: None) -> None:
    [text] = import_url(store, f"{server}/plain.txt")
    assert isinstance(text, ImportResult) and text.claims == 2
    assert store.article_meta(text.article_id).url == f"{server}/plain.txt"  # no canonical URL: the one fetched
    [latin] = import_url(store, f"{server}/latin1.html")
    assert isinstance(latin, ImportResult) and store.article(latin.article_id).title == "Taux: été"


@pytest.mark.parametrize(
    "path, reason",
    [
        ("/missing", "HTTP 404"),  # an error status
        ("/image.png", "image/png"),  # not a page
        ("/loop", "more than 5 times"),  # endless redirects
        ("/to-file", "http:// or https://"),  # a redirect to another scheme
    ],
)
def test_fetch_refusals(store: Store, server: str, allowed: None, path: str, reason: str) -> None:
    [result] = import_url(store, server + path)
    assert isinstance(result, Refused) and reason in result.reason
    assert store.articles() == []


def test_size_and_time_limits(server: str, allowed: None) -> None:
    with pytest.raises(InvalidInput, match="larger than"):
        fetch.fetch_url(f"{server}/big", max_bytes=1024)  # a 1 kB limit, a 5 kB page
    started = time.monotonic()
    with pytest.raises(InvalidInput, match="too long"):
        fetch.fetch_url(f"{server}/slow", timeout_s=0.3)
    assert time.monotonic() - started < 1.4


def test_loopback_refused_by_default(store: Store, server: str) -> None:
    [result] = import_url(store, f"{server}/article.html")
    assert isinstance(result, Refused) and "private, loopback" in result.reason and "127.0.0.1" in result.reason


def test_redirect_to_a_private_address_is_refused(store: Store, server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # The test server stands in for a public site: only 127.0.0.1 counts as public here.
    monkeypatch.setattr(fetch, "is_public", lambda address: address == "127.0.0.1")
    [ok] = import_url(store, f"{server}/article.html")
    assert isinstance(ok, ImportResult)  # the stand-in works...
    [result] = import_url(store, f"{server}/to-metadata")  # ...and its redirect to a cloud metadata address does not
    assert isinstance(result, Refused) and "169.254.169.254" in result.reason


def test_every_address_of_a_host_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    # A name with one public and one private address (DNS rebinding tricks use this) is refused.
    monkeypatch.setattr(fetch, "resolve", lambda host, port: ["93.184.216.34", "10.0.0.7"])
    with pytest.raises(InvalidInput, match="10.0.0.7"):
        fetch.fetch_url("https://news.example/a")


@pytest.mark.parametrize(
    "url, reason",
    [
        ("file:///etc/passwd", "http:// or https://"),  # local files
        ("ftp://news.example/a", "http:// or https://"),  # other schemes
        ("http://user@news.example/", "user name"),  # userinfo hides the host
        ("http://[::1]/", "private, loopback"),  # IPv6 loopback
        ("http://0.0.0.0/", "private, loopback"),  # the unspecified address reaches local services
        ("http://[::ffff:127.0.0.1]/", "private, loopback"),  # IPv4 loopback written as IPv6
        ("http://10.1.2.3/", "private, loopback"),  # RFC 1918
        ("http://100.64.0.1/", "private, loopback"),  # carrier-grade NAT, not global either
        ("http://localhost/", "private, loopback"),  # a name for loopback
        ("", "URL is required"),  # nothing given
    ],
)
def test_urls_refused_before_any_connection(url: str, reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason):
        fetch.fetch_url(url)


@pytest.mark.parametrize(
    "address, public",
    [
        ("93.184.216.34", True),  # a public IPv4 address
        ("2606:2800:220:1:248:1893:25c8:1946", True),  # a public IPv6 address
        ("192.168.1.1", False),  # private
        ("169.254.169.254", False),  # link-local (cloud metadata)
        ("fe80::1", False),  # IPv6 link-local
        ("224.0.0.1", False),  # multicast
        ("240.0.0.1", False),  # reserved
    ],
)
def test_is_public(address: str, public: bool) -> None:
    assert fetch.is_public(address) is public


class Trickler(socketserver.BaseRequestHandler):
    """Answers slowly on purpose, one byte every TRICKLE_S: in the headers, in the body, or through redirects
    that each come just inside the timeout. Each answer is bounded (TRICKLE_BYTES) and stops when the client goes."""

    def handle(self) -> None:
        request = self.request.recv(65536).decode("latin-1")
        path = request.split(" ", 2)[1] if request.count(" ") >= 2 else "/"
        try:
            if path == "/headers":
                self.request.sendall(b"HTTP/1.1 200 OK\r\n")
                self.trickle(b"X-Slow: " + b"a" * TRICKLE_BYTES)
            elif path == "/body":
                self.request.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>")
                self.trickle(b"b" * TRICKLE_BYTES)
            elif path.startswith("/hop"):
                hop = int(path.removeprefix("/hop") or 0)
                time.sleep(0.8)  # each hop alone is well inside the timeout; five of them are not
                self.request.sendall(f"HTTP/1.1 302 Found\r\nLocation: /hop{hop + 1}\r\n\r\n".encode())
        except OSError:
            pass  # the client gave up, as it should

    def trickle(self, data: bytes) -> None:
        for byte in data:
            self.request.sendall(bytes([byte]))
            time.sleep(TRICKLE_S)


TRICKLE_S = 0.5
TRICKLE_BYTES = 40  # 20 s: far past any timeout the test sets, yet the server thread ends on its own


@pytest.fixture(scope="module")
def trickler() -> Iterator[str]:
    socketserver.ThreadingTCPServer.daemon_threads = True
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Trickler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("path", ["/headers", "/body", "/hop0"])
def test_fetch_deadline_is_wall_clock(trickler: str, allowed: None, monkeypatch: pytest.MonkeyPatch, path: str) -> None:
    # A byte every 0.5 s never trips a per-read socket timeout; the deadline covers the whole fetch:
    # connect, headers, body and every redirect together (issue 12, finding 4).
    monkeypatch.setenv("WORKBENCH_FETCH_TIMEOUT_S", "2")
    started = time.monotonic()
    with pytest.raises(InvalidInput, match="too long"):
        fetch.fetch_url(f"{trickler}{path}")
    assert time.monotonic() - started <= 2 + 1
