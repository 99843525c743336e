"""One ClaimFilter builds every claim query: each read keeps the same claims for the same filter, on both engines.

The world: two articles, one of them Italian; on the English one a claim split by a correction (its labelled
original is superseded), labels by two reviewers who disagree on one claim, and a third article retired.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import make_split
from workbench.exporting import export_text
from workbench.models import ReviewSettings
from workbench.store import Store
from workbench.store.accounts import OPERATOR
from workbench.store.claim_filter import CLAIMS_FROM, ClaimFilter
from workbench.store.search import ClaimFilter as SearchClaimFilter
from workbench.store.visibility import Sight

STORE = Path(__file__).resolve().parents[1] / "workbench" / "store"
TEAM = {
    "admin@news.example": "admin",
    "ann@news.example": "reviewer",
    "bob@news.example": "reviewer",
    "ed@news.example": "editor",
}
_, ANN, BOB, ED = TEAM


@pytest.fixture
def world(store: Store, article: int) -> dict[str, int]:
    """Claims by name, the articles, and a superseded claim with labels; blind review on, with accounts."""
    for email, role in TEAM.items():
        store.add_account(email, role, by=OPERATOR)
    store.set_review_settings(ReviewSettings(blind=True, reviews_per_claim=2), by=OPERATOR)
    text = "Caldo record\nLa città è più calda del 2023. Il governo non ha agito."
    parts = [
        ("heading", "Caldo record"),
        ("claim", "La città è più calda del 2023."),
        ("claim", "Il governo non ha agito."),
    ]
    italian, _ = store.add_article(make_split(text, parts, language="it"), title="Caldo")
    retired, _ = store.add_article(make_split("Old news here.", [("claim", "Old news here.")]), title="Old")
    bank, prices, nobody = [c.id for c in store.claims(article_id=article)]
    citta, governo = [c.id for c in store.claims(article_id=italian)]
    store.save_label(bank, status="verified", reviewer=ANN, source_url="https://a.example/")
    store.save_label(bank, status="disputed", reviewer=BOB, source_url="https://b.example/")
    store.save_label(prices, status="unverified", reviewer=BOB, note="before the split")
    store.save_label(citta, status="unverified", reviewer=ANN)
    first, second = store.split_segment(prices, len("Prices "), reviewer=ED)  # prices is superseded
    store.retire_article(retired, by=OPERATOR)
    return {
        "article": article,
        "italian": italian,
        "bank": bank,
        "prices": prices,
        "first": first.id,
        "second": second.id,
        "nobody": nobody,
        "citta": citta,
        "governo": governo,
    }


# name: the filter's fields (article ids by name); each combines the filters of Find, the exports and the CLI.
FILTERS = {
    "everything": {},
    "language": {"language": "it"},  # a condition on the article
    "article": {"article_id": "article"},  # on the segment
    "text": {"text": "bank"},  # full-text search: FTS5 on SQLite, a GIN index on PostgreSQL
    "text, no match": {"text": "prices fell"},  # the superseded claim's text is in no index
    "unlabelled": {"status": "unlabelled"},  # under blind review: not labelled by the viewer
    "disputed": {"status": "disputed"},
    "by bob": {"reviewer": BOB},
    "unverified by bob": {"status": "unverified", "reviewer": BOB},  # bob's label is on the superseded claim
    "disagreement": {"disagreement": True},
    "language and unlabelled": {"language": "it", "status": "unlabelled"},
}
VIEWERS = [OPERATOR, ANN, BOB, ED]


def claim_filter(world: dict[str, int], fields: dict) -> ClaimFilter:
    return ClaimFilter(**{k: world[v] if k == "article_id" else v for k, v in fields.items()})


def test_search_names_the_one_filter() -> None:
    # Callers import ClaimFilter from store.search, as they always have: it is the same class.
    assert SearchClaimFilter is ClaimFilter


def test_one_from_clause() -> None:
    # SQLite's join order for claim queries is decided in one place (claim_filter.CLAIMS_FROM).
    for path in STORE.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name not in ("claim_filter.py", "postgres_engine.py"):
            assert "CROSS JOIN" not in text, path.name
    assert "CROSS JOIN" in CLAIMS_FROM


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("name", list(FILTERS))
def test_every_read_keeps_the_same_claims(store: Store, world: dict[str, int], name: str, viewer: str) -> None:
    found = claim_filter(world, FILTERS[name])
    current = [c.id for c in store.find_claims(found, viewer=viewer)]
    assert set(current) == store.find_claim_ids(found, viewer=viewer)
    exported = [c.id for c in store.find_claims(found, viewer=viewer, superseded=True)]
    assert set(exported) == store.find_claim_ids(found, viewer=viewer, superseded=True)
    assert set(current) <= set(exported) and set(exported) - set(current) <= {world["prices"]}
    # The JSONL export's records: the filter in their own query, the same claims in the same order.
    records = [r["claim"]["id"] for r in store.segment_records(found, viewer=viewer)]
    assert records == exported
    # The long CSV's rows: one or more per claim, the claims those a search finds (superseded ones included).
    rows = [r["claim_id"] for r in store.export_rows(claim_ids=found, viewer=viewer)]
    assert list(dict.fromkeys(rows)) == exported


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("name", list(FILTERS))
def test_an_export_by_filter_equals_one_by_the_searchs_ids(
    store: Store, world: dict[str, int], name: str, viewer: str
) -> None:
    # Before one builder, the long CSV ran a search's conditions over current claims only while JSONL took
    # the search's ids over superseded claims too: a claim split after its label lost that label in one.
    found = claim_filter(world, FILTERS[name])
    ids = store.find_claim_ids(found, viewer=viewer, superseded=True)
    for article_id, status, reviewer in [
        (None, None, None),
        (world["article"], None, None),
        (None, "unlabelled", None),
    ]:
        by_filter = list(store.export_rows(article_id, status, reviewer, claim_ids=found, viewer=viewer))
        by_ids = list(store.export_rows(article_id, status, reviewer, claim_ids=ids, viewer=viewer))
        assert by_filter == by_ids
    assert list(store.segment_records(found, viewer=viewer)) == list(store.segment_records(ids, viewer=viewer))
    lines = b"".join(b"".join(batch) for batch in store.export_lines(claim_ids=found, viewer=viewer))
    assert lines == b"".join(b"".join(batch) for batch in store.export_lines(claim_ids=ids, viewer=viewer))


def test_a_language_export_keeps_a_superseded_claims_label(store: Store, world: dict[str, int]) -> None:
    # The long CSV filtered by a search keeps the claims corrections replaced, as its other filters and every
    # other format do: bob's label on "Prices fell 2%." stays, marked superseded.
    for fmt in ("csv", "jsonl", "csv-wide"):
        assert "before the split" in export_text(store, fmt, viewer=OPERATOR, language="en"), fmt
    rows = [r for r in store.export_rows(claim_ids=ClaimFilter(language="en"), viewer=OPERATOR)]
    assert [r["superseded"] != "" for r in rows if r["claim_id"] == world["prices"]] == [True]


def test_the_walks_share_scope(store: Store, world: dict[str, int]) -> None:
    english = [world[n] for n in ("bank", "first", "second", "nobody")]
    italian = [world["citta"], world["governo"]]
    assert [c.id for c in store.claims()] == english + italian  # current claims of live articles
    assert [c.id for c in store.find_claims(viewer=OPERATOR)] == english + italian
    # Stepping through them, both ways, and the queue: the same claims, the same order.
    walked, claim = [], store.claim(english[0])
    while claim is not None:
        walked.append(claim.id)
        claim = store.neighbour(claim, 1)
    assert walked == english + italian
    back, claim = [], store.claim(italian[-1])
    while claim is not None:
        back.append(claim.id)
        claim = store.neighbour(claim, -1)
    assert back == list(reversed(english + italian))
    assert [store.claim_position(store.claim(i)) for i in english] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    # Every segment of an article, every kind; a superseded claim by id, and its paragraph of current ones.
    assert [s.kind.value for s in store.segments(world["article"])] == ["heading", *["claim"] * 4, "boilerplate"]
    prices = store.claim(world["prices"])
    assert prices.superseded_at is not None
    assert [c.id for c in store.paragraph(prices)] == [s.id for s in store.segments(world["article"])]  # one paragraph


def test_the_queue_walks_the_filter(store: Store, world: dict[str, int]) -> None:
    # ann labelled bank and citta, last: her queue starts after citta and wraps round, past bank.
    order = []
    after = None
    for _ in range(4):
        claim = store.next_unlabelled(ANN, after, required=2)
        order.append(claim.id)
        after = claim
    assert order[:4] == [world["governo"], world["first"], world["second"], world["nobody"]]
    # bob's starts where his latest label was: on the claim split, whose first part took its place.
    assert store.next_unlabelled(BOB).id == world["first"]


def test_the_viewers_own_labels_need_no_second_lookup() -> None:
    # "Not labelled by me" (the queue) asks one index lookup per claim, blind or not; another reviewer's
    # labels keep the blind-review condition.
    blind = Sight(ANN, everything=False)
    own, _ = ClaimFilter(status="unlabelled", reviewer=ANN).where(blind)
    assert "mine" not in " ".join(own)
    others, params = ClaimFilter(status="unlabelled", reviewer=BOB).where(blind)
    assert "mine" in " ".join(others) and params == [BOB, ANN]
    with pytest.raises(ValueError):
        ClaimFilter(status="disputed").where()  # a label filter without the viewer's Sight


def test_the_json_of_ids_is_no_longer_needed_by_callers(store: Store, world: dict[str, int]) -> None:
    # The JSONL export of a search equals the records of the search's ids, without passing them.
    text = export_text(store, "jsonl", viewer=OPERATOR, language="it")
    ids = [json.loads(line)["claim"]["id"] for line in text.splitlines()]
    assert ids == [world["citta"], world["governo"]]
