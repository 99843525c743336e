"""The pages over the new formats (AppTest): uploads of batches and HTML, import by URL, metadata, export, find."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_app_pages import app
from tests.test_fetch import server  # noqa: F401 (a fixture: the http.server on 127.0.0.1)
from tests.test_formats_in import CSV_BATCH, PAGE
from workbench.store import Store


def values(elements) -> list[str]:
    return [e.value for e in elements]


def test_upload_batch_and_page_reports_each_article(db_path: Path) -> None:
    at = app("articles")
    uploader = at.file_uploader(key="upload-files")
    uploader.upload("batch.csv", CSV_BATCH.encode(), "text/csv")
    uploader.upload("page.html", PAGE.encode(), "text/html").run()
    assert "2 article(s) ready · 2 refused" in values(at.caption)  # the preview says what will happen
    assert any("line 3" in e and "no text" in e for e in values(at.error))
    at.button(key="upload-save").click().run()
    assert not at.exception
    imported = [s for s in values(at.success) if s.startswith("Imported")]
    assert len(imported) == 3 and any("page" in s for s in imported)
    with Store(db_path) as store:
        titles = [a.title for a in store.articles()]
        assert {"Port", "Port FR", "Rates rise again"} <= set(titles)
        page = next(a for a in store.articles() if a.title == "Rates rise again")
        assert store.article_meta(page.id).author == "Ann Writer"


def test_url_field_refuses_loopback_by_default(db_path: Path, server: str) -> None:  # noqa: F811
    at = app("articles")
    at.text_input(key="url-input").input(f"{server}/article.html").run()
    at.button(key="url-fetch").click().run()
    assert any("private" in e for e in values(at.error))


def test_url_field_imports_when_allowed(db_path: Path, server: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setenv("WORKBENCH_ALLOW_PRIVATE_URLS", "on")
    at = app("articles")
    at.text_input(key="url-input").input(f"{server}/article.html").run()
    at.button(key="url-fetch").click().run()
    assert any(s.startswith("Imported") for s in values(at.success)), values(at.error)


def test_edit_metadata_form(db_path: Path) -> None:
    at = app("articles")
    at.text_input(key="meta-title-1").input("A better title")
    at.text_input(key="meta-url-1").input("javascript:alert(1)")  # a form sends its values with the button
    at.button(key="FormSubmitter:meta-form-1-Save metadata").click().run()
    assert any("article URL must start with http" in e for e in values(at.error))  # refused, with why
    with Store(db_path) as store:
        assert store.article(1).title != "A better title" and store.article_meta(1).url == ""
    at.text_input(key="meta-url-1").input("https://news.example/first")
    at.text_input(key="meta-published-1").input("2024-03-05")
    at.button(key="FormSubmitter:meta-form-1-Save metadata").click().run()
    assert "Metadata saved." in values(at.success)
    with Store(db_path) as store:
        assert store.article(1).title == "A better title"
        assert store.article_meta(1).url == "https://news.example/first"
        assert store.article_meta(1).published == "2024-03-05"


def labelled_demo(db_path: Path) -> list[int]:
    """The demo articles with one claim on which ann and bob disagree."""
    from workbench.database import open_store

    with open_store(demo=True) as store:
        claims = [c.id for c in store.claims()]
        store.save_label(claims[0], status="disputed", reviewer="ann", source_url="https://example.org/x")
        store.save_label(claims[0], status="verified", reviewer="bob", source_url="https://example.org/y")
        return claims


def test_export_formats_and_search(db_path: Path) -> None:
    claims = labelled_demo(db_path)
    at = app("export")
    assert len(at.dataframe[0].value) == 18  # the long CSV as before: 17 claims, one of them with two labels
    at.checkbox(key="export-disagreement").check().run()
    assert at.dataframe[0].value["claim_id"].tolist() == [claims[0], claims[0]]
    at.radio(key="export-format").set_value("csv-wide").run()
    frame = at.dataframe[0].value
    assert len(frame) == 1 and {"ann:status", "bob:status", "final_status", "final_note"} <= set(frame.columns)
    assert not at.checkbox(key="export-excel").disabled
    at.radio(key="export-format").set_value("claimreview").run()
    assert at.checkbox(key="export-excel").disabled  # a BOM only makes sense for a spreadsheet
    assert not at.exception


def test_review_page_finds_claims(db_path: Path) -> None:
    claims = labelled_demo(db_path)
    at = app(reviewer="ann")
    # Blind review (the default) hides others' labels: no disagreement filter to reveal them.
    assert "find-disagreement" not in [c.key for c in at.checkbox]
    with Store(db_path) as store:
        store.set_meta("blind_review", "off")
    at = app(reviewer="ann")
    at.checkbox(key="find-disagreement").check().run()
    frame = at.dataframe[-1].value
    assert frame["open"].tolist() == [f"/?claim={claims[0]}"]
    at.checkbox(key="find-disagreement").uncheck()
    at.text_input(key="find-search").input('"AND ( nothing-like-this').run()  # FTS5 syntax is just text
    assert not at.exception and "0 claims" in [c.value for c in at.caption]


@pytest.mark.parametrize("lang, shown", [("it", "separato da ;"), ("pt", "separado por ;"), ("en", "(UTF-8 with BOM)")])
def test_excel_friendly_export_says_its_separator(db_path: Path, lang: str, shown: str) -> None:
    at = app("export", lang=lang)
    assert shown in at.checkbox(key="export-excel").label
