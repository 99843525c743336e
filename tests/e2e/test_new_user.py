"""A new user's path in Chromium (issue 15): first open, a name, the first key labels; a pasted link and a
key save a verified label; undo; the whole article; History in Italian and Portuguese."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

try:
    from playwright.sync_api import Page, expect
except ImportError:  # the browser fixture then skips these tests, or fails them under CI=true
    Page = expect = None  # type: ignore[assignment,misc]

if TYPE_CHECKING:
    from conftest import Server

pytestmark = pytest.mark.e2e

NAME = "Nadia"
LINK = "https://example.org/evidence/42"
IDLE = '.stApp[data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]'


def labels(db: Path, reviewer: str = NAME) -> dict[int, tuple[str, str]]:
    with sqlite3.connect(db, timeout=10) as conn:
        rows = conn.execute(
            "SELECT segment_id, status, source_url FROM labels WHERE reviewer = ? AND withdrawn_at IS NULL", (reviewer,)
        )
        return {row[0]: (row[1], row[2]) for row in rows}


def events(db: Path, claim: int) -> list[tuple]:
    with sqlite3.connect(db, timeout=10) as conn:
        return conn.execute(
            "SELECT old_status, new_status FROM label_events WHERE segment_id = ? AND reviewer = ? ORDER BY id",
            (claim, NAME),
        ).fetchall()


def shown_claim(page: Page) -> str:
    return page.locator("mark.wb-claim").inner_text()


def idle(page: Page) -> None:
    page.wait_for_selector(IDLE)


def test_a_new_user_reviews_from_the_keyboard(page: Page, server: Server) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    page.goto(server.url)
    # First open: the pages and one sentence of what the workbench does, before any name.
    expect(page.get_by_text("Import news articles, review each claim")).to_be_visible()
    expect(page.get_by_test_id("stSidebarNav")).to_contain_text("Articles")

    # A name, Enter, and the very next key labels the claim instead of typing into the name box.
    name_box = page.locator(".st-key-reviewer-name input")
    name_box.click()
    name_box.fill(NAME)
    name_box.press("Enter")
    expect(page.locator("mark.wb-claim")).to_be_visible()
    idle(page)
    first = shown_claim(page)
    # Focus has left the name box by itself (it used to stay there, and "1" typed into the name).
    page.wait_for_function("() => !document.activeElement || !document.activeElement.closest('input, textarea')")
    page.keyboard.press("Escape")  # the page's hint says Esc; it must never clear the name
    expect(page.get_by_text("Enter your name in the sidebar")).to_have_count(0)
    page.keyboard.press("2")  # no wait for the page to be idle: a key pressed before the buttons arrive waits
    expect(page.locator("mark.wb-claim")).not_to_have_text(first)
    idle(page)
    assert [status for status, _ in labels(server.db).values()] == ["unverified"]
    assert f"reviewer={NAME}" in page.url
    expect(page.get_by_role("combobox", name="Your name")).to_have_accessible_name("Your name")
    expect(page.get_by_text("Enter your name in the sidebar")).to_have_count(0)  # the name is still there

    # A link on the clipboard: paste (outside any field), then 1 saves a verified label with that link.
    second = shown_claim(page)
    second_id = int(re.search(r"claim=(\d+)", page.url).group(1))
    page.evaluate("text => navigator.clipboard.writeText(text)", LINK)
    page.locator("mark.wb-claim").click()
    page.keyboard.press("Control+V")
    expect(page.locator("[class*='st-key-source-'] input")).to_have_value(LINK)
    idle(page)
    page.keyboard.press("1")
    expect(page.locator("mark.wb-claim")).not_to_have_text(second)
    idle(page)
    assert labels(server.db)[second_id] == ("verified", LINK)

    # Undo the last save: the claim is shown again, unlabelled, and the undo is recorded, not erased.
    page.keyboard.press("u")
    expect(page.locator("mark.wb-claim")).to_have_text(second)
    idle(page)
    assert second_id not in labels(server.db)
    with sqlite3.connect(server.db, timeout=10) as conn:  # withdrawn, not deleted: the row still says what was said
        kept = conn.execute(
            "SELECT status, source_url, withdrawn_at IS NOT NULL FROM labels WHERE segment_id = ? AND reviewer = ?",
            (second_id, NAME),
        ).fetchone()
    assert kept == ("verified", LINK, 1)
    assert events(server.db, second_id) == [(None, "verified"), ("verified", None)]

    # The whole article: every claim marked, the one labelled earlier with its word, each a link.
    page.get_by_text("Whole article").click()
    article = page.locator(".wb-article")
    expect(article).to_be_visible()
    expect(article).to_contain_text("? unverified")
    assert article.locator("a.wb-seg-claim").count() >= 3
    href = article.locator("a.wb-seg-claim").first.get_attribute("href")
    assert f"reviewer={NAME}" in href and "lang=en" in href


@pytest.mark.parametrize(
    ("lang", "history", "header", "what"),
    [("it", "Cronologia", "quando", "etichetta"), ("pt", "Histórico", "quando", "etiqueta")],
)
def test_history_in_italian_and_portuguese(
    page: Page, server: Server, lang: str, history: str, header: str, what: str
) -> None:
    with sqlite3.connect(server.db, timeout=10) as conn:
        claim = conn.execute("SELECT segment_id FROM labels WHERE reviewer = ? LIMIT 1", (NAME,)).fetchone()
    if claim is None:
        pytest.skip("runs after the new user's path, which labels a claim")
    page.goto(f"{server.url}/?claim={claim[0]}&reviewer={NAME}&lang={lang}")
    expect(page.locator("mark.wb-claim")).to_be_visible()
    # The chosen verdict in its own colour (amber for unverified), not the theme's red.
    chosen = page.locator("[class*='st-key-label-unverified-'] button")
    expect(chosen).to_have_css("background-color", "rgb(230, 159, 0)")
    expect(page.locator("[class*='st-key-label-verified-'] button")).not_to_have_css(
        "background-color", "rgb(230, 159, 0)"
    )
    page.get_by_text(history, exact=True).click()
    grid = page.get_by_test_id("stDataFrame")
    expect(grid).to_be_visible()
    expect(grid).to_contain_text(header)
    expect(grid).to_contain_text(what)
    expect(grid).not_to_contain_text("label ")
