"""Evidence links in a real browser: a label with a link to a page on 127.0.0.1 shows `ok` once the background
check has run; the page changes; `workbench links check` flags it changed; the claim and the Dashboard say so."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest

try:
    from playwright.sync_api import Page, expect
except ImportError:  # the browser fixture then skips these tests, or fails them under CI=true
    Page = expect = None  # type: ignore[assignment,misc]

if TYPE_CHECKING:
    from conftest import Server

pytestmark = pytest.mark.e2e

REVIEWER = "Ana"
ARCHIVE = "https://web.archive.org/web/2024/https://evidence.example/report"


class Evidence:
    """The page the label cites; the test edits its figure."""

    figure = "12"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        paragraphs = "".join(
            f"<p>The ministry's report puts unemployment at {Evidence.figure} percent, line {i} of the summary.</p>"
            for i in range(5)
        )
        body = f"<html><head><title>Ministry report</title></head><body><article>{paragraphs}</article></body></html>"
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture(scope="module")
def evidence_page() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/report"
    httpd.shutdown()
    httpd.server_close()


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    """Poll a condition (not a sleep that hopes): the background check ends when it ends."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.2)


def link_status(db, claim_id: int) -> str | None:
    with sqlite3.connect(db, timeout=10) as conn:
        row = conn.execute(
            "SELECT k.status FROM label_links k JOIN labels l ON l.id = k.label_id WHERE l.segment_id = ?",
            (claim_id,),
        ).fetchone()
    return row[0] if row else None


def first_claim(db) -> int:
    out = subprocess.run(
        [sys.executable, "-m", "workbench.cli", "claims", "--db", str(db)], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.splitlines()[0])["id"]


def test_label_check_change_and_count(
    page: Page, server_factory, evidence_page: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_ALLOW_PRIVATE_URLS", "on")  # the server started next inherits both
    monkeypatch.setenv("WORKBENCH_LINK_CHECKS", "on")
    server: Server = server_factory(demo=True)
    claim = first_claim(server.db)
    url = f"{server.url}/?claim={claim}&reviewer={quote(REVIEWER)}"

    page.goto(url)
    expect(page.get_by_text(f"segment #{claim}")).to_be_visible()
    expect(page.get_by_text("Overall:", exact=False)).to_be_visible()
    page.get_by_role("textbox", name="Source link").fill(evidence_page)
    page.get_by_role("textbox", name="Archive link (optional)").fill(ARCHIVE)
    page.keyboard.press("Escape")
    page.wait_for_selector('.stApp[data-test-script-state="notRunning"]')
    page.keyboard.press("1")
    expect(page.get_by_text(f"Saved claim #{claim} as verified")).to_be_visible()

    # The save did not wait for the page: the check runs in the server's background and writes when done.
    wait_for(lambda: link_status(server.db, claim) == "ok", "the background check")
    page.goto(url)
    expect(page.locator('[data-link-status="ok"]')).to_contain_text("source link: ok")
    expect(page.get_by_role("textbox", name="Archive link (optional)")).to_have_value(ARCHIVE)

    Evidence.figure = "15"  # the page is edited after the label
    checked = subprocess.run(
        [sys.executable, "-m", "workbench.cli", "links", "check", "--db", str(server.db)],
        capture_output=True,
        text=True,
        env={**os.environ, "WORKBENCH_ALLOW_PRIVATE_URLS": "on", "WORKBENCH_LINK_CHECKS": "on"},
    )
    assert checked.returncode == 0, checked.stderr
    assert "0 ok · 0 dead · 1 changed · 0 unchecked" in checked.stdout

    page.goto(url)
    expect(page.locator('[data-link-status="changed"]')).to_contain_text("source link: changed")
    page.goto(f"{server.url}/dashboard?reviewer={quote(REVIEWER)}")
    expect(page.locator(".wb-link-summary")).to_contain_text("evidence links: 0 ok · 0 dead · 1 changed · 0 unchecked")
