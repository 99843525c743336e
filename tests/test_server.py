"""Checks before serving: loopback by default, team mode only with a strong cookie secret."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from workbench import server
from workbench.cli import main
from workbench.errors import InvalidInput


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".streamlit").mkdir()
    monkeypatch.setattr(server, "project_folder", lambda: tmp_path)
    return tmp_path


def write_secrets(project: Path, text: str) -> None:
    (project / ".streamlit" / "secrets.toml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("address", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_is_fine_without_team_mode(project: Path, address: str) -> None:
    assert server.check_serve_settings(address) == project


@pytest.mark.parametrize("address", ["0.0.0.0", "192.168.1.10", "example.org"])
def test_public_address_needs_team_mode(project: Path, address: str) -> None:
    with pytest.raises(InvalidInput, match="refusing to listen"):
        server.check_serve_settings(address)


def test_short_cookie_secret_is_refused(project: Path) -> None:
    write_secrets(project, '[auth]\ncookie_secret = "too-short"\nredirect_uri = "http://x/oauth2callback"\n')
    with pytest.raises(InvalidInput, match="at least 32 bytes"):
        server.check_serve_settings("127.0.0.1")


def test_team_mode_with_strong_secret_may_listen_publicly(project: Path) -> None:
    write_secrets(project, f'[auth]\ncookie_secret = "{"s" * 32}"\n')
    assert server.check_serve_settings("0.0.0.0") == project


def test_broken_secrets_file_is_a_clear_error(project: Path) -> None:
    write_secrets(project, "[auth\n")
    with pytest.raises(InvalidInput, match="not valid TOML"):
        server.check_serve_settings("127.0.0.1")


# -- `workbench serve`: a busy port, and stopping (issue 12, finding 10) ---------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_busy_port_is_named_before_any_database_is_made(tmp_path: Path, capsys) -> None:
    db = tmp_path / "new.db"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        code = main(["serve", "--port", str(port), "--db", str(db)])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert f"port {port} on 127.0.0.1 is busy" in err and "--port " in err
    assert list(tmp_path.iterdir()) == []


def children_of(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as answer:
            return answer.status == 200
    except OSError:
        return False


@pytest.fixture
def serving(tmp_path: Path):
    """A real `workbench serve` on a free port; yields (process, port, Streamlit's pid). Everything is
    stopped after the test, whatever it did."""
    if not Path("/proc/self/task").is_dir():
        pytest.skip("needs /proc to find the Streamlit child")
    port = free_port()
    env = {**os.environ, "WORKBENCH_DEMO_ARTICLES": "off"}
    process = subprocess.Popen(
        [sys.executable, "-m", "workbench.cli", "serve", "--port", str(port), "--db", str(tmp_path / "w.db")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    child: list[int] = []
    try:
        assert wait_for(lambda: healthy(port), 90), "the server never came up"
        child.extend(children_of(process.pid))
        assert len(child) == 1
        yield process, port, child[0]
    finally:
        for pid in [*child, process.pid]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait()


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_stopping_serve_stops_streamlit(serving, signum: int) -> None:
    # `kill PID` (or a supervisor's SIGTERM) left the Streamlit child serving the port.
    process, port, streamlit = serving
    process.send_signal(signum)
    assert process.wait(timeout=30) in (0, 128 + signum, -signum)
    assert wait_for(lambda: not alive(streamlit), 10)
    assert not healthy(port)


@pytest.mark.slow
def test_a_killed_serve_takes_streamlit_with_it(serving) -> None:
    # SIGKILL cannot be forwarded: the kernel tells the child instead (PR_SET_PDEATHSIG).
    process, port, streamlit = serving
    process.kill()
    process.wait(timeout=10)
    assert wait_for(lambda: not alive(streamlit), 15)
    assert not healthy(port)
