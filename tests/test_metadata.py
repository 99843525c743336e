"""Article metadata: stored on import, edited through one store method, every field checked."""

from __future__ import annotations

import pytest

from tests.conftest import make_split
from workbench.errors import InvalidInput, NotFound
from workbench.metadata import ArticleMeta, check_meta
from workbench.store import Store
from workbench.store.accounts import OPERATOR


def test_metadata_is_stored_with_the_article(store: Store) -> None:
    text = "A claim to check. Another one here."
    meta = ArticleMeta(
        url="https://news.example/a",
        outlet="News",
        author="Ann",
        published="2024-03-05",
        extra={"section": "economy", "wordcount": 7},
    )
    split = make_split(text, [("claim", "A claim to check."), ("claim", "Another one here.")])
    article_id, _ = store.add_article(split, title="A", meta=meta)
    assert store.article_meta(article_id) == meta


def test_edit_metadata(store: Store, article: int) -> None:
    stored = store.update_article_metadata(
        article,
        title="  Rates   rise ",
        outlet="The Daily",
        url="https://bücher.example/rates",
        published="2024-03-05",
        language="xx",
    )
    assert stored.url == "https://xn--bcher-kva.example/rates"  # the host as the ASCII form it resolves to
    assert stored.outlet == "The Daily" and stored.published == "2024-03-05"
    record = store.article(article)
    assert (record.title, record.language) == ("Rates rise", "xx")
    assert [s.text for s in store.segments(article)][1] == "The bank raised rates."  # the split is untouched


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"url": "javascript:alert(1)"}, "http:// or https://"),  # a script, not a page
        ({"url": "java\tscript:alert(1)"}, "spaces or control"),  # urlsplit would drop the tab
        ({"url": "https://trusted.example@evil.example/"}, "user name"),  # userinfo hides the real host
        ({"url": "news.example/a"}, "no scheme"),  # a bare host
        ({"language": "klingon"}, "not one of"),  # the six languages or xx
        ({"language": ""}, "not one of"),  # the language is required
        ({"published": "5 March 2024"}, "not a date"),  # dates are ISO
        ({"published": "2024-02-30"}, "not a date"),  # a day that does not exist
        ({"title": ""}, "title is required"),  # a title is required
        ({"title": "x" * 201}, "at most 200"),  # titles are bounded
        ({"outlet": "News\x07"}, "control characters"),  # a bell in the outlet name
    ],
)
def test_edit_refuses(store: Store, article: int, fields: dict, message: str) -> None:
    values = {"title": "Rates", "language": "en", **fields}
    before = store.article_meta(article)
    with pytest.raises(InvalidInput, match=message):
        store.update_article_metadata(article, **values)
    assert store.article_meta(article) == before and store.article(article).title == "Rates"


def test_edit_missing_article(store: Store) -> None:
    with pytest.raises(NotFound):
        store.update_article_metadata(99, title="x", language="en")


@pytest.mark.parametrize(
    "published",
    [
        "2024-03-05",  # a date
        "2024-03-05T10:00:00Z",  # a UTC time, as trafilatura and feeds give it
        "2024-03-05T10:00:00+01:00",  # a time with its offset
        "",  # unknown
    ],
)
def test_dates_accepted(published: str) -> None:
    assert check_meta(ArticleMeta(published=published)).published == published


def test_edit_by_a_person_is_logged(store: Store, article: int) -> None:
    store.update_article_metadata(article, title="Rates", language="en", outlet="The Daily", by="ann")
    [event] = store.events(f"article:{article}", viewer=OPERATOR)
    assert (event["actor"], event["action"]) == ("ann", "article metadata edited")
    assert event["details"]["outlet"] == "The Daily"


def test_edit_by_someone_without_an_account_is_refused(store: Store, article: int) -> None:
    from workbench.errors import NotAuthorized

    store.add_account("boss@example.org", "admin", by="(command line)")  # accounts now enforced
    with pytest.raises(NotAuthorized):
        store.update_article_metadata(article, title="Hijacked", language="en", by="stranger@example.org")
    assert store.article(article).title == "Rates"
