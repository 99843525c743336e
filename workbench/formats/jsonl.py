"""JSONL out and back in: one segment per line with its article, all its labels and its history.

Every line has `format`, `article` (metadata; its `text` on the article's first line only), `claim`
(id, index, kind, text, start, end, paragraph, superseded_at, successors), `labels`, `history` and the
editor's `verdict` (or null). A segment a correction of the split replaced has `superseded_at` (else
null) and the ids of the segments that replaced it in `successors`. An unfiltered export holds every
segment (headings, boilerplate and superseded ones too), so `workbench import` of the file into an
empty database gives back the same articles, split, lineage, labels, history and verdicts, with the
same ids.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TextIO

from ..errors import IntegrityError, WorkbenchError
from ..metadata import ArticleMeta
from ..models import Segment, SegmentKind, Split
from ..permissions import Action
from ..store import Store
from ..store.accounts import OPERATOR
from .batch import Notice, Refused
from .restore_rules import CheckedArticle, DamagedRecord, check_export_article

if TYPE_CHECKING:  # importing loads the splitter (spaCy); exports never need it
    from ..importing import ImportResult

FORMAT = "workbench-claim/1"


def write_jsonl(records: Iterable[dict], stream: TextIO) -> int:
    count = 0
    for record in records:
        stream.write(json.dumps({"format": FORMAT, **record}, ensure_ascii=False) + "\n")
        count += 1
    return count


def is_export(data: bytes) -> bool:
    """Whether a JSONL file was written by our export: its first complete line is a record naming our format.

    The whole first line, however long: it carries the article's text, so a prefix of fixed length
    turned every export of an article over about 3.5 kB into a batch, and every line was refused.
    """
    first = data.removeprefix(b"\xef\xbb\xbf").lstrip().split(b"\n", 1)[0]
    try:
        record = json.loads(first.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError included; RecursionError: "[[[[…" nested deeply
        return False
    return isinstance(record, dict) and record.get("format") == FORMAT


def _groups(lines: list[str], name: str) -> Iterator[list[tuple[int, object]] | Refused]:
    """The (line number, record) of each article, in file order.

    A line that is no record refuses the article being read (its other lines are skipped with it), so
    an article never comes in without one of its segments; before any article, it is refused alone.
    """
    current: list[tuple[int, object]] = []
    current_id: object = None
    broken: Refused | None = None

    def finish() -> Iterator[list[tuple[int, object]] | Refused]:
        if broken is not None:
            first, last = current[0][0] if current else None, current[-1][0] if current else None
            span = f"; the article of lines {first}–{last} was not imported" if first else ""
            yield Refused(broken.where, broken.reason + span)
        elif current:
            yield current

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            article_id = record["article"]["id"]
        except (ValueError, KeyError, TypeError, IndexError, RecursionError) as exc:  # also 4,301 digits, [[[[…
            refusal = Refused(
                f"{name} line {number}", f"not a workbench JSONL record ({type(exc).__name__}: {exc})"[:300]
            )
            if current:
                broken = broken or refusal
            else:
                yield refusal
            continue
        if current and (type(article_id) is not type(current_id) or article_id != current_id):
            yield from finish()
            current, broken = [], None
        current_id = article_id
        current.append((number, record))
    yield from finish()


def _as_split(checked: CheckedArticle) -> Split:
    """The article as it reads now, its segments numbered afresh: what an import without restore rights stores."""
    current = sorted(checked.current, key=lambda claim: claim["index"])
    segments = tuple(
        Segment(i, SegmentKind(c["kind"]), c["text"], c["start"], c["end"], c["paragraph"])
        for i, c in enumerate(current)
    )
    article = checked.article
    return Split(article["text"], article["language"], article["detected_language"], segments)


def _store_articles_only(store: Store, checked: CheckedArticle, actor: str) -> tuple[int, bool]:
    article = checked.article
    meta = ArticleMeta(
        url=article["url"],
        outlet=article["outlet"],
        author=article["author"],
        published=article["published"],
        extra=article["metadata"],
    )
    split = _as_split(checked)
    return store.add_article(split, title=article["title"], source_name=article["source_name"], meta=meta, by=actor)


def restore_jsonl(
    store: Store, data: bytes, name: str, *, actor: str = OPERATOR, restore: bool = True
) -> Iterator[ImportResult | Refused | Notice]:
    """Bring in each article of an export; a damaged article is refused whole (nothing of it is written) with
    the line of its first bad record, the others still come in.

    With `restore` and an actor whom the store allows Action.RESTORE (an admin; the command line), labels,
    verdicts, history and ids come back too. For anyone else only the articles and their current segments
    come in, under new ids, and one Notice says so.
    """
    from ..importing import ImportResult

    full = restore and store.can(actor, Action.RESTORE)
    if not full:
        yield Notice(name, "intake.articles_only")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        yield Refused(name, "not valid UTF-8")
        return
    totals = {
        "articles": 0,
        "segments": 0,
        "labels": 0,
        "label_events": 0,
        "verdicts": 0,
        "corrections": 0,
        "refused": 0,
    }
    for group in _groups(text.split("\n"), name):
        if isinstance(group, Refused):
            totals["refused"] += 1
            yield group
            continue
        lines = f"lines {group[0][0]}–{group[-1][0]}" if len(group) > 1 else f"line {group[0][0]}"
        try:
            checked = check_export_article(group)
            if full:
                article_id, created = store.restore_article(checked.article, checked.records, by=actor, source=name)
            else:
                article_id, created = _store_articles_only(store, checked, actor)
        except DamagedRecord as exc:
            totals["refused"] += 1
            yield Refused(f"{name} line {exc.line}", f"{exc}; the article of {lines} was not imported")
            continue
        except IntegrityError as exc:  # a backstop, either engine: the checks should leave nothing to contradict
            totals["refused"] += 1
            yield Refused(f"{name} {lines}", f"records contradict each other ({exc})")
            continue
        except WorkbenchError as exc:
            totals["refused"] += 1
            yield Refused(f"{name} {lines}", str(exc))
            continue
        if created and full:
            totals["articles"] += 1
            for key, count in checked.counts().items():
                totals[key] += count
        claims = sum(1 for c in checked.current if c["kind"] == SegmentKind.CLAIM.value)
        language = checked.article["language"] if created else store.article(article_id).language
        yield ImportResult(article_id, created, checked.article["title"], language, claims, name)
    if full and totals["articles"]:
        store.log_restore(by=actor, source=name, counts=totals)
