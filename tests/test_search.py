"""Finding claims: FTS5 kept in sync by triggers, diacritics-insensitive, safe for any input, with filters."""

from __future__ import annotations

import pytest

from tests.conftest import make_split
from workbench.errors import InvalidInput
from workbench.store import Store
from workbench.store.accounts import OPERATOR
from workbench.store.search import ClaimFilter, fts_query


@pytest.fixture
def two_articles(store: Store, article: int) -> tuple[int, int]:
    """The English fixture article, and an Italian one with accents."""
    text = "Città più calda\nLa città è più calda del 2023. Il governo non ha agito. Condividi"
    split = make_split(
        text,
        [
            ("heading", "Città più calda"),
            ("claim", "La città è più calda del 2023."),
            ("claim", "Il governo non ha agito."),
            ("boilerplate", "Condividi"),
        ],
        language="it",
    )
    italian, _ = store.add_article(split, title="Caldo")
    return article, italian


def texts(store: Store, **filters: object) -> list[str]:
    return [c.text for c in store.find_claims(ClaimFilter(**filters), viewer=OPERATOR)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("bank", ["The bank raised rates."]),  # one word
        ("BANK", ["The bank raised rates."]),  # case does not matter
        ("citta", ["La città è più calda del 2023."]),  # no accent typed, accented text found
        ("città PIÙ", ["La città è più calda del 2023."]),  # accents typed, every word required
        ("ris", []),  # a prefix of a word in the heading only ("rise"): headings are not claims
        ("rai", ["The bank raised rates."]),  # words match by prefix, as a search box does
        ("bank nobody", []),  # all words must be in the same claim
        ("Condividi", []),  # boilerplate is never indexed
        ("rise", []),  # nor are headings
    ],
)
def test_text_search(store: Store, two_articles: tuple[int, int], query: str, expected: list[str]) -> None:
    assert texts(store, text=query) == expected


@pytest.mark.parametrize(
    "query",
    [
        '"',  # a lone quote would open an unterminated string
        "AND (",  # an operator and an open parenthesis
        "NEAR(bank rates, 2)",  # FTS5 function syntax
        "text:bank",  # a column filter
        "*",  # a bare prefix operator
        "bank OR",  # a dangling operator
        "^bank",  # initial-token syntax
        '""""',  # quotes only
    ],
)
def test_search_syntax_never_errors(store: Store, two_articles: tuple[int, int], query: str) -> None:
    store.find_claims(ClaimFilter(text=query), viewer=OPERATOR)  # must not raise


def test_operators_are_plain_words(store: Store, two_articles: tuple[int, int]) -> None:
    # "OR" quoted is a word to find, not an operator: "bank OR governo" finds nothing (no claim has both and "or").
    assert texts(store, text="bank OR governo") == []
    assert fts_query('say "no" AND (') == '"say"* """no"""* "AND"* "("*'


def indexed(store: Store) -> dict[int, str]:
    """What the full-text index holds: FTS5's table on SQLite (kept by triggers); on PostgreSQL the rows its
    partial expression index covers, by the index's own condition."""
    if store.engine == "sqlite":
        return dict(store.conn.execute("SELECT rowid, text FROM claims_fts").fetchall())
    condition = store.conn.execute(
        "SELECT pg_get_expr(indpred, indrelid) FROM pg_index WHERE indexrelid = 'claims_fts'::regclass"
    ).fetchone()[0]
    return dict(store.conn.execute(f"SELECT id, text FROM segments WHERE {condition}").fetchall())


def test_triggers_follow_corrections(store: Store, article: int) -> None:
    claim = store.segments(article)[2]  # "Prices fell 2%."
    first, second = store.split_segment(claim.id, len("Prices "), reviewer="ann")
    assert [c.id for c in store.find_claims(ClaimFilter(text="prices"), viewer=OPERATOR)] == [first.id]
    assert [c.id for c in store.find_claims(ClaimFilter(text="fell"), viewer=OPERATOR)] == [second.id]
    merged = store.merge_with_next(first.id, reviewer="ann")
    assert [c.id for c in store.find_claims(ClaimFilter(text="prices fell"), viewer=OPERATOR)] == [merged.id]
    store.set_kind(merged.id, "boilerplate", reviewer="ann")  # no longer a claim: out of the index
    assert texts(store, text="prices") == []
    store.set_kind(merged.id, "claim", reviewer="ann")  # back again
    assert texts(store, text="prices") == ["Prices fell 2%."]
    heading = store.segments(article)[0]
    store.set_kind(heading.id, "claim", reviewer="ann")  # a heading made a claim becomes searchable
    assert texts(store, text="again") == ["Rates rise again"]
    assert len(indexed(store)) == len(list(store.claims()))


def test_a_retired_article_leaves_the_search(store: Store, two_articles: tuple[int, int]) -> None:
    # Retired, not deleted (m008): its claims stay in the database and the index, and Find skips them.
    english, italian = two_articles
    assert texts(store, text="citta") == ["La città è più calda del 2023."]
    store.retire_article(italian, by="(command line)")
    assert texts(store, text="citta") == [] and texts(store, language="it") == []
    assert [c.article_id for c in store.find_claims(viewer=OPERATOR)] == [english] * 3
    assert len(indexed(store)) == 5


def test_index_matches_the_claims_after_many_edits(store: Store, article: int) -> None:
    # Whatever the edits, claims_fts holds exactly the claims, with their current text.
    for segment in list(store.segments(article)):
        if segment.kind.value == "claim" and " " in segment.text:
            store.split_segment(segment.id, segment.text.index(" ") + 1, reviewer="ann")
    first = store.segments(article)[1]
    store.merge_with_next(first.id, reviewer="ann")
    assert indexed(store) == {c.id: c.text for c in store.claims()}


def test_filters(store: Store, two_articles: tuple[int, int]) -> None:
    english, italian = two_articles
    bank, prices, nobody = [c.id for c in store.claims(article_id=english)]
    store.save_label(bank, status="verified", reviewer="ann", source_url="https://a.example/")
    store.save_label(bank, status="disputed", reviewer="bob", source_url="https://b.example/")
    store.save_label(prices, status="unverified", reviewer="ann")
    store.save_label(prices, status="unverified", reviewer="bob")
    cases = [
        ({"language": "it"}, ["La città è più calda del 2023.", "Il governo non ha agito."]),  # by language
        ({"article_id": english, "status": "unlabelled"}, ["Nobody saw it coming."]),  # nobody labelled it
        ({"status": "disputed"}, ["The bank raised rates."]),  # someone said disputed
        ({"status": "verified", "reviewer": "bob"}, []),  # bob did not say verified
        ({"reviewer": "bob"}, ["The bank raised rates.", "Prices fell 2%."]),  # everything bob labelled
        ({"disagreement": True}, ["The bank raised rates."]),  # two statuses on one claim; equal ones don't count
        ({"disagreement": True, "text": "prices"}, []),  # filters combine
    ]
    for filters, expected in cases:
        assert texts(store, **filters) == expected, filters
    assert nobody in store.find_claim_ids(ClaimFilter(status="unlabelled"), viewer=OPERATOR)


@pytest.mark.parametrize(
    "filters",
    [
        {"language": "klingon"},  # not a language we know
        {"status": "maybe"},  # not a status
        {"text": "x" * 501},  # longer than a search box needs
    ],
)
def test_bad_filters_are_refused(store: Store, filters: dict) -> None:
    with pytest.raises(InvalidInput):
        store.find_claims(ClaimFilter(**filters), viewer=OPERATOR)


def test_claim_labels_view(store: Store, article: int) -> None:
    bank = next(store.claims()).id
    store.save_label(bank, status="verified", reviewer="ann", source_url="https://a.example/")
    store.save_label(bank, status="disputed", reviewer="bob", source_url="https://b.example/", note="old data")
    rows = list(store.db.query("SELECT * FROM claim_labels ORDER BY reviewer"))
    assert [(r["reviewer"], r["status"], r["claim_text"]) for r in rows] == [
        ("ann", "verified", "The bank raised rates."),
        ("bob", "disputed", "The bank raised rates."),
    ]
    assert rows[1]["note"] == "old data" and rows[1]["article_title"] == "Rates"
    assert rows[0]["article_text"] == store.article(article).text
    assert rows[0]["claim_id"] == bank and rows[0]["article_id"] == article
    if store.engine == "sqlite":
        assert "claim_labels" in store.db.view_names()
