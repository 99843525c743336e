"""Lineage in a real browser: a merge then a split shows each part its own history, a reviewer's split of
another reviewer's claim is refused in one line and deletes nothing, and a deep link to a superseded claim
opens its successor."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest

from workbench.models import Role, Segment, SegmentKind, Split
from workbench.store import Store
from workbench.store.accounts import OPERATOR

try:
    from playwright.sync_api import Page, expect
except ImportError:  # the browser fixture then skips these tests, or fails them under CI=true
    Page = expect = None  # type: ignore[assignment,misc]

if TYPE_CHECKING:
    from conftest import Server

pytestmark = pytest.mark.e2e

ADMIN, EDITOR, ANN, BOB = "admin@news.example", "ed@news.example", "ann@news.example", "bob@news.example"
TEXT = "Lineage story\nFirst claim is here. Second claim is here. Third claim is here. Fourth claim is here."
PIECES = ("First claim is here.", "Second claim is here.", "Third claim is here.", "Fourth claim is here.")


@dataclass(frozen=True)
class Prepared:
    server: Server
    claims: tuple[int, ...]  # the four claims, in order


def split_of(text: str) -> Split:
    segments, cursor = [Segment(0, SegmentKind.HEADING, "Lineage story", 0, 13, 0)], 14
    for index, piece in enumerate(PIECES, start=1):
        start = text.index(piece, cursor)
        cursor = start + len(piece)
        segments.append(Segment(index, SegmentKind.CLAIM, piece, start, cursor, 1))
    return Split(text, "en", "en", tuple(segments))


@pytest.fixture(scope="module")
def prepared(server_factory: Callable[..., Server], tmp_path_factory: pytest.TempPathFactory) -> Prepared:
    """An article of four claims, an admin, an editor and two reviewers; bob labelled the second claim and
    ann the third."""
    db = tmp_path_factory.mktemp("lineage") / "workbench.db"
    with Store(db) as store:
        store.add_article(split_of(TEXT), title="Lineage")
        store.add_account(ADMIN, Role.ADMIN, by=OPERATOR)
        store.add_account(EDITOR, Role.EDITOR, by=ADMIN)
        for name in (ANN, BOB):
            store.add_account(name, Role.REVIEWER, by=ADMIN)
        claims = tuple(c.id for c in store.claims())
        store.save_label(claims[1], status="unverified", reviewer=BOB, note="bob on the second")
        store.save_label(claims[2], status="unverified", reviewer=ANN, note="ann on the third")
    return Prepared(server_factory(db=db, demo=False), claims)


def open_claim(page: Page, server: Server, claim_id: int, who: str) -> None:
    page.goto(f"{server.url}/?lang=en&claim={claim_id}&reviewer={quote(who)}")
    # The overall progress is the page's last element: once it shows, the whole script run has rendered.
    expect(page.get_by_text("Overall:", exact=False)).to_be_visible()


def shown_segment(page: Page) -> int:
    caption = page.get_by_text(re.compile(r"^Article \d+ · .* · segment #\d+$"))
    expect(caption).to_be_visible()
    return int(re.search(r"segment #(\d+)", caption.inner_text()).group(1))


def fix(page: Page, button: str) -> int:
    """Press a button of the Fix the split panel; return the segment the page then shows."""
    before = shown_segment(page)
    press = page.get_by_role("button", name=button, exact=True)
    if not press.is_visible():  # the panel stays open across reruns once opened
        page.get_by_text("Fix the split").click()
    press.click()
    # The page moves to the new segment: the URL first, then the caption naming it.
    expect(page).to_have_url(re.compile(rf"claim=(?!{before}\b)\d+"))
    now = int(re.search(r"claim=(\d+)", page.url).group(1))
    expect(page.get_by_text(re.compile(rf"^Article \d+ · .* · segment #{now}$"))).to_be_visible()
    return now


def history_text(page: Page) -> str:
    panel = page.get_by_test_id("stExpander").filter(has=page.get_by_text("History", exact=True))
    if not panel.get_by_text("(segment ", exact=False).first.is_visible():
        page.get_by_text("History", exact=True).click()
    expect(panel.get_by_text("(segment ", exact=False).first).to_be_visible()
    return panel.inner_text()


def lineage(db: Path) -> dict[int, list[int]]:
    with sqlite3.connect(db, timeout=10) as conn:
        found: dict[int, list[int]] = {}
        for old, new in conn.execute(
            "SELECT l.predecessor_id, l.successor_id FROM segment_lineage l JOIN segments s ON s.id = l.successor_id"
            " ORDER BY s.start"
        ):
            found.setdefault(old, []).append(new)
        return found


def test_a_reviewers_split_of_anothers_claim_is_refused_in_one_line(page: Page, prepared: Prepared) -> None:
    second = prepared.claims[1]
    open_claim(page, prepared.server, second, ANN)
    page.get_by_text("Fix the split").click()
    page.get_by_role("button", name="Split", exact=True).click()
    refusal = page.get_by_role("alert").filter(has_text="only an editor or admin")
    expect(refusal).to_have_count(1)
    lines = [line for line in refusal.inner_text().splitlines() if line.strip() and line.strip() != "⚠️"]
    assert len(lines) == 1 and lines[0].startswith(f"segment {second} holds another reviewer's label")
    assert shown_segment(page) == second
    with sqlite3.connect(prepared.server.db, timeout=10) as conn:
        assert conn.execute("SELECT superseded_at FROM segments WHERE id = ?", (second,)).fetchone() == (None,)
        assert conn.execute("SELECT reviewer, note FROM labels WHERE segment_id = ?", (second,)).fetchall() == [
            (BOB, "bob on the second")
        ]
        assert conn.execute("SELECT COUNT(*) FROM segment_events").fetchone() == (0,)


def test_merge_then_split_shows_each_part_its_own_history(page: Page, prepared: Prepared) -> None:
    server = prepared.server
    first, _, third, _ = prepared.claims
    # An earlier split of another claim: before m008 its ids came back, and its split showed on new parts.
    open_claim(page, server, first, EDITOR)
    first_parts_head = fix(page, "Split")
    open_claim(page, server, third, EDITOR)
    merged = fix(page, "Merge with the next segment")
    part_head = fix(page, "Split")
    links = lineage(server.db)
    first_parts, merge_parts = links[first], links[merged]
    assert first_parts[0] == first_parts_head and merge_parts[0] == part_head
    assert links[third] == [merged] and len(set(first_parts + merge_parts + [merged])) == 5
    for part in merge_parts:
        open_claim(page, server, part, EDITOR)
        shown = history_text(page)
        assert "ann on the third" not in shown  # notes are not history rows; statuses and names are
        assert ANN in shown and "merge" in shown and f"{merged} → {', '.join(map(str, merge_parts))}" in shown
        assert f"{first} → " not in shown and BOB not in shown
    for part in first_parts:
        open_claim(page, server, part, EDITOR)
        shown = history_text(page)
        assert f"{first} → {', '.join(map(str, first_parts))}" in shown
        assert "merge" not in shown and ANN not in shown and BOB not in shown
    # A deep link to the superseded third claim opens what took its place, with a one-line notice.
    open_claim(page, server, third, EDITOR)
    notice = page.get_by_text(f"Claim {third} was replaced by a correction of the split")
    expect(notice).to_be_visible()
    assert shown_segment(page) == merge_parts[0]
    expect(page).to_have_url(re.compile(rf"claim={merge_parts[0]}\b"))
