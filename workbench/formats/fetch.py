"""Fetching one page by URL, carefully: http(s) only, public addresses only, bounded in size and time.

Every address the host resolves to must be public (not private, loopback, link-local, reserved,
multicast...) unless WORKBENCH_ALLOW_PRIVATE_URLS is on; the connection goes to the address that was
checked (no second DNS lookup to rebind), and each redirect is followed by hand and checked again.
"""

from __future__ import annotations

import http.client
import io
import ipaddress
import socket
import ssl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from .. import config
from ..errors import InvalidInput
from ..metadata import check_article_url

MAX_REDIRECTS = 5
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
USER_AGENT = "workbench/0.1 (fact-checking workbench; one page on request)"


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str
    charset: str | None


class HostNotFound(InvalidInput):
    """DNS answered that the host does not exist (not: DNS could not be asked, as when offline)."""


class Unreachable(InvalidInput):
    """The page could not be asked: no network or DNS, a connection refused or reset, the deadline passed."""


# getaddrinfo's answers that mean "no such name"; EAI_AGAIN and the rest mean DNS could not be reached.
_NO_SUCH_HOST = {getattr(socket, name) for name in ("EAI_NONAME", "EAI_NODATA") if hasattr(socket, name)}


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (a separate function so tests can stand in for DNS)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        kind = HostNotFound if exc.errno in _NO_SUCH_HOST else Unreachable
        raise kind(f"cannot find the host {host!r} ({exc})") from None
    except UnicodeError as exc:
        raise InvalidInput(f"cannot find the host {host!r} ({exc})") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def checked_address(host: str, port: int, allow_private: bool) -> str:
    """The address to connect to; refuses a host with any non-public address unless private ones are allowed."""
    addresses = resolve(host, port)
    if not addresses:
        raise InvalidInput(f"the host {host!r} has no address")
    if not allow_private:
        private = [a for a in addresses if not is_public(a)]
        if private:
            raise InvalidInput(
                f"the host {host!r} is at a private, loopback or reserved address ({private[0]}); "
                "such addresses are refused (WORKBENCH_ALLOW_PRIVATE_URLS)"
            )
    return addresses[0]


class Deadline:
    """One wall-clock deadline for a whole fetch: connect, TLS, headers, body and every redirect together.

    A socket timeout bounds each read only: a server sending one byte per interval never trips it
    (RELIABILITY.md). So before every blocking step the socket's timeout is set to what is left.
    """

    def __init__(self, seconds: float) -> None:
        self.ends = time.monotonic() + seconds

    def left(self) -> float:
        remaining = self.ends - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the deadline passed")
        return remaining


class _DeadlineReader(io.RawIOBase):
    """What `socket.makefile("rb")` gives http.client, with the time left as the timeout of each receive."""

    def __init__(self, owner: _DeadlineSocket) -> None:
        self._owner = owner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def,override]
        sock = self._owner.sock
        sock.settimeout(self._owner.deadline.left())
        return sock.recv_into(buffer)

    def close(self) -> None:
        if not self.closed:
            self._owner.release()
        super().close()


class _DeadlineSocket:
    """A connected socket whose sends and reads all stop at the deadline; http.client uses only these calls.

    Like a real socket, it stays open while a file made from it is open: http.client closes the connection
    right after reading the headers of a response that ends with the connection, then reads its body.
    """

    def __init__(self, sock: socket.socket, deadline: Deadline) -> None:
        self.sock, self.deadline = sock, deadline
        self._files, self._closing = 0, False

    def sendall(self, data: bytes) -> None:
        self.sock.settimeout(self.deadline.left())
        self.sock.sendall(data)

    def makefile(self, mode: str = "rb", *args: object, **kwargs: object) -> io.BufferedReader:
        self._files += 1
        return io.BufferedReader(_DeadlineReader(self))

    def release(self) -> None:
        self._files -= 1
        if self._closing and self._files <= 0:
            self.sock.close()

    def close(self) -> None:
        self._closing = True
        if self._files <= 0:
            self.sock.close()

    def __getattr__(self, name: str) -> object:
        return getattr(self.sock, name)


def _connect(address: str, port: int, deadline: Deadline) -> socket.socket:
    return socket.create_connection((address, port), deadline.left())


class _Pinned(http.client.HTTPConnection):
    """An HTTP connection to an address checked beforehand, whatever the host name resolves to now."""

    def __init__(self, host: str, port: int, address: str, deadline: Deadline) -> None:
        super().__init__(host, port, timeout=deadline.left())
        self.address, self.deadline = address, deadline

    def connect(self) -> None:
        self.sock = _DeadlineSocket(_connect(self.address, self.port, self.deadline), self.deadline)


class _PinnedTLS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, deadline: Deadline) -> None:
        super().__init__(host, port, timeout=deadline.left(), context=ssl.create_default_context())
        self.address, self.deadline = address, deadline

    def connect(self) -> None:
        sock = _connect(self.address, self.port, self.deadline)
        sock.settimeout(self.deadline.left())  # the handshake too
        wrapped = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]
        self.sock = _DeadlineSocket(wrapped, self.deadline)


def _read_limited(response: http.client.HTTPResponse, limit: int) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise InvalidInput(f"the page is {int(declared) / 1048576:.1f} MB; the limit is {limit // 1048576} MB")
    chunks, size = [], 0
    while chunk := response.read(65536):
        size += len(chunk)
        if size > limit:
            raise InvalidInput(f"the page is larger than {limit // 1048576} MB, the limit")
        chunks.append(chunk)
    return b"".join(chunks)


REDIRECTS = (301, 302, 303, 307, 308)


@contextmanager
def _answer(
    url: str, *, allow_private: bool | None, timeout_s: float | None, accept: str, verb: str
) -> Iterator[tuple[str, http.client.HTTPResponse]]:
    """GET `url` under import's rules: public addresses only (unless allowed), every redirect checked again, one
    wall-clock deadline over all of it. Yields (the URL that answered, its response) for the first answer that
    is not a redirect with a Location, open for the block; closes it after. A network failure or the deadline,
    in the block too (reading the body), is Unreachable("cannot {verb} URL: why")."""
    allow = bool(config.get("allow_private_urls")) if allow_private is None else allow_private
    timeout = float(config.get("fetch_timeout_s")) if timeout_s is None else timeout_s  # type: ignore[arg-type]
    deadline = Deadline(timeout)
    current = check_article_url(url)
    if not current:
        raise InvalidInput("a URL is required")
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(current)
        scheme, host = parts.scheme.lower(), parts.hostname or ""
        port = parts.port or (443 if scheme == "https" else 80)
        address = checked_address(host, port, allow)
        kind = _PinnedTLS if scheme == "https" else _Pinned
        response: http.client.HTTPResponse | None = None
        connection: http.client.HTTPConnection | None = None
        try:
            connection = kind(host, port, address, deadline)  # the time left after a redirect or a slow lookup
            connection.request(
                "GET",
                (parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
                headers={"User-Agent": USER_AGENT, "Accept": accept},
            )
            response = connection.getresponse()
            location = response.getheader("Location")
            if response.status in REDIRECTS and location:
                try:
                    current = check_article_url(urljoin(current, location.strip()))
                except ValueError:  # urljoin parses it: a broken [IPv6] host raises
                    raise InvalidInput(f"the page redirects to a malformed URL: {location.strip()[:100]!r}") from None
                continue
            yield current, response
            return
        except (OSError, http.client.HTTPException) as exc:
            reason = (
                "it took too long" if isinstance(exc, TimeoutError | socket.timeout) else str(exc) or type(exc).__name__
            )
            raise Unreachable(f"cannot {verb} {current}: {reason}") from None
        finally:
            if response is not None:
                response.close()  # a body left unread (a refusal, a timeout) frees its socket now
            if connection is not None:
                connection.close()
    raise InvalidInput(f"the page redirects more than {MAX_REDIRECTS} times")


def fetch_url(
    url: str, *, allow_private: bool | None = None, timeout_s: float | None = None, max_bytes: int | None = None
) -> Fetched:
    """Download one page; InvalidInput for every refusal (scheme, address, size, time, status, type)."""
    limit = max_bytes or int(config.get("max_upload_mb")) * 1024 * 1024  # type: ignore[call-overload]
    accept = "text/html,text/plain;q=0.9"
    with _answer(url, allow_private=allow_private, timeout_s=timeout_s, accept=accept, verb="fetch") as answer:
        current, response = answer
        if response.status in REDIRECTS:
            raise InvalidInput(f"the page redirects (HTTP {response.status}) without saying where")
        if response.status != 200:
            raise InvalidInput(f"the page answered HTTP {response.status} {response.reason}")
        content_type = (response.getheader("Content-Type") or "text/html").split(";")[0].strip().lower()
        if content_type not in ACCEPTED_TYPES:
            raise InvalidInput(f"the page is {content_type}, not HTML or text")
        charset = response.headers.get_content_charset()
        return Fetched(current, _read_limited(response, limit), content_type, charset)


@dataclass(frozen=True)
class Probe:
    """What a link answered, whatever its status: a link check records a 404 instead of refusing it."""

    url: str  # after redirects
    status: int
    reason: str
    content_type: str
    charset: str | None
    data: bytes  # at most `max_bytes` of the body
    truncated: bool  # the body was longer than that


def _read_capped(response: http.client.HTTPResponse, limit: int) -> tuple[bytes, bool]:
    chunks, size = [], 0
    while chunk := response.read(min(65536, limit + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return b"".join(chunks)[:limit], True
    return b"".join(chunks), False


def probe_url(url: str, *, allow_private: bool | None = None, timeout_s: float | None = None, max_bytes: int) -> Probe:
    """GET one link under import's rules (public addresses only, each redirect checked again, one wall-clock
    deadline), and return what it answered, any status and any content type, its body cut at `max_bytes`.

    Raises HostNotFound (DNS says no such host), Unreachable (network, connection, deadline) or
    InvalidInput (a refused address or scheme, a redirect loop)."""
    accept = "text/html,text/plain;q=0.9,*/*;q=0.5"
    with _answer(url, allow_private=allow_private, timeout_s=timeout_s, accept=accept, verb="reach") as answer:
        current, response = answer
        content_type = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
        charset = response.headers.get_content_charset()
        data, truncated = _read_capped(response, max_bytes) if response.status < 400 else (b"", False)
        return Probe(current, response.status, response.reason, content_type, charset, data, truncated)
