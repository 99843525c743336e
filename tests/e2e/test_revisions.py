"""Revisions in a real browser (issue 17): an article re-imported with one sentence edited shows one changed
claim queued for re-review with its old label in History, every other claim carried with its label, and
the diff on the Articles page."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest

from workbench.store import Store

try:
    from playwright.sync_api import Page, expect
except ImportError:  # the browser fixture then skips these tests, or fails them under CI=true
    Page = expect = None  # type: ignore[assignment,misc]

if TYPE_CHECKING:
    from conftest import Server

pytestmark = pytest.mark.e2e

ANN = "ann"
URL = "https://news.example/harbour-plan"
BEFORE = "Harbour plan\n\nThe council approved the plan. It costs 3 million euros. Work starts in May. Critics object."
AFTER = BEFORE.replace("3 million", "4 million")


def import_batch(db: Path, folder: Path, text: str) -> str:
    """The real `workbench import` of a one-article JSONL batch naming the article's URL; its stdout."""
    path = folder / "harbour.jsonl"
    path.write_text(json.dumps({"text": text, "title": "Harbour plan", "url": URL}) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "workbench.cli", "import", "--db", str(db), "--lang", "en", str(path)]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def revised(server_factory: Callable[..., Server], tmp_path_factory: pytest.TempPathFactory) -> tuple:
    """The article imported, every claim labelled by ann, then imported again with one figure edited."""
    folder = tmp_path_factory.mktemp("revisions")
    db = folder / "workbench.db"
    import_batch(db, folder, BEFORE)
    with Store(db) as store:
        before = list(store.claims())
        for claim in before:
            store.save_label(claim.id, status="disputed", reviewer=ANN, source_url="https://a.example/s")
    out = import_batch(db, folder, AFTER)
    assert "article 1 revised: 3 unchanged, 1 changed, 0 new, 0 removed" in out.splitlines()
    with Store(db) as store:
        after = list(store.claims())
    return server_factory(db=db, demo=False), before, after


def shown_segment(page: Page) -> int:
    caption = page.get_by_text(re.compile(r"^Article \d+ · .* · segment #\d+$"))
    expect(caption).to_be_visible()
    return int(re.search(r"segment #(\d+)", caption.inner_text()).group(1))


def test_the_changed_claim_is_queued_with_its_old_label_and_the_rest_carried(page: Page, revised: tuple) -> None:
    server, before, after = revised
    changed = next(c for c in after if "4 million" in c.text)
    old = next(c for c in before if "3 million" in c.text)
    assert {c.id for c in after} - {changed.id} == {c.id for c in before} - {old.id}  # the others carried
    # Ann's queue opens on the one claim she has not labelled: the changed one.
    page.goto(f"{server.url}/?lang=en&reviewer={quote(ANN)}")
    expect(page.get_by_text("Overall:", exact=False)).to_be_visible()
    assert shown_segment(page) == changed.id
    expect(page.get_by_text("Changed since labelled", exact=False)).to_be_visible()
    expect(page.get_by_text("3 of 4", exact=False).first).to_be_visible()  # the carried labels still count
    # History shows her label on the earlier text, on the segment it was given to.
    page.get_by_text("History", exact=True).click()
    grid = page.get_by_test_id("stDataFrame").filter(has_text="→")
    expect(grid.first).to_be_visible()
    shown = grid.first.text_content() or ""
    assert ANN in shown and "disputed" in shown and str(old.id) in shown and "article revised" in shown


def test_the_articles_page_shows_the_diff(page: Page, revised: tuple) -> None:
    server = revised[0]
    page.goto(f"{server.url}/articles?lang=en&reviewer={quote(ANN)}")
    expect(page.get_by_text("Revisions", exact=True)).to_be_visible()
    expect(page.get_by_text("Compare revision", exact=True)).to_be_visible()
    changed = page.locator(".wb-diff-changed")
    expect(changed).to_have_count(1)
    expect(changed).to_contain_text("It costs 3 4 million euros.")
    expect(changed.locator("del")).to_have_text("3 ")
    expect(changed.locator("ins")).to_have_text("4 ")
    expect(page.locator(".wb-diff-same")).to_have_count(4)
    expect(page.locator(".wb-diff-added, .wb-diff-removed")).to_have_count(0)
