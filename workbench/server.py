"""Starting the web server: where it listens, whether team-mode secrets are sound and the port is free, and
running Streamlit as a child that stops when `workbench serve` is stopped."""

from __future__ import annotations

import ctypes
import errno
import ipaddress
import signal
import socket
import subprocess
import sys
import time
import tomllib
from pathlib import Path

from .errors import InvalidInput

PROJECT = Path(__file__).resolve().parents[1]
MIN_COOKIE_SECRET_BYTES = 32


def project_folder() -> Path:
    """The folder holding `.streamlit/`: the checkout when installed from one, else the current folder."""
    return PROJECT if (PROJECT / ".streamlit" / "config.toml").is_file() else Path.cwd()


def read_secrets(folder: Path) -> dict:
    path = folder / ".streamlit" / "secrets.toml"
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"{path} is not valid TOML: {exc}") from None


def is_loopback(address: str) -> bool:
    if address == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def check_serve_settings(address: str) -> Path:
    """Refuse settings that would expose the workbench unsafely; return the folder to run from."""
    folder = project_folder()
    auth = read_secrets(folder).get("auth")
    if auth is not None:
        secret = str(auth.get("cookie_secret", ""))
        if len(secret.encode("utf-8")) < MIN_COOKIE_SECRET_BYTES:
            raise InvalidInput(
                f"team mode: [auth] cookie_secret in .streamlit/secrets.toml must be at least "
                f"{MIN_COOKIE_SECRET_BYTES} bytes (e.g. `python -c 'import secrets; print(secrets.token_hex(32))'`)"
            )
    elif not is_loopback(address):
        raise InvalidInput(
            f"refusing to listen on {address}: without team mode anyone who reaches it could read and label; "
            "use 127.0.0.1, or configure [auth] in .streamlit/secrets.toml"
        )
    return folder


def check_port(address: str, port: int) -> None:
    """Refuse a port another program listens on (or one we may not use), naming it and a free one to try.

    Run before the database is created or filled, so a busy port leaves nothing behind. Streamlit binds
    with SO_REUSEADDR, so we do too: a port left in TIME_WAIT by a stopped server is not busy.
    """
    if not 1 <= port <= 65535:
        raise InvalidInput(f"port {port} is not a port number (1 to 65535); choose one with --port")
    try:
        _try_bind(address, port)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise InvalidInput(
                f"port {port} on {address} is busy (another program listens there); "
                f"start with --port {_free_port(address, port)}"
            ) from None
        if exc.errno == errno.EACCES:
            raise InvalidInput(
                f"port {port} on {address} needs administrator rights; choose one above 1023 with --port"
            ) from None
        raise InvalidInput(f"cannot listen on {address} port {port}: {exc.strerror or exc}") from None


def _try_bind(address: str, port: int) -> None:
    try:
        infos = socket.getaddrinfo(address, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as exc:
        raise OSError(errno.EADDRNOTAVAIL, f"no such address ({exc})") from None
    for family, kind, proto, _, where in infos:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(where)
            probe.listen(1)


def _free_port(address: str, busy: int) -> int:
    """The next port after `busy` nobody listens on (a suggestion: it may be taken by the time it is used)."""
    for candidate in range(busy + 1, min(busy + 100, 65536)):
        try:
            _try_bind(address, candidate)
        except OSError:
            continue
        return candidate
    return busy + 1


FORWARDED = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
STOP_GRACE_S = 10.0


def _die_with_parent() -> None:
    """In the child, before exec (Linux): the kernel sends it SIGTERM if `workbench serve` dies, even by SIGKILL."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the forwarded signals below still cover kill PID and Ctrl-C


def run_child(command: list[str], *, env: dict[str, str], cwd: Path) -> int:
    """Run the server as a child and stop together: SIGTERM, SIGINT and SIGHUP are passed on to it, and we
    exit when it does, with its exit code (128 + signal number when a signal ended it, as a shell reports).

    The child gets its own process group, so Ctrl-C in a terminal reaches it once (through us), not twice.
    A child still running STOP_GRACE_S seconds after a forwarded signal is killed.
    """
    children: list[subprocess.Popen] = []
    stop_by: list[float] = []

    def forward(signum: int, _frame: object) -> None:
        if not stop_by:
            stop_by.append(time.monotonic() + STOP_GRACE_S)
        for child in children:
            if child.poll() is None:
                child.send_signal(signum)

    # Installed before the child starts, so no signal can fall between the start and the handlers.
    previous = {signum: signal.signal(signum, forward) for signum in FORWARDED}
    try:
        children.append(
            subprocess.Popen(
                command,
                env=env,
                cwd=cwd,
                process_group=0,
                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
            )
        )
        if stop_by:  # a signal came while the child was starting
            forward(signal.SIGTERM, None)
        while True:
            try:
                code = children[0].wait(timeout=0.5)
                break
            except subprocess.TimeoutExpired:
                if stop_by and time.monotonic() > stop_by[0]:
                    children[0].kill()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 128 - code if code < 0 else code
