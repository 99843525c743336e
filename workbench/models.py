"""Domain values: label statuses, segment kinds, and the frozen records passed between modules."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Status(str, Enum):
    """A reviewer's verdict on one claim."""

    VERIFIED = "verified"
    UNVERIFIED = "unverified"
    DISPUTED = "disputed"

    @property
    def needs_source(self) -> bool:
        # A verdict either way needs its evidence; "unverified" means none was found.
        return self is not Status.UNVERIFIED


class SegmentKind(str, Enum):
    CLAIM = "claim"
    HEADING = "heading"
    BOILERPLATE = "boilerplate"


SUPPORTED_LANGUAGES: tuple[str, ...] = ("it", "pt", "en", "es", "fr", "de")
# The generic pipeline for text in none of the supported languages.
GENERIC_LANGUAGE = "xx"


@dataclass(frozen=True)
class Segment:
    """One piece of an article: `text == article_text[start:end]`."""

    index: int
    kind: SegmentKind
    text: str
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Split:
    """An article split into segments; `text` is the normalised text the offsets index."""

    text: str
    language: str
    detected_language: str | None
    segments: tuple[Segment, ...]

    @property
    def claims(self) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if s.kind is SegmentKind.CLAIM)


@dataclass(frozen=True)
class Article:
    id: int
    title: str
    language: str
    text: str
    sha256: str
    source_name: str
    imported_at: str


@dataclass(frozen=True)
class ArticleSummary:
    """An article with its review progress, for lists."""

    id: int
    title: str
    language: str
    imported_at: str
    claims: int
    labelled: int  # claims with at least one label
    revision: int = 1  # the current text's revision (store/revisions.py)


@dataclass(frozen=True)
class Claim:
    """A stored segment; despite the name it may be a heading or boilerplate (see `kind`)."""

    id: int
    article_id: int
    index: int
    kind: SegmentKind
    text: str
    start: int
    end: int
    paragraph: int
    language: str
    # When a split or merge replaced it (ISO 8601); None while it is current. A superseded segment keeps
    # its labels and verdict; queues, search and progress count current segments only.
    superseded_at: str | None = None


@dataclass(frozen=True)
class Label:
    claim_id: int
    reviewer: str
    status: Status
    source_url: str
    note: str
    created_at: str
    updated_at: str
    version: int
    archive_url: str = ""  # an archived copy of the source (Wayback Machine, archive.today, perma.cc), if given


class Role(str, Enum):
    """What an account may do: reviewers label, editors also adjudicate, admins also run the workbench."""

    REVIEWER = "reviewer"
    EDITOR = "editor"
    ADMIN = "admin"


@dataclass(frozen=True)
class Account:
    """A person who may use the workbench: `email` is their identity (a plain name in local mode)."""

    email: str
    role: Role
    created_at: str


@dataclass(frozen=True)
class ReviewSettings:
    blind: bool  # hide other reviewers' labels from a reviewer until they have labelled the claim
    reviews_per_claim: int  # how many reviewers should label each claim
    suggestions_first: bool = False  # the queue serves claims whose confirmed twins were labelled first (issue 14)


@dataclass(frozen=True)
class Verdict:
    """An editor's final word on a claim, settling its reviewers' disagreement."""

    claim_id: int
    status: Status
    note: str
    by: str
    at: str


class LinkStatus(str, Enum):
    """What is known of a label's source link: its page answers (ok), it is gone (dead: the host does not
    exist, or HTTP 4xx/5xx), its text is no longer the one checked when it was labelled (changed), or nothing
    yet (unchecked: not checked, offline, or the check was refused)."""

    OK = "ok"
    DEAD = "dead"
    CHANGED = "changed"
    UNCHECKED = "unchecked"


@dataclass(frozen=True)
class LinkCheck:
    """One check of a link: what the page answered, and the main text read from it (capped)."""

    url: str  # the link as given (and fetched)
    canonical_url: str
    outcome: str  # ok, dead or unchecked (whether it changed is decided against the label's baseline)
    checked_at: str
    http_status: int | None = None
    final_url: str = ""  # after redirects
    content_type: str = ""
    title: str = ""
    sha256: str = ""  # of the body as received
    text_sha256: str = ""  # of the extracted main text; "" when none could be read
    text: str = ""
    text_truncated: bool = False
    reason: str = ""  # why dead or unchecked, in one plain line


@dataclass(frozen=True)
class LinkState:
    """A label's source link as the workbench knows it now."""

    status: LinkStatus
    checked_at: str | None
    reason: str
    canonical_url: str


@dataclass(frozen=True)
class RevisionReport:
    """What a new revision of an article did to its claims (store/revisions.py)."""

    article_id: int
    revision: int
    unchanged: int  # claims carried with their id, labels and verdict
    changed: int  # new claims that replaced a similar one, queued for review again
    new: int
    removed: int  # claims no longer in the text, kept with their labels


@dataclass(frozen=True)
class ArticleRevision:
    """One text an article has had; revision 1 is the first import."""

    article_id: int
    revision: int
    sha256: str
    source_name: str
    imported_at: str
    by: str  # '' for the first import of an article imported before revisions were kept
    counts: dict  # the RevisionReport's four counts, empty for revision 1
