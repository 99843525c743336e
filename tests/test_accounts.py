"""Authorization lives in the domain: the store itself refuses what an account's role does not allow."""

from __future__ import annotations

import pytest

from workbench.errors import InvalidInput, NotAuthorized, NotFound
from workbench.models import ReviewSettings, Role
from workbench.store import Store
from workbench.store.accounts import OPERATOR


@pytest.fixture
def team(store: Store, article: int) -> Store:
    """An admin, an editor and two reviewers."""
    store.add_account("admin@news.example", Role.ADMIN, by=OPERATOR)
    store.add_account("ed@news.example", Role.EDITOR, by="admin@news.example")
    for name in ("ann@news.example", "bob@news.example"):
        store.add_account(name, "reviewer", by="admin@news.example")
    return store


def claims(store: Store) -> list[int]:
    return [c.id for c in store.claims()]


def test_open_until_the_first_account(store: Store, article: int) -> None:
    # A fresh local workbench belongs to whoever runs it: anyone may label.
    store.save_label(claims(store)[0], status="unverified", reviewer="anyone")
    with pytest.raises(InvalidInput, match="first account must be an admin"):
        store.add_account("ann@news.example", "reviewer", by="anyone")
    store.add_account("admin@news.example", "admin", by="anyone")
    with pytest.raises(NotAuthorized, match="has no account"):
        store.save_label(claims(store)[0], status="unverified", reviewer="anyone")


def test_unknown_account_can_write_nothing(team: Store) -> None:
    claim = claims(team)[0]
    with pytest.raises(NotAuthorized):
        team.save_label(claim, status="unverified", reviewer="stranger@evil.example")
    with pytest.raises(NotAuthorized):
        team.split_segment(claim, 4, reviewer="stranger@evil.example")
    with pytest.raises(NotAuthorized):
        team.adjudicate(claim, status="verified", note="x", by="stranger@evil.example")
    assert team.labels(claim) == [] and team.corrections(team.claim(claim).article_id) == []


def test_reviewer_labels_only_as_themselves(team: Store) -> None:
    claim = claims(team)[0]
    team.save_label(claim, status="disputed", reviewer="bob@news.example", source_url="https://a.example")
    team.save_label(claim, status="verified", reviewer="ann@news.example", source_url="https://b.example")
    # ann's save wrote ann's label; bob's is untouched: there is no call that writes someone else's.
    assert {(label.reviewer, label.status.value) for label in team.labels(claim)} == {
        ("bob@news.example", "disputed"),
        ("ann@news.example", "verified"),
    }


@pytest.mark.parametrize(
    "actor, allowed",
    [
        ("ann@news.example", False),  # a reviewer cannot adjudicate
        ("ed@news.example", True),  # an editor can
        ("admin@news.example", True),  # an admin can do all an editor can
    ],
)
def test_only_editors_adjudicate(team: Store, actor: str, allowed: bool) -> None:
    claim = claims(team)[0]
    if allowed:
        assert team.adjudicate(claim, status="disputed", note="report contradicts it", by=actor).by == actor
    else:
        with pytest.raises(NotAuthorized, match="cannot adjudicate"):
            team.adjudicate(claim, status="disputed", note="x", by=actor)
        assert team.verdict(claim) is None


@pytest.mark.parametrize("actor", ["ann@news.example", "ed@news.example"])
def test_only_admins_delete_manage_and_configure(team: Store, actor: str, article: int) -> None:
    with pytest.raises(NotAuthorized):
        team.delete_article(article, by=actor)
    with pytest.raises(NotAuthorized):
        team.add_account("new@news.example", "reviewer", by=actor)
    with pytest.raises(NotAuthorized):
        team.remove_account("bob@news.example", by=actor)
    with pytest.raises(NotAuthorized):
        team.set_review_settings(ReviewSettings(blind=False, reviews_per_claim=3), by=actor)
    assert team.articles() and team.account("bob@news.example") is not None


def test_admin_retires_and_what_people_said_stays(team: Store, article: int) -> None:
    claim = claims(team)[0]
    team.save_label(claim, status="unverified", reviewer="ann@news.example")
    team.adjudicate(claim, status="unverified", note="nothing found", by="ed@news.example")
    team.retire_article(article, by="admin@news.example")
    # Gone from every list, queue, count and export...
    assert team.articles() == [] and team.article_titles() == {} and team.article_count() == 0
    assert list(team.claims()) == [] and team.next_unlabelled("bob@news.example") is None
    assert team.progress() == (0, 0) and team.progress("ann@news.example") == (0, 0)
    assert list(team.disagreements()) == [] and team.label_counts() == []
    assert list(team.export_rows()) == [] and list(team.segment_records()) == []
    # ...but the label, the verdict and their history stay, and the retirement is an event.
    assert [label.reviewer for label in team.labels(claim)] == ["ann@news.example"]
    assert team.verdict(claim) is not None
    assert team.history(claim)[0]["new_status"] == "unverified"
    retired = team.events(f"article:{article}")[0]
    assert (retired["actor"], retired["action"]) == ("admin@news.example", "article retired")
    with pytest.raises(NotFound):
        team.retire_article(article, by="admin@news.example")  # once


def test_last_admin_stays(team: Store) -> None:
    with pytest.raises(InvalidInput, match="last admin"):
        team.remove_account("admin@news.example", by="admin@news.example")


def test_account_changes_are_logged(team: Store) -> None:
    team.add_account("bob@news.example", "editor", by="admin@news.example")
    team.remove_account("ann@news.example", by=OPERATOR)
    actions = [(e["actor"], e["action"], e["subject"]) for e in team.events()]
    assert ("admin@news.example", "role changed", "account:bob@news.example") in actions
    assert (OPERATOR, "account removed", "account:ann@news.example") in actions


def test_blind_review(team: Store) -> None:
    claim = claims(team)[0]
    team.save_label(claim, status="disputed", reviewer="bob@news.example", source_url="https://a.example")
    assert team.visible_labels(claim, "ann@news.example") == []  # ann hasn't labelled yet
    assert len(team.visible_labels(claim, "ed@news.example")) == 1  # editors see all
    team.save_label(claim, status="unverified", reviewer="ann@news.example")
    assert len(team.visible_labels(claim, "ann@news.example")) == 2
    team.set_review_settings(ReviewSettings(blind=False, reviews_per_claim=1), by="admin@news.example")
    assert len(team.visible_labels(claim, "bob@news.example")) == 2


def test_queue_serves_claims_needing_reviews_first(team: Store) -> None:
    first, second, third = claims(team)
    team.set_review_settings(ReviewSettings(blind=True, reviews_per_claim=2), by="admin@news.example")
    team.save_label(first, status="unverified", reviewer="bob@news.example")
    team.save_label(first, status="unverified", reviewer="ed@news.example")
    team.save_label(second, status="unverified", reviewer="bob@news.example")
    # first has its two reviews; second and third still need some: ann gets second before first.
    assert team.next_unlabelled("ann@news.example").id == second
    team.save_label(second, status="unverified", reviewer="ann@news.example")
    assert team.next_unlabelled("ann@news.example").id == third
    team.save_label(third, status="unverified", reviewer="ann@news.example")
    assert team.next_unlabelled("ann@news.example").id == first


def test_settings_bounds(team: Store) -> None:
    with pytest.raises(InvalidInput):
        team.set_review_settings(ReviewSettings(blind=True, reviews_per_claim=0), by="admin@news.example")
    assert team.review_settings() == ReviewSettings(blind=True, reviews_per_claim=1)


def test_disagreements_and_ratings(team: Store) -> None:
    first, second, _ = claims(team)
    team.save_label(first, status="disputed", reviewer="bob@news.example", source_url="https://a.example")
    team.save_label(first, status="verified", reviewer="ann@news.example", source_url="https://a.example")
    team.save_label(second, status="unverified", reviewer="bob@news.example")
    team.save_label(second, status="unverified", reviewer="ann@news.example")
    assert list(team.disagreements()) == [first]
    ratings, articles = team.ratings()
    assert ratings[first] == {"bob@news.example": "disputed", "ann@news.example": "verified"}
    assert set(articles.values()) == {team.claim(first).article_id}


def test_claim_of_a_deleted_article_cannot_be_labelled(team: Store, article: int) -> None:
    claim = claims(team)[0]
    team.delete_article(article, by="admin@news.example")
    with pytest.raises(NotFound):
        team.save_label(claim, status="unverified", reviewer="ann@news.example")
