"""A verdict key pressed the moment the claim appears, before its buttons are on the page, is not lost.

The claim is the first element the Review panel sends; the buttons, whose shortcuts Streamlit binds only
once mounted, arrive after it. A press in between used to vanish (seen under load in the new-user test,
which had to wait for the page to be idle before its first key). This test presses in exactly that gap:
a script in the page presses "2" when the claim is shown and its verdict buttons are not yet.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

import pytest

try:
    from playwright.sync_api import Page, expect
except ImportError:  # the browser fixture then skips these tests, or fails them under CI=true
    Page = expect = None  # type: ignore[assignment,misc]

if TYPE_CHECKING:
    from conftest import Server

pytestmark = pytest.mark.e2e

NAME = "Early"
IDLE = '.stApp[data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]'
# Runs in the page from its first load: the first time a claim is shown without its verdict buttons, press 2.
PRESS_IN_THE_GAP = """
window.__early = null;
new MutationObserver(() => {
  const mark = document.querySelector("mark.wb-claim");
  if (window.__early !== null || !mark) return;
  if (document.querySelector(`.st-key-label-unverified-${mark.dataset.claim} button`)) {
    window.__early = "";  // the buttons came with the claim this time: no gap to press in
    return;
  }
  window.__early = mark.dataset.claim;
  document.body.dispatchEvent(new KeyboardEvent("keydown", {key: "2", code: "Digit2", keyCode: 50, which: 50,
                                                             bubbles: true, cancelable: true}));
}).observe(document, {subtree: true, childList: true});
"""
ATTEMPTS = 15


def own_labels(db) -> dict[int, str]:
    with sqlite3.connect(db, timeout=10) as conn:
        rows = conn.execute(
            "SELECT segment_id, status FROM labels WHERE reviewer = ? AND withdrawn_at IS NULL", (NAME,)
        ).fetchall()
    return dict(rows)


def test_a_key_pressed_before_the_buttons_arrive_labels_the_claim_shown(page: Page, server: Server) -> None:
    page.add_init_script(PRESS_IN_THE_GAP)
    for _attempt in range(ATTEMPTS):
        page.goto(f"{server.url}/?reviewer={NAME}&lang=en")
        page.wait_for_function("() => window.__early !== null")
        pressed = page.evaluate("() => window.__early")
        if pressed:
            break
        page.wait_for_selector(IDLE)
    else:
        pytest.skip(f"the buttons came with the claim in all {ATTEMPTS} loads: no gap to press in")
    claim = int(pressed)
    # The press labels the claim that was on screen, and the page moves on to the next one.
    expect(page.locator("mark.wb-claim")).not_to_have_attribute("data-claim", pressed, timeout=15_000)
    page.wait_for_selector(IDLE)
    assert own_labels(server.db) == {claim: "unverified"}
