"""Authorization lives in the domain: the store itself refuses what an account's role does not allow."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.errors import InvalidInput, NotAuthorized, NotFound
from workbench.migrations import MIGRATIONS
from workbench.models import ReviewSettings, Role
from workbench.rules import check_reviewer
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
    assert team.labels(claim, viewer=OPERATOR) == [] and team.corrections(team.claim(claim).article_id) == []


def test_a_stranger_learns_nothing_about_claims_from_a_refused_save(team: Store) -> None:
    # The account is checked before the claim (both in the save's first query): the refusal is the same for a
    # claim that exists, one that does not and a heading, so ids can't be probed without an account.
    headings = [s.id for s in team.segments(team.claim(claims(team)[0]).article_id) if s.kind.value != "claim"]
    for claim in (claims(team)[0], 10**9, *headings[:1]):
        with pytest.raises(NotAuthorized, match="has no account"):
            team.save_label(claim, status="unverified", reviewer="stranger@evil.example")
    with pytest.raises(NotFound):
        team.save_label(10**9, status="unverified", reviewer="ann@news.example")
    # An account's name is matched in any case, in the save's own query too.
    label = team.save_label(
        claims(team)[0], status="verified", reviewer="Ann@News.Example", source_url="https://a.example"
    )
    assert label.reviewer == "ann@news.example"


def test_reviewer_labels_only_as_themselves(team: Store) -> None:
    claim = claims(team)[0]
    team.save_label(claim, status="disputed", reviewer="bob@news.example", source_url="https://a.example")
    team.save_label(claim, status="verified", reviewer="ann@news.example", source_url="https://b.example")
    # ann's save wrote ann's label; bob's is untouched: there is no call that writes someone else's.
    assert {(label.reviewer, label.status.value) for label in team.labels(claim, viewer=OPERATOR)} == {
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
        assert team.verdict(claim, viewer=OPERATOR) is None


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
    assert list(team.disagreements(viewer=OPERATOR)) == [] and team.label_counts(viewer=OPERATOR) == []
    assert list(team.export_rows(viewer=OPERATOR)) == [] and list(team.segment_records(viewer=OPERATOR)) == []
    # ...but the label, the verdict and their history stay, and the retirement is an event.
    assert [label.reviewer for label in team.labels(claim, viewer=OPERATOR)] == ["ann@news.example"]
    assert team.verdict(claim, viewer=OPERATOR) is not None
    assert team.history(claim, viewer=OPERATOR)[0]["new_status"] == "unverified"
    retired = team.events(f"article:{article}", viewer=OPERATOR)[0]
    assert (retired["actor"], retired["action"]) == ("admin@news.example", "article retired")
    with pytest.raises(NotFound):
        team.retire_article(article, by="admin@news.example")  # once


def test_last_admin_stays(team: Store) -> None:
    with pytest.raises(InvalidInput, match="last admin"):
        team.remove_account("admin@news.example", by="admin@news.example")


def test_account_changes_are_logged(team: Store) -> None:
    team.add_account("bob@news.example", "editor", by="admin@news.example")
    team.remove_account("ann@news.example", by=OPERATOR)
    actions = [(e["actor"], e["action"], e["subject"]) for e in team.events(viewer=OPERATOR)]
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
    assert list(team.disagreements(viewer=OPERATOR)) == [first]
    ratings, articles = team.ratings(viewer=OPERATOR)
    assert ratings[first] == {"bob@news.example": "disputed", "ann@news.example": "verified"}
    assert set(articles.values()) == {team.claim(first).article_id}


def test_claim_of_a_deleted_article_cannot_be_labelled(team: Store, article: int) -> None:
    claim = claims(team)[0]
    team.delete_article(article, by="admin@news.example")
    with pytest.raises(NotFound):
        team.save_label(claim, status="unverified", reviewer="ann@news.example")


# -- issue 12, finding 7: one person, one account -----------------------------------------------------

_LOCAL = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789._-", min_size=1, max_size=12).filter(
    lambda s: s[0].isalnum()
)


def _variant(draw: st.DrawFn, email: str) -> str:
    """The same address as a person might type it: any letter's case flipped, full-width letters, blanks around."""
    chars = []
    for ch in email:
        form = draw(st.sampled_from(["same", "upper", "wide"])) if ch.isalpha() else "same"
        chars.append(ch.upper() if form == "upper" else chr(ord(ch) + 0xFEE0) if form == "wide" else ch)
    return draw(st.sampled_from(["", " ", "\t"])) + "".join(chars) + draw(st.sampled_from(["", " ", "\n"]))


@st.composite
def _spellings(draw: st.DrawFn) -> tuple[str, str, str]:
    email = f"{draw(_LOCAL)}@{draw(_LOCAL)}.org"
    return email, _variant(draw, email), _variant(draw, email)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spellings=_spellings())
def test_an_address_is_one_account_in_any_case_or_form(store: Store, spellings: tuple[str, str, str]) -> None:
    email, added, signed_in = spellings
    admin = store.account("boss@news.example") or store.add_account("boss@news.example", "admin", by=OPERATOR)
    if store.account(email):
        store.remove_account(email, by=OPERATOR)
    account = store.add_account(added, "reviewer", by=admin.email)
    assert account.email == email  # stored trimmed, NFKC, case-folded
    assert store.account(signed_in) == account  # a sign-in whose case or form differs finds it
    again, before = store.put_account(signed_in, "editor", by=admin.email)
    assert again.email == email and before is Role.REVIEWER  # the same account changed, no second one
    assert [a.email for a in store.accounts()].count(email) == 1


# Characters that make two names look alike on screen: zero-width, joiners, bidi marks, embeddings,
# overrides, isolates, the BOM, controls, line and paragraph separators.
_INVISIBLE = st.characters(categories=["Cc", "Cf", "Zl", "Zp"])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(char=_INVISIBLE, where=st.integers(1, 9))
def test_invisible_characters_are_refused_in_addresses_and_names(store: Store, char: str, where: int) -> None:
    email = "admin@x.org"
    hidden = email[:where] + char + email[where:]
    with pytest.raises(InvalidInput):
        store.add_account(hidden, "admin", by=OPERATOR)
    with pytest.raises(InvalidInput):
        check_reviewer("Ann" + char + "Writer")
    assert store.accounts() == []


@pytest.mark.parametrize(
    "email",
    [
        "not an email",  # no @ at all
        "ann",  # a bare name: accounts are addresses, sign-in matches on them
        "ann@",  # no domain
        "ann@localhost",  # no dot in the domain
        "a b@x.org",  # a space inside
    ],
)
def test_accounts_must_be_email_addresses(store: Store, email: str) -> None:
    with pytest.raises(InvalidInput, match="e-mail address"):
        store.add_account(email, "admin", by=OPERATOR)
    assert store.accounts() == []


def test_last_admin_is_neither_demoted_nor_removed(team: Store) -> None:
    for attempt in (
        lambda: team.add_account("ADMIN@news.example", "editor", by=OPERATOR),
        lambda: team.add_account("admin@news.example", "reviewer", by="admin@news.example"),
        lambda: team.remove_account("Admin@News.Example", by=OPERATOR),
    ):
        with pytest.raises(InvalidInput, match="last admin"):
            attempt()
    assert team.account("admin@news.example").role is Role.ADMIN
    team.add_account("ed@news.example", "admin", by="admin@news.example")  # a second admin...
    team.add_account("admin@news.example", "reviewer", by="ed@news.example")  # ...lets the first step down
    with pytest.raises(InvalidInput, match="last admin"):
        team.add_account("ed@news.example", "editor", by="ed@news.example")
    assert [a.email for a in team.accounts() if a.role is Role.ADMIN] == ["ed@news.example"]


def test_users_add_says_when_it_changes_a_role(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    from workbench.cli import main

    assert main(["users", "add", "Boss@Example.ORG", "--role", "admin"]) == 0
    assert main(["users", "add", "ann@example.org", "--role", "reviewer"]) == 0
    capsys.readouterr()
    assert main(["users", "add", " ANN@example.org", "--role", "editor"]) == 0
    out, err = capsys.readouterr()
    assert out == "ann@example.org\teditor\n"
    assert err == "workbench: ann@example.org: changed role from reviewer to editor\n"
    assert main(["users", "add", "boss@example.org", "--role", "reviewer"]) == 1  # the last admin stays
    assert "last admin" in capsys.readouterr().err
    assert main(["users", "add", "not an email", "--role", "reviewer"]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_migration_normalises_existing_accounts_and_their_labels(tmp_path: Path) -> None:
    # A database from before normalisation: one person under two spellings, one a hidden look-alike.
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at TEXT)")
    before = [(name, fn) for name, fn in MIGRATIONS if name < "m012"]
    for name, fn in before:
        fn(conn)
        conn.execute("INSERT INTO migrations (name, applied_at) VALUES (?, 'then')", (name,))
    conn.executemany(
        "INSERT INTO accounts (email, role, created_at) VALUES (?, ?, ?)",
        [
            ("Mixed@Example.ORG", "admin", "2024-01-02"),
            ("mixed@example.org", "reviewer", "2024-01-01"),
            (" Ann@Example.org", "reviewer", "2024-01-03"),
            ("ad\u200bmin@example.org", "reviewer", "2024-01-04"),
        ],
    )
    conn.execute(
        "INSERT INTO articles (id, title, language, text, sha256, imported_at) VALUES (1, 't', 'en', 'x', 'h', 'n')"
    )
    conn.executemany(
        "INSERT INTO segments (id, article_id, idx, kind, text, start, \"end\", paragraph) VALUES (?, 1, ?, 'claim', 'c', 0, 1, 0)",
        [(1, 0), (2, 1)],
    )
    conn.executemany(
        "INSERT INTO labels (segment_id, reviewer, status, created_at, updated_at) VALUES (?, ?, 'unverified', 'n', 'n')",
        [(1, "Mixed@Example.ORG"), (2, "Mixed@Example.ORG"), (2, "mixed@example.org"), (1, " Ann@Example.org")],
    )
    conn.close()
    with Store(path) as store:
        assert {(a.email, a.role.value, a.created_at) for a in store.accounts()} == {
            ("mixed@example.org", "admin", "2024-01-01"),  # one account: the higher role, the earlier date
            ("ann@example.org", "reviewer", "2024-01-03"),
            ("ad\u200bmin@example.org", "reviewer", "2024-01-04"),  # left as it was, never merged into another
        }
        labels = sorted((label.claim_id, label.reviewer) for c in (1, 2) for label in store.labels(c, viewer=OPERATOR))
        assert labels == [
            (1, "ann@example.org"),
            (1, "mixed@example.org"),
            (2, "Mixed@Example.ORG"),  # its normal name already labelled claim 2: both labels stay
            (2, "mixed@example.org"),
        ]
        # The per-reviewer counters follow the new names.
        assert [store.progress(name)[0] for name in ("mixed@example.org", "Mixed@Example.ORG", "ann@example.org")] == [
            2,
            1,
            1,
        ]
        assert {e["action"] for e in store.events(viewer=OPERATOR)} == {"account normalised"}
