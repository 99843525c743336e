"""Start: `workbench serve` to a Review page connected and idle in Chromium, with the first claim shown.

Run: python -m bench.start_time [--quick]

Chromium (/usr/bin/chromium through Python playwright) is launched first and not timed. The clock
starts when `workbench serve` is spawned on a copy of the 200,000-claim fixture (20,000 with
--quick); it reports when the health check answers, when the first claim (`mark.wb-claim`) is
shown, and when the app is connected with no script running. Reported only, no target.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.fixtures import REVIEWER, fixture_db  # noqa: E402
from bench.result import Result, emit, parse_args  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
IDLE = '.stApp[data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.read().strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def measure(quick: bool) -> Result:
    from playwright.sync_api import sync_playwright

    claims = 20_000 if quick else 200_000
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        path = Path(folder) / "start.db"
        shutil.copyfile(fixture_db(claims), path)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        env = {**os.environ, "WORKBENCH_DEMO_ARTICLES": "off"}
        started = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "-m", "workbench.cli", "serve", "--db", str(path), "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            while not healthy(url):
                if server.poll() is not None or time.perf_counter() - started > 120:
                    raise SystemExit("workbench serve did not become healthy")
                time.sleep(0.05)
            ready = time.perf_counter() - started
            page = browser.new_page()
            page.goto(f"{url}/?reviewer={REVIEWER}")
            page.wait_for_selector("mark.wb-claim", timeout=120_000)
            shown = time.perf_counter() - started
            page.wait_for_selector(IDLE, timeout=120_000)
            idle = time.perf_counter() - started
        finally:
            # serve runs Streamlit as its child: stop the whole process group, not only serve.
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
            browser.close()
    detail = (
        f"start: {claims:,} claims; server healthy after {ready:.1f} s, first claim shown after"
        f" {shown:.1f} s, connected and idle after {idle:.1f} s"
    )
    return Result("start", f"{shown:.1f} s to first claim, idle {idle:.1f} s", "report", None, detail)


if __name__ == "__main__":
    emit(measure(parse_args(__doc__).quick))
