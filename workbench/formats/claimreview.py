"""ClaimReview JSON-LD (schema.org): one record per claim that has a verdict and a source link to cite.

A claim's verdict is the editor's final verdict when there is one, else the status its reviewers agree
on (every label the same). The record cites the source link of a label with that status; a claim with
no such link (an "unverified" nobody found evidence for) has nothing to cite and gets no record.

A claim a correction of the split replaced keeps its record, marked with schema.org's `expires` (when it
was superseded): the review was published about that text, and stays part of the record.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator

from ..metadata import ArticleMeta
from ..models import Claim, Label

# A ClaimReview is meant to sit in <script type="application/ld+json">; a raw "</script>" or "<!--" in a
# claim, a name or a link would end or bend that element. JSON allows these characters as \u escapes, and
# outside strings JSON never has them, so replacing them everywhere keeps the data the same.
_HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})

REQUIRED = ("@context", "@type", "claimReviewed", "reviewRating", "author", "datePublished", "itemReviewed", "url")


def verdict_of(labels: list[Label], final: dict | None) -> tuple[str, list[str], str] | None:
    """(status, authors, date) of the claim's verdict, or None when it has none yet."""
    if final:
        return final["status"], [final["by"]], final["at"]
    statuses = {label.status.value for label in labels}
    if len(statuses) != 1:
        return None
    return statuses.pop(), sorted(label.reviewer for label in labels), max(label.updated_at for label in labels)


def claim_review(claim: Claim, title: str, meta: ArticleMeta, labels: list[Label], final: dict | None) -> dict | None:
    verdict = verdict_of(labels, final)
    if verdict is None:
        return None
    status, authors, when = verdict
    cited = next((label for label in labels if label.status.value == status and label.source_url), None)
    if cited is None:
        return None
    link = cited.source_url
    appearance = appearance_of(title, meta)
    people = [{"@type": "Person", "name": name} for name in authors]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim.text,
        "reviewRating": {"@type": "Rating", "alternateName": status},
        "author": people[0] if len(people) == 1 else people,
        "datePublished": when[:10],
        "itemReviewed": {"@type": "Claim", "appearance": appearance, "inLanguage": claim.language},
        "url": link,
        "identifier": f"workbench-claim-{claim.id}",
        **({"expires": claim.superseded_at} if claim.superseded_at else {}),
        **_citation(link, cited.archive_url),
    }


def _citation(link: str, archive: str) -> dict[str, object]:
    """The source as a cited WebPage with its archived copy. schema.org's `archivedAt` (URL or WebPage) belongs
    to the CreativeWork that was archived: on the ClaimReview itself it would say the review was archived,
    so it goes on the cited page. `url` stays the source, as before."""
    if not archive:
        return {}
    return {"citation": {"@type": "WebPage", "url": link, "archivedAt": archive}}


def claim_reviews(items: Iterable[tuple[Claim, str, ArticleMeta, list[Label], dict | None]]) -> Iterator[dict]:
    for item in items:
        record = claim_review(*item)
        if record is not None:
            yield record


def appearance_of(title: str, meta: ArticleMeta) -> dict[str, object]:
    """One article the claim appears in, as schema.org's CreativeWork."""
    appearance: dict[str, object] = {"@type": "CreativeWork", "headline": title}
    if meta.url:
        appearance["url"] = meta.url
    if meta.published:
        appearance["datePublished"] = meta.published
    if meta.outlet:
        appearance["publisher"] = {"@type": "Organization", "name": meta.outlet}
    return appearance


def add_appearances(
    records: list[dict],
    clusters: dict[int, list[int]],
    article: Callable[[int], tuple[str, ArticleMeta]],
) -> None:
    """A claim confirmed as the same claim elsewhere appears in every article of its cluster: its record's
    `itemReviewed.appearance` becomes the list of them, its own article first (clusters: claim -> articles)."""
    for record in records:
        claim_id = int(record["identifier"].rsplit("-", 1)[1])
        articles = clusters.get(claim_id)
        if articles and len(articles) > 1:
            record["itemReviewed"]["appearance"] = [
                record["itemReviewed"]["appearance"],
                *(appearance_of(*article(a)) for a in articles[1:]),
            ]


def dumps_for_html(records: list[dict]) -> str:
    """The records as JSON text that can be pasted inside a <script> element and parse to the same data."""
    return json.dumps(records, ensure_ascii=False, indent=2).translate(_HTML_SAFE)
