"""End-to-end fixtures: the real Streamlit server on a free port with its own database, and Chromium.

Outside CI a machine without Chromium or Playwright skips these tests; under CI=true it fails them,
because the browser tests are the only proof that the app works in a browser and must not vanish silently.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
CHROMIUM = Path("/usr/bin/chromium")
# The flags this machine needs: without the background-networking ones Chromium keeps dialling
# Google's hosts, which the closed network refuses; --no-sandbox because CI runs as root.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Lines that must never appear in the server's log: an uncaught error, a connection shared across
# threads, a lost write lock (see ../shared/RELIABILITY.md).
FORBIDDEN_IN_LOG = ("Traceback", "ProgrammingError", "database is locked", "Uncaught app execution")
STARTUP_SECONDS = 60.0


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def missing(reason: str) -> None:
    """Skip on a developer's machine; fail under CI, where the browser tests must run."""
    if in_ci():
        pytest.fail(f"CI=true but {reason}: the end-to-end tests must run in CI", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """One running `streamlit run workbench/app.py` with its database and log file."""

    url: str
    db: Path
    log: Path
    process: subprocess.Popen = field(repr=False)

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)

    def check_log(self) -> None:
        text = self.log_text()
        found = [bad for bad in FORBIDDEN_IN_LOG if bad in text]
        assert not found, f"server log {self.log} holds {found}:\n{text[-4000:]}"


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.read().strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def start_server(db: Path, log: Path, *, demo: bool = True, workdir: Callable[[int], Path] | None = None) -> Server:
    """Start the app from the repository root (so .streamlit/config.toml applies) and wait until healthy.

    `workdir(port)`, if given, makes the folder to run from instead, for the port about to be used: Streamlit
    reads .streamlit/config.toml and secrets.toml from its working folder (team mode needs the port in them).
    """
    env = {
        **os.environ,
        "WORKBENCH_DB": str(db),
        "WORKBENCH_DEMO_ARTICLES": "on" if demo else "off",
        "PYTHONUNBUFFERED": "1",
    }
    if demo:
        # As `workbench serve` does: the database is ready before the first page view, so a test run
        # on its own finds the demo articles as it would after other tests.
        from workbench.database import open_store

        open_store(db, demo=True).close()
    for _attempt in range(3):  # another process may take the free port between our probe and the bind
        port = free_port()
        command = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(REPO / "workbench" / "app.py"),
            "--server.headless=true",
            "--server.address=127.0.0.1",
            f"--server.port={port}",
        ]
        with log.open("a", encoding="utf-8") as sink:
            process = subprocess.Popen(
                command,
                cwd=workdir(port) if workdir else REPO,
                env=env,
                stdout=sink,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        server = Server(f"http://127.0.0.1:{port}", db, log, process)
        # Polling health is the readiness condition; the deadline only bounds a server that never comes up.
        deadline = time.monotonic() + STARTUP_SECONDS
        while process.poll() is None and time.monotonic() < deadline:
            if _healthy(server.url):
                return server
            time.sleep(0.2)
        server.stop()
    raise RuntimeError(f"the server did not become healthy; its log:\n{log.read_text(errors='replace')[-4000:]}")


@pytest.fixture(scope="module")
def server_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Server]]:
    """Start servers on demand (`factory(db=…, demo=…, workdir=…)`); all are stopped and their logs checked
    at the end."""
    started: list[Server] = []

    def factory(db: Path | None = None, *, demo: bool = True, workdir: Callable[[int], Path] | None = None) -> Server:
        folder = tmp_path_factory.mktemp("server")
        server = start_server(db or folder / "workbench.db", folder / "server.log", demo=demo, workdir=workdir)
        started.append(server)
        return server

    yield factory
    for server in started:
        server.stop()
    for server in started:
        server.check_log()


@pytest.fixture(scope="module")
def server(server_factory: Callable[..., Server]) -> Server:
    """A server on a new database holding the three demo articles."""
    return server_factory(demo=True)


@pytest.fixture(scope="session")
def chromium_launch() -> dict:
    """Keyword arguments for `chromium.launch`, for tests that drive Playwright themselves (the async API,
    for several sessions at once); skipped or failed like `browser` when Playwright or Chromium is missing."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing("Python playwright is not installed")
    executable = CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")
    if not executable:
        missing(f"Chromium is not installed at {CHROMIUM}")
    return {"executable_path": str(executable), "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="module")
def browser(chromium_launch: dict) -> Iterator[object]:
    """Chromium for one test module: closed (with Playwright's event loop) before non-browser tests run."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(**chromium_launch)
        yield launched
        launched.close()


@pytest.fixture
def dialogs() -> list[str]:
    """Messages of every alert/confirm/prompt the page opened: a hostile article must open none."""
    return []


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """Remember each phase's outcome on the test, so the page fixture can keep evidence of a failure."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser, dialogs: list[str], request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    """A fresh browser context per test: no cookies, session or storage carried between tests.

    On failure a screenshot and the page's HTML are kept in the test's tmp_path, named in the report.
    """
    from playwright.sync_api import expect

    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 1000})
    # Generous bounds for a loaded CI machine (the first split loads spaCy); they only cap a wait on a
    # condition, a passing test never sleeps them out.
    context.set_default_timeout(20_000)
    expect.set_options(timeout=15_000)
    opened = context.new_page()

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    opened.on("dialog", on_dialog)
    yield opened
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        opened.screenshot(path=tmp_path / "failure.png", full_page=True)
        (tmp_path / "failure.html").write_text(opened.content(), encoding="utf-8")
        print(f"failure evidence: {tmp_path}/failure.png, failure.html, page URL {opened.url}")
    context.close()


@pytest.fixture(scope="session")
def shared_seeds() -> Path:
    """../shared/seeds beside the repository; skipped when absent, even in CI (it is not ours to ship)."""
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"{seeds} is not beside the project")
    return seeds


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/e2e carries the e2e marker, so `-m 'not e2e'` leaves them all out."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)
