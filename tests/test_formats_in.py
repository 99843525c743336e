"""Formats in: HTML pages, CSV and JSONL batches, folders; each article imported or refused with its reason."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from unittest.mock import ANY

import pytest

from workbench.formats.batch import Refused
from workbench.formats.html import extract_html
from workbench.importing import ImportResult, Skipped, import_data, import_sources
from workbench.store import Store

PAGE = """<!doctype html><html lang="en"><head><title>Rates rise again | The Daily</title>
<link rel="canonical" href="https://daily.example/economy/rates">
<meta name="author" content="Ann Writer"><meta property="article:published_time" content="2024-03-05T10:00:00Z">
<meta property="og:site_name" content="The Daily"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news and more</a></li></ul></nav>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience. Accept all cookies</div>
<article><h1>Rates rise again</h1>
<p>The central bank raised its main rate by half a point on Tuesday, the third rise this year.</p>
<p>Prices fell 2% in February, according to the statistics office, which surprised most economists.</p>
<p>The finance minister said the government would not change its budget plans before the summer.</p></article>
<footer><p>© 2024 The Daily. All rights reserved. Contact us at our office in the city centre.</p></footer>
</body></html>"""


def test_html_keeps_the_article_and_its_metadata() -> None:
    page = extract_html(PAGE)
    assert "The central bank raised its main rate" in page.text and "finance minister" in page.text
    for furniture in ("cookies", "All rights reserved", "World news and more"):  # banner, footer, navigation
        assert furniture not in page.text
    assert (page.title, page.author, page.published) == ("Rates rise again", "Ann Writer", "2024-03-05")
    assert page.url == "https://daily.example/economy/rates" and page.outlet == "The Daily"


def test_html_extraction_fetches_nothing(monkeypatch: pytest.MonkeyPatch, store: Store) -> None:
    # Any attempt to open a connection fails the test: trafilatura must only read the bytes given.
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    [result] = import_data(store, PAGE.encode(), "rates.html")
    assert isinstance(result, ImportResult) and result.created
    meta = store.article_meta(result.article_id)
    assert meta.url == "https://daily.example/economy/rates" and meta.author == "Ann Writer"
    assert store.article(result.article_id).title == "Rates rise again"


def outcomes(store: Store, data: str, name: str) -> list[ImportResult | Refused]:
    return list(import_data(store, data.encode(), name))


CSV_BATCH = (
    "text,title,url,outlet,published,language,section,wordcount\r\n"
    '"The port will double by 2030. Critics doubt it.",Port,https://a.example/port,Harbour News,2024-01-02,en,'
    "economy,NA\r\n"
    ",No text,,,,,,\r\n"  # refused: no text
    '"Il porto raddoppierà entro il 2030. I critici ne dubitano.",Porto,javascript:alert(1),,,it,,\r\n'
    '"Le port doublera d\'ici 2030. Les critiques en doutent.",Port FR,,,,fr,,\r\n'
)


def test_csv_batch(store: Store) -> None:
    results = outcomes(store, CSV_BATCH, "batch.csv")
    assert [type(r).__name__ for r in results] == ["ImportResult", "Refused", "Refused", "ImportResult"]
    assert results[1].where == "batch.csv line 3" and "no text" in results[1].reason
    assert results[2].where == "batch.csv line 4" and "http" in results[2].reason  # the URL rule, with the row
    first = results[0]
    assert (first.title, first.language, first.claims) == ("Port", "en", 2)
    meta = store.article_meta(first.article_id)
    assert (meta.url, meta.outlet, meta.published) == ("https://a.example/port", "Harbour News", "2024-01-02")
    assert meta.extra == {"section": "economy", "wordcount": "NA"}  # unknown fields kept; "NA" stays text
    assert results[3].language == "fr"


@pytest.mark.parametrize(
    "data, reason",
    [
        ("title,url\r\nA,https://a.example\r\n", "'text' column"),  # no text column at all
        ("text,title\r\nA claim to check here.,T,surplus\r\n", "more cells"),  # a row wider than its header
        ("text,published\r\nA claim to check here.,5 March\r\n", "not a date"),  # dates are ISO
    ],
)
def test_csv_batch_refusals(store: Store, data: str, reason: str) -> None:
    [result] = outcomes(store, data, "bad.csv")
    assert isinstance(result, Refused) and reason in result.reason
    assert store.articles() == []


def test_jsonl_batch(store: Store) -> None:
    lines = [
        {"text": "The port will double by 2030. Critics doubt it.", "title": "Port", "tags": ["a", "b"]},
        "not json",  # refused, with its line number
        {"text": "Another claim to check here. And one more."},
        [1, 2],  # not an object
        {"text": "A third claim is here.", "title": 5},  # a title that is not text
    ]
    data = "\n".join(json.dumps(x) if not isinstance(x, str) else x for x in lines) + "\n\n"
    results = outcomes(store, data, "batch.jsonl")
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["ImportResult", "Refused", "ImportResult", "Refused", "Refused"]
    assert results[1].where == "batch.jsonl line 2" and "JSON" in results[1].reason
    assert store.article_meta(results[0].article_id).extra == {"tags": ["a", "b"]}


def test_folder_import(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text("Harbour plan\n\nThe port will double by 2030. Critics doubt it.\n", encoding="utf-8")
    (folder / "b.html").write_text(PAGE, encoding="utf-8")
    (folder / "c.csv").write_text(CSV_BATCH, encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")  # not importable: skipped, not refused
    (folder / ".hidden.txt").write_text("Hidden text is here. Not imported.", encoding="utf-8")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n")  # a .txt that is an image: refused, with why
    results = list(import_sources(store, [folder]))
    imported = [r for r in results if isinstance(r, ImportResult)]
    refused = [r for r in results if isinstance(r, Refused)]
    assert [r.source_name for r in imported] == ["a.txt", "b.html", "c.csv line 2", "c.csv line 5"]
    assert [(r.where, "PNG" in r.reason) for r in refused][-1] == (str(folder / "image.txt"), True)
    assert len(refused) == 3
    skipped = [(r.where, r.reason) for r in results if isinstance(r, Skipped)]
    assert skipped == [(str(folder / ".hidden.txt"), "a hidden file"), (str(folder / "notes.pdf"), ANY)]


@pytest.mark.parametrize(
    "path, reason",
    [
        ("missing.txt", "cannot read"),  # no such file
        ("notes.pdf", "can be imported"),  # a suffix we do not read
        ("empty", "holds no"),  # an empty folder
    ],
)
def test_sources_refused(store: Store, tmp_path: Path, path: str, reason: str) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    [result] = import_sources(store, [tmp_path / path])
    assert isinstance(result, Refused) and reason in result.reason
