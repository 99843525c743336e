"""Six reviewers at once on one real server: every label from every browser session is stored, and the
server never shares a connection across threads nor loses a write lock (../shared/RELIABILITY.md).

Six browser contexts in one Chromium are driven concurrently with Playwright's async API (its sync API
may not be shared between threads): each context is a separate Streamlit session, whose reruns the server
runs on its own threads, all writing to one SQLite file.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest
from articles_cli import import_articles  # tests/e2e is on sys.path (rootdir-relative conftest)
from page_watch import IDLE, RECORD_ACKS  # tests/e2e is on sys.path (rootdir-relative conftest)

if TYPE_CHECKING:  # the fixture's type only; conftest is not importable as a module
    from conftest import Server

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

REVIEWERS = ("Amara", "Bruno", "Chiara", "Dmitri", "Eun-ji", "Farah")
PER_REVIEWER = 20
TIMEOUT_MS = 60_000  # per condition: six sessions and Chromium share two cores

# Our own invented articles: three headings and 25 claims, enough for 20 labels each and some left over.
ARTICLES = {
    "night-library.txt": """\
Marrowby opens a night library for shift workers

The public library in Marrowby will stay open until two in the morning from next week, the town council \
announced on Monday. The change costs 180,000 pounds a year, paid from the culture budget. Librarian Priya \
Nandakumar said that 640 residents signed the petition for longer hours. The council says the night service \
will be reviewed after eighteen months.

Who comes at night

A survey by the library found that one visitor in four works nights at the hospital or the freight depot. \
The reading room has 42 desks and free wireless access. Local students claim that the nearest quiet place to \
study closes at eight in the evening. The opposition group on the council argues that the money should have \
gone to school repairs.
""",
    "harbour-road.txt": """\
Coastal town of Elsmere bans cars from its harbour road

Cars will be banned from the harbour road in Elsmere every weekend from April, the mayor said on Thursday. \
The road carries about 9,000 vehicles on a summer Saturday, according to the transport office. Shop owners \
fear that their sales will fall by a third. A trial closure last August brought 30% more visitors on foot, \
the tourism board says.

The plan in numbers

Two new car parks with 350 spaces will open at the edge of town. A shuttle bus will run every twelve minutes \
and cost nothing for residents. The fire service confirmed that emergency vehicles will keep access at all \
times. Cyclists have asked for a separate lane, which the council has not promised.
""",
    "wet-spring.txt": """\
Farmers near Gorsefield report the wettest spring in forty years

Rain fell on 61 of the 92 days between March and May near Gorsefield, the regional weather station reported. \
Farmers say that half of the barley fields were sown three weeks late. The agricultural union estimates \
losses of 2.4 million pounds across the valley. The weather service expects a drier summer, but it gives no \
guarantee.

Help for growers

The county has opened a fund of 500,000 pounds for drainage work. Applications close on the last day of \
July. A spokesman for the union said that the fund covers barely a fifth of the damage. Several farms have \
already moved their cattle to higher ground. The regional minister will visit the valley next Friday.
""",
}


def claim_count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT COUNT(*) FROM segments WHERE kind = 'claim'").fetchone()[0]


async def press_until_saved(page, key: str, claim_id: int, done: int, total: int) -> None:
    """Press `key`, and again if the page is idle on the same claim with nothing saved: a press that lands
    while the browser is still mounting the page's shortcut keys is dropped by the browser, not the server.
    A repeat is harmless: the buttons belong to this claim, so a late first press saves the same label."""
    from playwright.async_api import expect

    saved = page.get_by_text(f"Overall: {done + 1} of {total} claims labelled by you")
    for attempt in range(3):
        await page.keyboard.press(key)
        try:
            await expect(saved).to_be_visible(timeout=10_000 if attempt < 2 else TIMEOUT_MS)
            return
        except AssertionError:
            if attempt == 2:
                raise
            await expect(page.locator(IDLE)).to_be_attached(timeout=TIMEOUT_MS)
            shown = re.search(r"segment #(\d+)", await page.get_by_text(re.compile(r"segment #\d+")).first.inner_text())
            if await saved.is_visible() or int(shown.group(1)) != claim_id:
                return


async def label_as(browser, server: Server, reviewer: str, total: int) -> tuple[list[int], list[list]]:
    """One reviewer in a fresh browser context: open the Review page, press 2 on PER_REVIEWER claims.

    Returns the claim ids shown when each key was pressed, and the save toasts the page showed.
    """
    from playwright.async_api import expect

    # English, whatever the machine's locale: the checks read the English texts.
    context = await browser.new_context(viewport={"width": 1280, "height": 1000}, locale="en-US")
    context.set_default_timeout(TIMEOUT_MS)
    await context.add_init_script(RECORD_ACKS)
    page = await context.new_page()
    pressed: list[int] = []
    try:
        await page.goto(f"{server.url}/?lang=en&reviewer={quote(reviewer)}")
        caption = page.get_by_text(re.compile(r"segment #\d+")).first  # History rows name segments too
        for done in range(PER_REVIEWER):
            # The progress bar is the page's last element: once it shows this count, the run has rendered
            # the form (and its shortcut keys) for the next unlabelled claim.
            await expect(page.get_by_text(f"Overall: {done} of {total} claims labelled by you")).to_be_visible(
                timeout=TIMEOUT_MS
            )
            await expect(page.locator(IDLE)).to_be_attached(timeout=TIMEOUT_MS)
            claim_id = int(re.search(r"segment #(\d+)", await caption.inner_text()).group(1))
            assert claim_id not in pressed, f"{reviewer} was shown claim {claim_id} again after labelling it"
            await press_until_saved(page, "2", claim_id, done, total)
            pressed.append(claim_id)
            # The reviewer sees the save acknowledged before going on (the toast may lag the progress bar).
            await page.wait_for_function(f"window.__acks.some(([claim]) => claim === {claim_id})", timeout=TIMEOUT_MS)
        acks = await page.evaluate("window.__acks")
    except BaseException:
        shot = server.log.parent / f"failure-{reviewer}.png"
        await page.screenshot(path=shot, full_page=True)
        print(f"failure evidence for {reviewer}: {shot}, page URL {page.url}")
        raise
    finally:
        await context.close()
    return pressed, acks


async def six_sessions(chromium_launch: dict, server: Server, total: int) -> list[tuple[list[int], list[list]]]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**chromium_launch)
        try:
            return await asyncio.gather(*(label_as(browser, server, name, total) for name in REVIEWERS))
        finally:
            await browser.close()


def test_six_reviewers_at_once_store_every_label(
    server_factory: Callable[..., Server], chromium_launch: dict, tmp_path: Path
) -> None:
    db = tmp_path / "workbench.db"
    import_articles(db, tmp_path, ARTICLES)
    total = claim_count(db)
    assert total > PER_REVIEWER, f"the articles should hold more than {PER_REVIEWER} claims, not {total}"
    server = server_factory(db=db, demo=False)

    results = asyncio.run(six_sessions(chromium_launch, server, total))

    with sqlite3.connect(db) as conn:
        labels = conn.execute("SELECT segment_id, reviewer, status, version FROM labels").fetchall()
        events = conn.execute("SELECT segment_id, reviewer, old_status, new_status FROM label_events").fetchall()
        spans = conn.execute("SELECT reviewer, MIN(id), MAX(id) FROM label_events GROUP BY reviewer").fetchall()
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    assert integrity == "ok"
    assert len(labels) == len(REVIEWERS) * PER_REVIEWER
    assert len(events) == len(REVIEWERS) * PER_REVIEWER
    for reviewer, (pressed, acks) in zip(REVIEWERS, results, strict=True):
        # Every key press was acknowledged on the page, once, for the claim it was pressed on.
        assert sorted(acks) == sorted([claim_id, "unverified"] for claim_id in pressed), reviewer
        # ...and stored: exactly one label and one event per claim, none on a claim never shown.
        mine = {(segment, status, version) for segment, name, status, version in labels if name == reviewer}
        assert mine == {(claim_id, "unverified", 1) for claim_id in pressed}, reviewer
        my_events = sorted((segment, old, new) for segment, name, old, new in events if name == reviewer)
        assert my_events == sorted((claim_id, None, "unverified") for claim_id in pressed), reviewer
    # The sessions really wrote at the same time: every reviewer's first save came before every other
    # reviewer's last one (event ids are the order of the commits).
    assert max(first for _name, first, _last in spans) < min(last for _name, _first, last in spans), spans
    server.check_log()  # no Traceback, ProgrammingError or 'database is locked' (checked again at teardown)
