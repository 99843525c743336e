"""Three app servers, one PostgreSQL database: reviewers spread over the servers label at once, every
acknowledged label is stored exactly once, and when one server is killed (SIGKILL) mid-labelling the other
two keep serving and nothing its sessions saw acknowledged is lost.

The sessions are those of test_many_sessions.py (Playwright's async API, one browser context each); only
the number of servers and the database differ.
"""

from __future__ import annotations

import asyncio
import re
import signal
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest
from articles_cli import import_articles  # tests/e2e is on sys.path (rootdir-relative conftest)
from page_watch import IDLE, RECORD_ACKS
from test_many_sessions import ARTICLES, TIMEOUT_MS, press_until_saved

from workbench.store import Store

if TYPE_CHECKING:
    from conftest import Server

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SERVERS = 3
REVIEWERS = ("Amara", "Bruno", "Chiara", "Dmitri", "Eun-ji", "Farah")  # two per server
PER_REVIEWER = 20  # 120 labels asked for in all; the two on the server killed stop where it dies
KILL_AFTER = 4  # the first server is killed once each of its reviewers has this many labels acknowledged


async def label_as(browser, server: Server, reviewer: str, total: int, progress: dict[str, int]) -> list[list]:
    """Press 2 on PER_REVIEWER claims as `reviewer`; return the save toasts seen, even when the server dies."""
    from playwright.async_api import expect

    context = await browser.new_context(viewport={"width": 1280, "height": 1000}, locale="en-US")
    context.set_default_timeout(TIMEOUT_MS)
    await context.add_init_script(RECORD_ACKS)
    page = await context.new_page()
    try:
        await page.goto(f"{server.url}/?lang=en&reviewer={quote(reviewer)}")
        caption = page.get_by_text(re.compile(r"segment #\d+")).first
        for done in range(PER_REVIEWER):
            overall = page.get_by_text(f"Overall: {done} of {total} claims labelled by you")
            await expect(overall).to_be_visible(timeout=TIMEOUT_MS)
            await expect(page.locator(IDLE)).to_be_attached(timeout=TIMEOUT_MS)
            claim_id = int(re.search(r"segment #(\d+)", await caption.inner_text()).group(1))
            await press_until_saved(page, "2", claim_id, done, total)
            await page.wait_for_function(f"window.__acks.some(([claim]) => claim === {claim_id})", timeout=TIMEOUT_MS)
            progress[reviewer] = done + 1
        return await page.evaluate("window.__acks")
    except Exception:
        if server.process.poll() is None:
            raise
        return await page.evaluate("window.__acks")  # its server was killed: what it acknowledged before
    finally:
        await context.close()


async def kill_when_ready(server: Server, reviewers: tuple[str, ...], progress: dict[str, int]) -> None:
    while min(progress.get(r, 0) for r in reviewers) < KILL_AFTER:
        await asyncio.sleep(0.2)
    server.process.send_signal(signal.SIGKILL)
    server.process.wait()


async def sessions(chromium_launch: dict, servers: list[Server], total: int) -> list[list[list]]:
    from playwright.async_api import async_playwright

    progress: dict[str, int] = {}
    placed = {reviewer: servers[i % SERVERS] for i, reviewer in enumerate(REVIEWERS)}
    on_first = tuple(r for r, s in placed.items() if s is servers[0])
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**chromium_launch)
        try:
            *acks, _ = await asyncio.gather(
                *(label_as(browser, placed[r], r, total, progress) for r in REVIEWERS),
                kill_when_ready(servers[0], on_first, progress),
            )
            return acks
        finally:
            await browser.close()


def test_three_servers_one_database_and_one_killed(
    server_factory: Callable[..., Server], chromium_launch: dict, tmp_path: Path, pg_url: str
) -> None:
    import_articles(pg_url, tmp_path, ARTICLES)  # type: ignore[arg-type]
    with Store(pg_url) as store:
        total = store.progress()[1]
    servers = [server_factory(db=pg_url, demo=False) for _ in range(SERVERS)]

    results = asyncio.run(sessions(chromium_launch, servers, total))

    with Store(pg_url) as store:
        labels = store.conn.execute("SELECT segment_id, reviewer, status, version FROM labels").fetchall()
        events = store.conn.execute("SELECT segment_id, reviewer FROM label_events").fetchall()
    for i, (reviewer, acks) in enumerate(zip(REVIEWERS, results, strict=True)):
        acknowledged = {claim for claim, _status in acks}
        mine = [(segment, status, version) for segment, name, status, version in labels if name == reviewer]
        stored = {segment for segment, _, _ in mine}
        assert acknowledged <= stored, f"{reviewer}: acknowledged but not stored: {acknowledged - stored}"
        # Exactly once: one label (version 1) and one event per stored claim.
        assert all(version == 1 and status == "unverified" for _, status, version in mine), reviewer
        assert sorted(s for s, name in events if name == reviewer) == sorted(stored), reviewer
        if i % SERVERS:  # on a server that stayed up: every label of the run
            assert len(acknowledged) == PER_REVIEWER, reviewer
        else:
            assert len(acknowledged) >= KILL_AFTER, reviewer
    assert servers[0].process.returncode == -signal.SIGKILL
    for survivor in servers[1:]:
        assert survivor.process.poll() is None
        survivor.check_log()
