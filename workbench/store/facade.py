"""The Store: the workbench's domain as one object, composed of small parts that each receive the Database.

Each part (accounts.py, labels.py, verdicts.py, …) is handed the engine's Database and, by name, the few
parts it asks: Accounts for who may act, Visibility for what a viewer may see, Claims for segments and their
lineage. None inherits another, so what a part depends on is in its constructor, and policy is written once:
every path that reaches a label (page, command line, export, restore, Python API) goes through the part
that decides it.

The Store builds the parts once per open and puts their public methods on one face, so callers write
`store.save_label(...)`. A part's methods that work inside a caller's open transaction (`revise_in`) stay
off the face; so do the module functions that read without asking who is looking (`read_label`).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_type_hints

from .accounts import Accounts
from .articles import Articles
from .claims import Claims
from .connection import Database, Meta, open_database
from .corrections import Corrections
from .labels import Labels
from .links import Links
from .matches import Matches
from .metadata import ArticleMetadata
from .queue import ReviewQueue
from .reading import Reading
from .records import Records
from .revisions import Revisions
from .search import Search
from .undo import Undo
from .verdicts import Verdicts
from .visibility import Visibility


@dataclass(frozen=True)
class Parts:
    """One store's parts, each built on the same Database (one connection, for one thread)."""

    meta: Meta
    accounts: Accounts
    visibility: Visibility
    claims: Claims
    reading: Reading
    search: Search
    queue: ReviewQueue
    labels: Labels
    undo: Undo
    verdicts: Verdicts
    links: Links
    revisions: Revisions
    articles: Articles
    metadata: ArticleMetadata
    corrections: Corrections
    records: Records
    matches: Matches

    @classmethod
    def on(cls, database: Database) -> Parts:
        accounts = Accounts(database)
        visibility = Visibility(database, accounts)
        claims = Claims(database)
        labels = Labels(database, visibility)
        verdicts = Verdicts(database, accounts, visibility, claims, labels)
        revisions = Revisions(database, accounts)
        articles = Articles(database, revisions)
        return cls(
            meta=Meta(database),
            accounts=accounts,
            visibility=visibility,
            claims=claims,
            reading=Reading(database),
            search=Search(database, visibility),
            queue=ReviewQueue(database, accounts),
            labels=labels,
            undo=Undo(database, accounts),
            verdicts=verdicts,
            links=Links(database, visibility),
            revisions=revisions,
            articles=articles,
            metadata=ArticleMetadata(database, accounts),
            corrections=Corrections(database, accounts, claims),
            records=Records(database, accounts, visibility, claims),
            matches=Matches(database, accounts, visibility, claims, verdicts, articles),
        )


# The Store's face: which part answers each public method. A name is on the face only if listed here.
FACE: dict[str, tuple[str, ...]] = {
    "meta": ("meta", "set_meta"),
    "accounts": (
        "accounts_enforced",
        "account",
        "accounts",
        "require",
        "can",
        "add_account",
        "put_account",
        "remove_account",
        "review_settings",
        "set_review_settings",
        "retire_article",
        "delete_article",
    ),
    "visibility": ("sight", "sees_everything", "can_see_all", "sees_claim", "lineage_sight", "events"),
    "claims": (
        "segments",
        "claim",
        "claims",
        "neighbour",
        "claim_position",
        "paragraph",
        "ancestors",
        "successors",
        "current_successor",
        "article_retired",
    ),
    "reading": ("own_statuses", "paragraphs_around"),
    "search": ("find_claims", "find_claim_ids"),
    "queue": ("next_unlabelled",),
    "labels": (
        "save_label",
        "label",
        "labels",
        "history",
        "reviewers",
        "progress",
        "article_progress",
        "export_rows",
        "export_lines",
    ),
    "undo": ("undo_label",),
    "verdicts": (
        "visible_labels",
        "others_labels",
        "disagreements",
        "adjudication_queue",
        "adjudicate",
        "ratings",
        "label_counts",
        "verdict",
        "claim_history",
        "earlier_labels",
    ),
    "links": ("record_link_check", "link_checks", "link_states", "link_summary", "track_all_links", "links_due"),
    "articles": (
        "add_article",
        "add_articles",
        "import_articles",
        "article",
        "article_titles",
        "article_title",
        "article_count",
        "articles",
    ),
    "revisions": (
        "current_revision",
        "revisions",
        "revision_text",
        "revision_marks",
        "revision_columns",
        "revise_article",
    ),
    "metadata": ("article_meta", "update_article_metadata"),
    "corrections": ("split_segment", "merge_with_next", "set_kind", "corrections"),
    "records": ("segment_records", "restore_article", "log_restore", "final_verdicts"),
    "matches": (
        "embeddings_missing",
        "fill_embeddings",
        "similar",
        "decide_match",
        "cluster_of",
        "cluster_members",
        "cluster_ids",
        "match_history",
        "suggestion",
        "cluster_conflicts",
        "cluster_conflict_count",
        "cluster_appearances",
    ),
}


class Store:
    """The workbench database through one connection; open one per thread or page run, never share it.

    `Store(path or URL)` opens (creating and migrating) the database; `Store(database)` builds on an open
    Database. The domain's methods are listed in FACE, each answered by one of `store.parts`."""

    def __init__(self, path: str | os.PathLike[str] | Database, *, busy_timeout_ms: int | None = None) -> None:
        self.database: Database = (
            path if hasattr(path, "engine") else open_database(path, busy_timeout_ms=busy_timeout_ms)  # type: ignore[arg-type]
        )
        self.parts = Parts.on(self.database)
        self.path = self.database.path
        self.conn = self.database.conn
        self.created = self.database.created

    @property
    def engine(self) -> str:
        return self.database.engine

    @property
    def db(self) -> Any:
        """Queries read back as dicts: `store.db.query(sql, params)` (tests and the benchmarks)."""
        return self.database.db

    def write(self, *, claim: int | None = None) -> AbstractContextManager[Any]:
        """One write transaction (see the engine's write() for how writers queue); yields the connection."""
        return self.database.write(claim=claim)

    def backup(self, destination: Path) -> None:
        self.database.backup(destination)

    def close(self) -> None:
        self.database.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _through(part: str, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def through(self: Store, *args: Any, **kwargs: Any) -> Any:
        return getattr(getattr(self.parts, part), name)(*args, **kwargs)

    return through


def _put_face() -> None:
    classes = get_type_hints(Parts)
    for part, names in FACE.items():
        for name in names:
            if hasattr(Store, name):
                raise TypeError(f"Store.{name} is answered twice")
            method = getattr(classes[part], name)  # AttributeError here: FACE names a method its part lacks
            setattr(Store, name, _through(part, name, method))


_put_face()
