"""ClaimReview output pasted into a web page, as a publisher would: Chromium parses the same data back and
no element escapes the <script type="application/ld+json"> it sits in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import make_split
from workbench.exporting import export_text
from workbench.store import Store

pytestmark = pytest.mark.e2e

# Each one ends, comments out or re-opens the script element when written raw inside it.
BREAKOUTS = (
    "</script><script>window.pwned = 1</script>",
    "<!--<script>",
    "</SCRIPT ><img src=x onerror=window.pwned=2>",
    "a &amp; b &lt;/script&gt;",
)

PAGE = """<!doctype html><html><head><title>claim</title>
<script type="application/ld+json">{data}</script>
</head><body><p id="after">after</p></body></html>"""


def test_claimreview_embedded_in_a_page(browser, tmp_path: Path) -> None:
    store = Store(tmp_path / "workbench.db")
    with store:
        text = " ".join(BREAKOUTS)
        split = make_split(text, [("claim", text)])
        article, _ = store.add_article(split, title="</title><script>window.pwned=3</script>")
        [claim] = [c.id for c in store.claims(article_id=article)]
        store.save_label(
            claim, status="disputed", reviewer="</script><b>", source_url="https://a.example/?q=</script>&x"
        )
        store.save_label(claim, status="disputed", reviewer="<!--", source_url="https://b.example/")
        data = export_text(store, "claimreview")
    expected = json.loads(data)
    assert expected and expected[0]["claimReviewed"] == text
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content(PAGE.format(data=data))
        found = page.evaluate(
            """() => ({
              scripts: [...document.scripts].map(s => s.type),
              data: JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent),
              body: [...document.body.querySelectorAll('*')].map(e => e.id || e.tagName),
              head: [...document.head.children].map(e => e.tagName),
              pwned: window.pwned || 0,
            })"""
        )
    finally:
        context.close()
    assert found["scripts"] == ["application/ld+json"]  # one script element, the one we wrote
    assert found["data"] == expected  # the browser reads the same data the export holds
    assert found["head"] == ["TITLE", "SCRIPT"] and found["body"] == ["after"] and found["pwned"] == 0
