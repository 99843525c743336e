"""Revisions: storing a re-imported article as a new revision vs storing the same text as a new article.

Run: python -m bench.revision_speed [--quick]

An article of 400 sentences (100 with --quick), every claim labelled, in a database that already holds
2,000 other articles with URLs (200 with --quick); then the same URL is imported again with one sentence
in twenty edited, one removed and one added. Measured: the store's part of that import (finding the
article by URL, matching the segments, carrying, superseding, inserting, the lineage and the kept text),
best of 5 fresh databases, against storing the edited text as a new article under another URL (the
split is made once, outside both timings). Target: a revision ≤ 3× a fresh import of the same text.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.result import Result, emit, parse_args  # noqa: E402
from workbench.importing import prepare  # noqa: E402
from workbench.metadata import ArticleMeta  # noqa: E402
from workbench.models import Segment, SegmentKind, Split  # noqa: E402
from workbench.store import Store  # noqa: E402

TARGET = 3.0
URL = "https://news.example/2026/long-story"
WORDS = "council budget harbour rates prices river school tax port wind trains mayor".split()


def sentences(count: int) -> list[str]:
    return [
        f"{WORDS[n % 12].capitalize()} {WORDS[(n * 7) % 12]} number {n} rose by {n % 9} percent." for n in range(count)
    ]


def split_of(parts: list[str]) -> Split:
    text, segments, cursor = " ".join(parts), [], 0
    for index, piece in enumerate(parts):
        start = text.index(piece, cursor)
        cursor = start + len(piece)
        segments.append(Segment(index, SegmentKind.CLAIM, piece, start, cursor, 0))
    return Split(text, "en", "en", tuple(segments))


def edited(parts: list[str]) -> list[str]:
    out = [p.replace("percent", "per cent") if n % 20 == 7 else p for n, p in enumerate(parts) if n != 3]
    return [*out, "A closing sentence that is new."]


def one_round(folder: Path, size: int, others: int) -> tuple[float, float, str]:
    first, second = sentences(size), edited(sentences(size))
    with Store(folder / "bench.db") as store:
        store.add_articles(
            [
                (
                    split_of([f"Other article {n} says {w}." for w in WORDS[:3]]),
                    f"Other {n}",
                    "",
                    ArticleMeta(url=f"https://news.example/other/{n}"),
                )
                for n in range(others)
            ]
        )
        article, _ = store.add_article(split_of(first), title="Long", meta=ArticleMeta(url=URL))
        for claim in store.claims(article):
            store.save_label(claim.id, status="verified", reviewer="ann", source_url="https://a.example/s")
        new_split = split_of(second)
        started = time.perf_counter()
        (revised,) = store.import_articles([(new_split, "Long", "", ArticleMeta(url=URL))])
        revision = time.perf_counter() - started
        other_text = split_of([s.replace("rose", "grew") for s in second])
        started = time.perf_counter()
        store.import_articles([(other_text, "Fresh", "", ArticleMeta(url=URL + "/copy"))])
        fresh = time.perf_counter() - started
        report = revised.revised
    counts = f"{report.unchanged} unchanged, {report.changed} changed, {report.new} new, {report.removed} removed"
    return revision, fresh, counts


def measure(quick: bool) -> Result:
    size, others = (100, 200) if quick else (400, 2000)
    prepare("Warm the splitter once.")  # imports and pipelines outside the timings
    rounds = []
    for _ in range(5):
        with tempfile.TemporaryDirectory() as folder:
            rounds.append(one_round(Path(folder), size, others))
    revision, fresh = min(r[0] for r in rounds), min(r[1] for r in rounds)
    ratio = revision / fresh
    detail = (
        f"revision: an article of {size} labelled claims among {others:,} articles with URLs; {rounds[0][2]}\n"
        f"  revised {revision * 1000:.1f} ms; the same text stored as a new article {fresh * 1000:.1f} ms (best of 5)"
    )
    return Result(
        "revision",
        f"{ratio:.2f}× ({revision * 1000:.0f} vs {fresh * 1000:.0f} ms)",
        f"≤ {TARGET}× a new article",
        ratio <= TARGET,
        detail,
    )


if __name__ == "__main__":
    emit(measure(parse_args(__doc__).quick))
