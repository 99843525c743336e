"""SIGKILL of the real server while a reviewer labels in Chromium: what the page acknowledged stays saved.

The reviewer labels a few claims from the keyboard, presses "2" once more and the Streamlit server is
killed with SIGKILL at a different moment each round (at once, a few milliseconds later, or just after
the page acknowledged that save), then started again on the same database; the browser opens the
Review page on the new server and carries on. Every save the page acknowledged (its toast "Saved claim #N
as …") must be in the database with that status, and shown as "Saved: …" when the claim is revisited;
`PRAGMA integrity_check` must be ok after every kill, and no label may lack its history event.
"""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest
from articles_cli import import_articles  # tests/e2e is on sys.path (rootdir-relative conftest)
from page_watch import IDLE, RECORD_ACKS  # tests/e2e is on sys.path (rootdir-relative conftest)

try:
    from playwright.sync_api import Page, expect
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # the browser fixture then skips these tests, or fails them under CI=true
    Page = expect = None  # type: ignore[assignment,misc]
    PlaywrightTimeout = TimeoutError  # type: ignore[assignment,misc]

if TYPE_CHECKING:  # the fixture's type only; conftest is not importable as a module
    from conftest import Server

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

REVIEWER = "Kai Nakamura"
KILLS = 3
BEFORE_KILL = 4  # acknowledged saves in each round before the one the kill lands on
# Every URL asks for ?lang=en: the checks read the English texts, whatever the browser's locale.

# Our own invented articles: 24 claims.
ARTICLES = {
    "ferry-fares.txt": """\
Tidewell ferry fares rise for the first time in a decade

A single ferry ticket between Tidewell and Sorran Island will cost 4.80 pounds from June, the operator said \
on Wednesday. The current fare of 3.90 pounds has not changed since 2016. The operator blames fuel prices, \
which it says rose by 35% in two years. Island residents will keep a discount card that halves the fare.

What islanders say

The island's community council called the rise unfair to families who cross daily for school. About 1,100 \
people live on Sorran Island all year round. A nurse who commutes every morning said the new fare would cost \
her 400 pounds more a year. The operator promised two extra crossings on summer evenings.
""",
    "weaving-museum.txt": """\
Old mill in Brackenford becomes a museum of weaving

The old wool mill in Brackenford will reopen as a museum of weaving in September, the heritage trust said. \
Restoring the building took four years and cost 6.2 million pounds. The trust says that twelve of the \
original looms still work. A former weaver, aged 91, donated her pattern books to the collection.

Opening hours and tickets

The museum will open five days a week, closing on Mondays and Tuesdays. Adult tickets will cost nine pounds, \
and children under twelve enter for free. The trust expects 40,000 visitors in the first year. Local hotels \
hope the museum will fill rooms outside the summer season.
""",
    "school-roof.txt": """\
Pinecombe school replaces its roof after storm damage

Storm winds tore part of the roof from Pinecombe primary school on Saturday night, the county said. Nobody \
was in the building at the time. Pupils will study in the village hall for at least three weeks. The head \
teacher said that the library and two classrooms were flooded.

Repairs and costs

Engineers estimate the repairs at 320,000 pounds, to be paid by the county's insurance. A builder from the \
next valley has agreed to start on Monday. Parents have collected more than 2,000 books to replace the \
damaged ones. The county says all its school roofs will be inspected before winter.
""",
}


def query(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db, timeout=10) as conn:
        return conn.execute(sql).fetchall()


def check_database(db: Path, acked: dict[int, str]) -> dict[int, str]:
    """Integrity ok, every acknowledged label stored with its status, each label with its one event."""
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    labels = {
        segment: status
        for segment, reviewer, status in query(db, "SELECT segment_id, reviewer, status FROM labels")
        if reviewer == REVIEWER
    }
    lost = {claim: status for claim, status in acked.items() if labels.get(claim) != status}
    assert not lost, f"acknowledged but not stored as shown: {lost}; stored: {labels}"
    # No half-written save: each label came with exactly one history event, and no event without its label.
    events = query(db, "SELECT segment_id, old_status, new_status FROM label_events")
    assert sorted(events) == sorted((claim, None, status) for claim, status in labels.items())
    return labels


def kill_server(server: Server) -> None:
    """SIGKILL the Streamlit server itself: the process serving the port, not a wrapper around it."""
    pid = server.process.pid
    cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    assert b"streamlit" in cmdline and b"run" in cmdline, cmdline
    children = [Path(task, "children").read_text().split() for task in Path(f"/proc/{pid}/task").iterdir()]
    assert not any(children), f"the server has child processes {children}: they would survive the kill"
    os.kill(pid, signal.SIGKILL)
    assert server.process.wait(timeout=15) == -signal.SIGKILL
    with pytest.raises((urllib.error.URLError, ConnectionError)):  # nothing serves the port any more
        urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=5)


def shown_claim(page: Page) -> tuple[int, int]:
    """Wait until the Review page has rendered completely; the claim it shows and how many are labelled."""
    # The progress bar is the page's last element: once shown (and the run over), the shortcuts are bound.
    overall = page.get_by_text(re.compile(r"^Overall: \d+ of \d+ claims labelled by you$"))
    expect(overall).to_be_visible()
    expect(page.locator(IDLE)).to_be_attached()
    done = int(re.match(r"Overall: (\d+)", overall.inner_text()).group(1))
    caption = page.get_by_text(re.compile(r"segment #\d+")).first.inner_text()  # History rows name it too
    return int(re.search(r"segment #(\d+)", caption).group(1)), done


def acks(page: Page) -> dict[int, str]:
    return {claim: status for claim, status in page.evaluate("window.__acks")}


def label_one(page: Page) -> int:
    """Press 2 on the claim shown and wait for the page to acknowledge it; press again only if the page is
    idle on the same claim with no acknowledgement (a press that landed before the shortcut keys were
    mounted is dropped by the browser; the buttons belong to this claim, so a repeat labels nothing else)."""
    claim_id, _done = shown_claim(page)
    acknowledged = f"window.__acks.some(([claim]) => claim === {claim_id})"
    for attempt in range(3):
        page.keyboard.press("2")
        try:
            page.wait_for_function(acknowledged, timeout=10_000 if attempt < 2 else None)
            return claim_id
        except PlaywrightTimeout:
            if attempt == 2 or page.evaluate(acknowledged) or shown_claim(page)[0] != claim_id:
                raise
    return claim_id


def test_server_sigkill_during_labelling_loses_nothing_acknowledged(
    page: Page, server_factory: Callable[..., Server], tmp_path: Path
) -> None:
    db = tmp_path / "workbench.db"
    import_articles(db, tmp_path, ARTICLES)
    total = query(db, "SELECT COUNT(*) FROM segments WHERE kind = 'claim'")[0][0]
    assert total > (KILLS + 1) * (BEFORE_KILL + 1), total
    page.add_init_script(RECORD_ACKS)
    rng = random.Random(20261121)
    acked: dict[int, str] = {}
    landed = []  # per kill: was the save in flight stored?

    server = server_factory(db=db, demo=False)
    for kill in range(KILLS):
        page.goto(f"{server.url}/?lang=en&reviewer={quote(REVIEWER)}")
        for _ in range(BEFORE_KILL):
            label_one(page)
        # One more save, and the kill lands on it: at once, after a few milliseconds, or once acknowledged.
        in_flight, _done = shown_claim(page)
        page.keyboard.press("2")
        if kill == 1:
            page.wait_for_timeout(rng.uniform(5, 150))  # a varied kill moment, not a condition
        elif kill == 2:
            page.wait_for_function(f"window.__acks.some(([claim]) => claim === {in_flight})")
        kill_server(server)
        acked |= acks(page)  # before the page goes: everything it showed as saved
        stored = check_database(db, acked)
        landed.append(in_flight in stored)
        server = server_factory(db=db, demo=False)  # same database, a new port

    # After the last restart: the page carries on from the next unlabelled claim, as the database says.
    page.goto(f"{server.url}/?lang=en&reviewer={quote(REVIEWER)}")
    _claim, done = shown_claim(page)
    assert done == len(check_database(db, acked))
    for _ in range(BEFORE_KILL):
        label_one(page)
    acked |= acks(page)
    stored = check_database(db, acked)
    assert len(acked) >= (KILLS + 1) * BEFORE_KILL + 1, acked  # the last kill came after its acknowledgement
    assert landed[2], "the save acknowledged before the last kill is missing"

    # Revisited by deep link on the new server, each acknowledged label shows as saved.
    for claim_id, status in sorted(acked.items()):
        page.goto(f"{server.url}/?lang=en&claim={claim_id}&reviewer={quote(REVIEWER)}")
        expect(page.get_by_text(f"segment #{claim_id}").first).to_be_visible()
        expect(page.get_by_text(f"Saved: {status} by {REVIEWER} at")).to_be_visible()
    assert set(stored) >= set(acked)
    print(f"{len(acked)} acknowledged, {len(stored)} stored; in-flight saves stored per kill: {landed}")
    server.check_log()
