"""The store is composed, not inherited: parts that receive a Database and the parts they ask, under one face.

These hold the design the rest of the suite relies on: every public method a part offers is on the Store's
face (or deliberately off it, working inside a caller's transaction), no part inherits another, and a part
built on its own with only its declared collaborators keeps the same rules as the whole Store.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import get_type_hints

import pytest

from tests.conftest import make_split
from workbench.errors import NotAuthorized
from workbench.metadata import ArticleMeta
from workbench.models import Role, Status
from workbench.store import Store
from workbench.store.accounts import Accounts
from workbench.store.articles import Articles
from workbench.store.connection import open_database
from workbench.store.facade import FACE, Parts
from workbench.store.labels import Labels
from workbench.store.revisions import Revisions
from workbench.store.visibility import Visibility

ADMIN, ANN, BOB = "admin@news.example", "ann@news.example", "bob@news.example"


def _offered(kind: type) -> set[str]:
    """A part's public methods, less those that work inside a caller's transaction (their first argument,
    after self, is its connection)."""
    offered = set()
    for name, method in inspect.getmembers(kind, inspect.isfunction):
        parameters = [p for p in inspect.signature(method).parameters if p != "self"]
        if not name.startswith("_") and parameters[:1] != ["conn"]:
            offered.add(name)
    return offered


def test_every_public_method_of_every_part_is_on_the_face_once() -> None:
    parts = get_type_hints(Parts)
    assert set(FACE) == set(parts)
    for name, kind in parts.items():
        assert _offered(kind) == set(FACE[name]), name
        for method in FACE[name]:
            assert getattr(Store, method).__wrapped__ is getattr(kind, method)
    listed = [method for names in FACE.values() for method in names]
    assert len(listed) == len(set(listed))


def test_no_part_inherits_another() -> None:
    for kind in get_type_hints(Parts).values():
        assert kind.__bases__ == (object,), kind.__name__
    assert Store.__bases__ == (object,)


def test_the_parts_of_one_store_share_its_one_database(store: Store) -> None:
    for name in get_type_hints(Parts):
        part = getattr(store.parts, name)
        assert part.database is store.database, name


def test_a_part_built_alone_keeps_the_store_s_rules(db_path: Path) -> None:
    """Labels with only its Visibility (and that with only its Accounts): blind review and the account check
    hold as they do through the Store, so no rule lives in the face."""
    with Store(db_path) as store:
        store.add_account(ADMIN, Role.ADMIN, by="first")
        store.add_account(ANN, Role.REVIEWER, by=ADMIN)
        store.add_account(BOB, Role.REVIEWER, by=ADMIN)
        article = store.add_article(make_split("A. B.", [("claim", "A."), ("claim", "B.")]), title="t", by=ADMIN)[0]
        first, second = (c.id for c in store.segments(article))
    database = open_database(db_path)
    try:
        labels = Labels(database, Visibility(database, Accounts(database)))
        labels.save_label(first, status="verified", reviewer=ANN, source_url="https://a.example/")
        assert labels.labels(first, viewer=BOB) == []  # blind review: Bob has not labelled it
        assert [label.reviewer for label in labels.labels(first, viewer=ADMIN)] == [ANN]
        with pytest.raises(NotAuthorized):
            labels.save_label(second, status="unverified", reviewer="stranger@news.example")
        labels.save_label(first, status=Status.UNVERIFIED, reviewer=BOB)
        assert {label.reviewer for label in labels.labels(first, viewer=BOB)} == {ANN, BOB}
    finally:
        database.close()


def test_articles_revise_through_the_revisions_part_they_were_given(db_path: Path) -> None:
    """Articles receives Revisions; an import under the URL of a live article becomes its next revision,
    checked by Revisions' own account rule."""
    database = open_database(db_path)
    try:
        articles = Articles(database, Revisions(database, Accounts(database)))
        meta = ArticleMeta(url="https://news.example/story")
        one = make_split("Rates rose. Prices fell.", [("claim", "Rates rose."), ("claim", "Prices fell.")])
        two = make_split("Rates rose. Prices rose.", [("claim", "Rates rose."), ("claim", "Prices rose.")])
        first, created = articles.add_article(one, title="Story", meta=meta)
        again, created_again = articles.add_article(two, title="Story", meta=meta)
        assert created and not created_again and again == first
        assert articles._revisions.current_revision(first) == 2
    finally:
        database.close()
