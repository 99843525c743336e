"""The Articles page's revisions under AppTest against a real database file: the table and the diff, as text."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_app_pages import app, html_bodies
from workbench.database import open_store
from workbench.importing import prepare, save
from workbench.metadata import ArticleMeta

URL = "https://news.example/harbour"
BEFORE = "Harbour plan\n\nThe council approved the plan. It costs 3 million. Work starts in May."
# One sentence edited, one removed, one added, and markup that must come out as text.
AFTER = "Harbour plan\n\nThe council approved the plan. It costs 4 million. Work starts <b>soon</b> [x](javascript:1)."


def revised(db_path: Path) -> int:
    with open_store(db_path, demo=True) as store:
        first = save(store, prepare(BEFORE, language="en", meta=ArticleMeta(url=URL)))
        second = save(store, prepare(AFTER, language="en", meta=ArticleMeta(url=URL)))
        assert second.revised is not None and second.article_id == first.article_id
        return first.article_id


def test_articles_page_shows_revisions_and_the_diff_as_text(db_path: Path) -> None:
    article = revised(db_path)
    at = app("articles")
    at.selectbox(key="revisions-article").set_value(article).run()
    assert not at.exception, at.exception
    table = next(frame.value for frame in at.dataframe if "revision" in frame.value.columns)
    assert table["revision"].tolist() == [1, 2]
    assert table["claims"].tolist()[1] == "1 unchanged, 1 changed, 1 new, 1 removed"
    assert any("1 added · 1 removed · 1 changed · 2 unchanged" in c.value for c in at.caption)
    diff = next(body for body in html_bodies(at) if "wb-diff" in body)
    assert '<div class="wb-diff-changed"' in diff and "<del" in diff and "3 " in diff and "4 " in diff
    assert "Work starts in May." in diff  # the removed sentence, shown struck through
    assert "&lt;b&gt;soon&lt;/b&gt;" in diff and "<b>soon" not in diff  # the article's markup stays text
    assert "javascript" in diff and "<a " not in diff


def test_an_article_never_revised_says_so(db_path: Path) -> None:
    with open_store(db_path, demo=True) as store:
        article = save(store, prepare(BEFORE, language="en", meta=ArticleMeta(url=URL))).article_id
    at = app("articles")
    at.selectbox(key="revisions-article").set_value(article).run()
    assert any("one revision" in c.value for c in at.caption)
    assert not any("wb-diff" in body for body in html_bodies(at))


def test_import_page_reports_the_revision(db_path: Path) -> None:
    article = revised(db_path)
    at = app("articles", lang="it")
    third = AFTER.replace("4 million", "5 million")
    batch = json.dumps({"text": third, "title": "Harbour plan", "url": URL + "?utm_source=feed"}).encode()
    at.file_uploader(key="upload-files").upload("batch.jsonl", batch, "application/x-ndjson").run()
    at.button(key="upload-save").click().run()
    assert not at.exception, at.exception
    assert any(
        f"articolo {article} revisionato (revisione 3): 2 invariate, 1 cambiate, 0 nuove, 0 rimosse" in s.value
        for s in at.success
    ), [s.value for s in at.success]
    # A paste carries no URL: it is a new article, never a silent revision of another.
    at.text_area(key="paste-text").input(third.replace("5 million", "6 million")).run()
    at.button(key="paste-save").click().run()
    assert any("Importato" in s.value for s in at.success)
