"""Hostile article text in a real browser: shown literally, never turned into links, images or scripts."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from articles_cli import import_file  # tests/e2e is on sys.path (rootdir-relative conftest)

try:
    from playwright.sync_api import Page, expect
except ImportError:  # the browser fixture then skips these tests, or fails them under CI=true
    Page = expect = None  # type: ignore[assignment,misc]

if TYPE_CHECKING:  # the fixture's type only; conftest is not importable as a module
    from conftest import Server

pytestmark = pytest.mark.e2e

# Each line is one attack a renderer could fall for: markdown links and images (a tracking beacon),
# javascript: and data: URLs, raw <script>, an <img> with an event handler, a raw <a>, and HTML
# entities that must stay as typed rather than be decoded.
HOSTILE = """\
The council said rates rose by 2% last year, see [click](javascript:alert(1)) for details. \
A tracker was found in the report ![x](https://tracker.example/p.png) according to the auditors. \
The mayor wrote <script>alert(1)</script> in a memo, which officials later denied.

The budget office published <img src=x onerror=alert(1)> figures showing a deficit of 4 million. \
Critics linked to [the data](data:text/html,<script>alert(1)</script>) and to \
<a href="javascript:alert(1)">the minutes</a> on Tuesday. \
Entities such as &lt;b&gt;bold&lt;/b&gt; and &amp; and &#60;i&#62; were printed as written.
"""
# The same shape with nothing active in it: its page is the baseline for Streamlit's own elements.
HARMLESS = """\
The council said rates rose by 2% last year, see the annex for details. \
A survey was found in the report according to the auditors. \
The mayor wrote a short note in a memo, which officials later denied.

The budget office published new figures showing a deficit of 4 million. \
Critics linked to the data and to the minutes on Tuesday. \
Entities such as bold text and ampersands were printed as written.
"""
HOSTILE_TITLE = (
    "<script>alert(1)</script> [click](javascript:alert(1)) ![x](https://tracker.example/p.png) "
    "<img src=x onerror=alert(1)> &lt;b&gt; &amp; **bold** www.evil.example me@evil.example"
)
# Substrings that only the article text holds: no link, image or script of the page may carry one.
PAYLOAD_MARKERS = ("alert(1)", "tracker.example", "evil.example", "javascript:", "data:text/html", "onerror")

# Every <a>, <img>, <script>, <iframe>, <object>, <embed> and <source> with what it points at and holds,
# and every element with an inline event handler (on…=) anywhere in the document.
DOM_PROBE = """() => {
  const active = [...document.querySelectorAll('a, img, script, iframe, object, embed, source')].map(e => ({
    tag: e.tagName.toLowerCase(), href: e.getAttribute('href') || '', src: e.getAttribute('src') || '',
    text: (e.textContent || '').slice(0, 500), alt: e.getAttribute('alt') || ''}));
  const handlers = [...document.querySelectorAll('*')].filter(
    e => [...e.attributes].some(a => a.name.toLowerCase().startsWith('on'))).map(e => e.outerHTML.slice(0, 200));
  return {active, handlers};
}"""


@dataclass(frozen=True)
class Imported:
    server: Server
    hostile: int
    harmless: int


@pytest.fixture(scope="module")
def imported(server_factory: Callable[..., Server], tmp_path_factory: pytest.TempPathFactory) -> Imported:
    """Both articles imported with the CLI before the server starts, on a database without demo articles."""
    folder = tmp_path_factory.mktemp("hostile")
    db = folder / "workbench.db"
    ids = []
    for name, text in (("hostile.md", HOSTILE), ("harmless.md", HARMLESS)):
        (folder / name).write_text(text, encoding="utf-8")
        ids.append(import_file(db, folder / name))
    return Imported(server_factory(db=db, demo=False), *ids)


def first_segment_per_paragraph(db: Path, article_id: int) -> list[tuple[int, int, int]]:
    """(segment id, paragraph start, paragraph end) for each paragraph: visiting these shows all the text."""
    with sqlite3.connect(db) as conn:
        return list(
            conn.execute(
                'SELECT MIN(id), MIN(start), MAX("end") FROM segments WHERE article_id = ?'
                " GROUP BY paragraph ORDER BY paragraph",
                (article_id,),
            )
        )


def dom_probe(page: Page) -> dict:
    return page.evaluate(DOM_PROBE)


def assert_nothing_active(probe: dict) -> None:
    for element in probe["active"]:
        carried = " ".join((element["href"], element["src"], element["text"], element["alt"]))
        hits = [marker for marker in PAYLOAD_MARKERS if marker in carried]
        assert not hits, f"<{element['tag']}> carries article text {hits}: {element}"
    assert probe["handlers"] == [], f"elements with inline event handlers: {probe['handlers']}"


def tag_counts(probe: dict) -> dict[str, int]:
    counts: dict[str, int] = {}
    for element in probe["active"]:
        counts[element["tag"]] = counts.get(element["tag"], 0) + 1
    return counts


def open_claim(page: Page, server: Server, segment_id: int) -> None:
    page.goto(f"{server.url}/?claim={segment_id}&reviewer=Eve")
    expect(page.get_by_text(f"segment #{segment_id}")).to_be_visible()
    expect(page.locator("mark.wb-claim")).to_have_count(1)
    # The overall progress is the page's last element: once it shows, the whole script run has rendered.
    expect(page.get_by_text("Overall:", exact=False)).to_be_visible()


def test_review_page_shows_hostile_text_literally(page: Page, imported: Imported, dialogs: list[str]) -> None:
    server = imported.server
    hostile = first_segment_per_paragraph(server.db, imported.hostile)
    harmless = first_segment_per_paragraph(server.db, imported.harmless)
    assert len(hostile) == len(harmless) == 2, "both articles should split into the same two paragraphs"

    for (segment_id, start, end), (baseline_id, _, _) in zip(hostile, harmless, strict=True):
        open_claim(page, server, baseline_id)
        baseline = tag_counts(dom_probe(page))

        open_claim(page, server, segment_id)
        # The paragraph is shown character for character as the article holds it.
        expect(page.locator("div.wb-paragraph")).to_have_text(HOSTILE[start:end])
        probe = dom_probe(page)
        assert_nothing_active(probe)
        assert tag_counts(probe) == baseline, "the hostile article added links, images or scripts to the page"

    body = page.locator("body").inner_text()
    assert '<a href="javascript:alert(1)">the minutes</a>' in body
    assert "&lt;b&gt;bold&lt;/b&gt; and &amp; and &#60;i&#62;" in body  # entities stay as typed
    assert dialogs == []


def test_articles_page_shows_hostile_title_literally(page: Page, imported: Imported, dialogs: list[str]) -> None:
    server = imported.server
    page.goto(f"{server.url}/articles?reviewer=Eve")  # every page asks who is working first
    page.get_by_role("textbox", name="Title (optional)").fill(HOSTILE_TITLE)
    # A different text from the CLI import, so this one is stored as a new article.
    page.get_by_role("textbox", name="Article text").fill("Pasted copy.\n\n" + HOSTILE)
    page.get_by_role("heading", name="Articles", exact=True).click()  # leave the text area so its value is sent
    page.get_by_role("button", name="Save article").click()

    saved = page.get_by_text("Imported ", exact=False).filter(has_text="claims (en)")
    expect(saved).to_be_visible()
    # Markdown-escaped, so shown as typed; word joiners (U+2060, invisible) keep URLs from being linked.
    assert HOSTILE_TITLE in saved.inner_text().replace("\u2060", "")
    # The article list shows the title literally too.
    expect(page.get_by_text(f". {HOSTILE_TITLE}  ·  en", exact=False)).to_be_visible()
    assert page.get_by_text("<script>alert(1)</script>", exact=False).count() >= 2
    assert_nothing_active(dom_probe(page))

    # The same title as the Review page's heading.
    with sqlite3.connect(server.db) as conn:
        article_id, title = conn.execute("SELECT id, title FROM articles ORDER BY id DESC LIMIT 1").fetchone()
    assert title == HOSTILE_TITLE
    segment_id = first_segment_per_paragraph(server.db, article_id)[0][0]
    open_claim(page, server, segment_id)
    expect(page.locator("h3.wb-title")).to_have_text(HOSTILE_TITLE)
    assert_nothing_active(dom_probe(page))
    assert dialogs == []
