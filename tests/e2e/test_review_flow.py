"""The reviewer's path in a real browser: upload a seed article, label from the keyboard, reload, export."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import pandas as pd
import pytest

try:
    from playwright.sync_api import Page, expect
except ImportError:  # the browser fixture then skips these tests, or fails them under CI=true
    Page = expect = None  # type: ignore[assignment,misc]

if TYPE_CHECKING:  # the fixture's type only; conftest is not importable as a module
    from conftest import Server

pytestmark = pytest.mark.e2e

SEED = "000_8b8689c0ad63b8e0.txt"  # the Italian seed article
# A name with a space and an accent: it travels through the URL (?reviewer=) and back into the CSV.
REVIEWER = "Ana Lúcia"


@dataclass(frozen=True)
class Given:
    """One label as the reviewer gives it: the key pressed and what was typed."""

    key: str
    status: str
    source: str
    note: str


# Verified and disputed need a source link; unverified is given without one, which the rules allow.
# The disputed one carries a query string, a comma and quotes so the CSV quoting is exercised too.
LABELS = (
    Given("1", "verified", "https://example.org/fonte-1", "Confermato dal comunicato ufficiale"),
    Given("2", "unverified", "", "Nessuna fonte trovata"),
    Given("3", "disputed", "https://example.org/smentita?id=3&lang=it", 'Dice "no", vedi fonte'),
)


def cli_claims(db: Path, article_id: int) -> list[dict]:
    """The article's claims as the CLI lists them (the ids the deep links use)."""
    out = subprocess.run(
        [sys.executable, "-m", "workbench.cli", "claims", "--db", str(db), "--article", str(article_id)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def stored_labels(db: Path) -> set[tuple]:
    with sqlite3.connect(db, timeout=10) as conn:
        return set(conn.execute("SELECT segment_id, reviewer, status, source_url, note FROM labels"))


def review_url(server: Server, claim_id: int, reviewer: str = REVIEWER) -> str:
    return f"{server.url}/?claim={claim_id}&reviewer={quote(reviewer)}"


def upload_seed(page: Page, server: Server, seed: Path) -> int:
    """Import the seed through the Articles page uploader; return the new article's id."""
    # Every page asks who is working first; the name in the URL answers it.
    page.goto(f"{server.url}/articles?reviewer={quote(REVIEWER)}")
    page.get_by_role("tab", name="Upload files").click()
    page.locator("input[type=file]").set_input_files(seed)
    page.get_by_role("button", name="Import 1 of 1 files").click()
    message = page.get_by_text(re.compile(rf"^Imported {re.escape(seed.name)}: article \d+"))
    expect(message).to_be_visible()
    return int(re.search(r"article (\d+)", message.inner_text()).group(1))


def fill_label_form(page: Page, claim_id: int, source: str, note: str) -> None:
    """Type the source and note as a reviewer would, then press Esc as the page says.

    Streamlit ignores shortcut keys while a text field has the focus; Esc leaves the field (the app's
    own key handler), which also sends the typed value to the server.
    """
    expect(page.get_by_text(f"segment #{claim_id}")).to_be_visible()
    # The progress bars come last, after the Esc handler: once shown, the handler is on the page.
    expect(page.get_by_text("Overall:", exact=False)).to_be_visible()
    page.get_by_role("textbox", name="Source link").fill(source)
    page.get_by_role("textbox", name="Note").fill(note)
    page.keyboard.press("Escape")
    expect(page.get_by_role("textbox", name="Note")).not_to_be_focused()
    # Leaving the fields sends their values, which reruns the claim's fragment; the key that follows need
    # not wait for that run (ui/keys.py keeps a verdict key until the claim's buttons are there).


def test_upload_label_reload_export(page: Page, server: Server, shared_seeds: Path) -> None:
    article_id = upload_seed(page, server, shared_seeds / SEED)
    claims = cli_claims(server.db, article_id)
    assert len(claims) > len(LABELS), "the seed article should have more claims than we label"
    ids = [c["id"] for c in claims[: len(LABELS)]]

    # First visit by deep link, without a name yet: the page asks for one, then shows that claim.
    page.goto(f"{server.url}/?claim={ids[0]}")
    expect(page.get_by_text("Enter your name in the sidebar")).to_be_visible()
    # The name box picks a known reviewer or takes a new name typed into it.
    page.get_by_role("combobox", name="Your name").click()
    page.keyboard.type(REVIEWER)
    page.keyboard.press("Enter")
    expect(page.locator("mark.wb-claim")).to_have_text(claims[0]["text"])
    expect(page).to_have_url(re.compile(r"reviewer=Ana(\+|%20)L(%C3%BA|ú)cia"))

    for position, (claim_id, given) in enumerate(zip(ids, LABELS, strict=True)):
        fill_label_form(page, claim_id, given.source, given.note)
        page.keyboard.press(given.key)
        expect(page.get_by_text(f"Saved claim #{claim_id} as {given.status}")).to_be_visible()
        # After a save the page moves on to the next claim this reviewer has not labelled.
        following = ids[position + 1] if position + 1 < len(ids) else claims[len(LABELS)]["id"]
        expect(page).to_have_url(re.compile(rf"claim={following}(&|$)"))

    # A reload starts a new browser session: what is shown now comes from the database alone.
    page.reload()
    for claim_id, given in zip(ids, LABELS, strict=True):
        page.goto(review_url(server, claim_id))
        expect(page.get_by_text(f"Saved: {given.status} by {REVIEWER} at")).to_be_visible()
        expect(page.get_by_role("textbox", name="Source link")).to_have_value(given.source)
        expect(page.get_by_role("textbox", name="Note")).to_have_value(given.note)

    expected = {(cid, REVIEWER, g.status, g.source, g.note) for cid, g in zip(ids, LABELS, strict=True)}
    assert stored_labels(server.db) == expected

    page.goto(f"{server.url}/export?reviewer={quote(REVIEWER)}")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download CSV").click()
    csv_path = download_info.value.path()
    table = pd.read_csv(csv_path, dtype=str, keep_default_na=False)

    labelled = table[table["status"] != ""]
    got = {(int(r.claim_id), r.reviewer, r.status, r.source_url, r.note) for r in labelled.itertuples()}
    assert got == expected
    assert len(labelled) == len(LABELS)

    ours = table[table["article_id"] == str(article_id)]
    assert list(ours["claim_id"].astype(int)) == [c["id"] for c in claims]  # one row per claim, in order
    assert list(ours["claim_text"]) == [c["text"] for c in claims]
    unlabelled = ours[~ours["claim_id"].astype(int).isin(ids)]
    assert (unlabelled[["status", "source_url", "note", "reviewer", "labelled_at"]] == "").all().all()
    assert (labelled["labelled_at"] != "").all()
    # Every claim in the database appears: ours and the demo articles' ones, none of them labelled twice.
    with sqlite3.connect(server.db) as conn:
        total = conn.execute("SELECT COUNT(*) FROM segments WHERE kind = 'claim'").fetchone()[0]
    assert len(table) == total


def test_refused_label_keeps_input_and_stores_nothing(page: Page, server: Server) -> None:
    claim = cli_claims(server.db, 1)[0]
    before = stored_labels(server.db)
    page.goto(review_url(server, claim["id"], "Rita"))
    note = "Da verificare con l'ufficio tecnico"
    fill_label_form(page, claim["id"], "", note)

    page.keyboard.press("1")  # verified, but without the evidence a verdict needs
    expect(page.get_by_text("a source link is required for verified")).to_be_visible()
    expect(page.get_by_role("textbox", name="Note")).to_have_value(note)
    expect(page.get_by_text("Saved:")).to_have_count(0)
    expect(page).to_have_url(re.compile(rf"claim={claim['id']}(&|$)"))  # still on the same claim

    # A link that is not http(s) is refused the same way, and what was typed stays.
    fill_label_form(page, claim["id"], "javascript:alert(1)", note)
    page.keyboard.press("3")
    expect(page.get_by_text("source link must start with http:// or https://")).to_be_visible()
    expect(page.get_by_role("textbox", name="Source link")).to_have_value("javascript:alert(1)")
    expect(page.get_by_role("textbox", name="Note")).to_have_value(note)

    assert stored_labels(server.db) == before
    with sqlite3.connect(server.db) as conn:
        events = conn.execute("SELECT COUNT(*) FROM label_events WHERE reviewer = 'Rita'").fetchone()[0]
    assert events == 0
