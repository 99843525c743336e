"""Every export carries archive_url, link_status and link_checked_at, under the label's own visibility."""

from __future__ import annotations

import csv
import io
import json

from workbench.canonical import canonical_url
from workbench.exporting import export_text
from workbench.models import LinkCheck
from workbench.store import Store
from workbench.store.accounts import OPERATOR

SOURCE = "https://news.example/story?utm_source=feed"
ARCHIVE = "https://archive.ph/abcde"
WHEN = "2030-01-02T03:04:05.000Z"


def checked(store: Store, url: str, outcome: str, sha: str = "a" * 64, when: str = WHEN) -> None:
    store.record_link_check(LinkCheck(url, canonical_url(url), outcome, when, sha256=sha, text_sha256=sha))


def setup(store: Store, article: int) -> tuple[int, int]:
    first, second = [c.id for c in store.claims(article_id=article) if c.kind.value == "claim"][:2]
    store.save_label(first, status="verified", reviewer="ann", source_url=SOURCE, archive_url=ARCHIVE)
    store.save_label(second, status="unverified", reviewer="ann")  # no link: no link status
    checked(store, "https://NEWS.example/story", "ok")  # another spelling of the same source
    return first, second


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_long_csv(store: Store, article: int) -> None:
    first, second = setup(store, article)
    by_claim = {int(r["claim_id"]): r for r in rows(export_text(store, "csv", viewer=OPERATOR))}
    assert (by_claim[first]["archive_url"], by_claim[first]["link_status"]) == (ARCHIVE, "ok")
    assert by_claim[first]["link_checked_at"] == WHEN
    assert (by_claim[second]["link_status"], by_claim[second]["link_checked_at"]) == ("", "")
    checked(store, SOURCE, "ok", sha="b" * 64, when="2030-02-01T00:00:00.000Z")
    again = {int(r["claim_id"]): r for r in rows(export_text(store, "csv", viewer=OPERATOR))}
    assert again[first]["link_status"] == "changed"
    # The streamed rows (the Export page's preview) say the same as the CSV built by SQLite.
    streamed = {r["claim_id"]: r for r in store.export_rows(viewer=OPERATOR)}
    assert streamed[first]["link_status"] == "changed" and streamed[first]["archive_url"] == ARCHIVE


def test_wide_csv(store: Store, article: int) -> None:
    first, _ = setup(store, article)
    row = next(r for r in rows(export_text(store, "csv-wide", viewer=OPERATOR)) if int(r["claim_id"]) == first)
    assert (row["ann:archive_url"], row["ann:link_status"], row["ann:link_checked_at"]) == (ARCHIVE, "ok", WHEN)


def test_jsonl(store: Store, article: int) -> None:
    first, second = setup(store, article)
    records = {r["claim"]["id"]: r for r in map(json.loads, export_text(store, "jsonl", viewer=OPERATOR).splitlines())}
    [label] = records[first]["labels"]
    assert (label["archive_url"], label["link_status"], label["link_checked_at"]) == (ARCHIVE, "ok", WHEN)
    assert records[second]["labels"][0]["link_status"] == ""


def test_claimreview_keeps_the_source_as_url_and_cites_the_archive(store: Store, article: int) -> None:
    first, _ = setup(store, article)
    [record] = [r for r in json.loads(export_text(store, "claimreview", viewer=OPERATOR)) if r["url"] == SOURCE]
    assert record["citation"] == {"@type": "WebPage", "url": SOURCE, "archivedAt": ARCHIVE}


def test_blind_review_leaves_others_link_columns_out(store: Store, article: int) -> None:
    store.put_account("admin@x.org", "admin", by=OPERATOR)
    for name in ("ann@x.org", "bob@x.org"):
        store.put_account(name, "reviewer", by=OPERATOR)
    first = next(c.id for c in store.claims(article_id=article) if c.kind.value == "claim")
    store.save_label(first, status="verified", reviewer="ann@x.org", source_url=SOURCE, archive_url=ARCHIVE)
    checked(store, SOURCE, "dead")
    for fmt in ("csv", "csv-wide", "jsonl"):
        text = export_text(store, fmt, viewer="bob@x.org")
        assert ARCHIVE not in text and "dead" not in text, fmt
    assert "dead" in export_text(store, "csv", viewer="admin@x.org")
