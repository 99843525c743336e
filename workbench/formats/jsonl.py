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
import sqlite3
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TextIO

from ..errors import InvalidInput, WorkbenchError
from ..metadata import ArticleMeta, check_language, check_meta, check_plain
from ..models import SegmentKind, Status
from ..rules import check_label
from ..store import Store
from .batch import Refused

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
    """Whether a JSONL file was written by our export (its first line names our format)."""
    first = data.lstrip()[:4096].split(b"\n", 1)[0]
    try:
        return json.loads(first.decode("utf-8-sig")).get("format") == FORMAT
    except (ValueError, AttributeError):
        return False


def _check_article(article: dict, text: str) -> dict:
    from ..importing import check_text

    if check_text(text) != text:
        raise InvalidInput("the article text is not in its normalised form (LF line ends, no BOM)")
    meta = check_meta(
        ArticleMeta(
            url=article.get("url", ""),
            outlet=article.get("outlet", ""),
            author=article.get("author", ""),
            published=article.get("published", ""),
            extra=article.get("metadata") or {},
        )
    )
    title = check_plain(article.get("title", ""), "title")
    return {
        **article,
        "text": text,
        "title": title or "untitled",
        "language": check_language(article["language"]),
        "url": meta.url,
        "outlet": meta.outlet,
        "author": meta.author,
        "published": meta.published,
    }


def _check_segment(record: dict, text: str) -> None:
    claim = record["claim"]
    start, end = int(claim["start"]), int(claim["end"])
    if not (0 <= start < end <= len(text)) or text[start:end] != claim["text"]:
        raise InvalidInput(f"segment {claim.get('id')}: its text is not article[start:end]")
    SegmentKind(claim["kind"])
    int(claim["index"]), int(claim["paragraph"])
    superseded, successors = claim.get("superseded_at"), claim.get("successors") or []
    if superseded is not None and not (isinstance(superseded, str) and superseded):
        raise InvalidInput(f"segment {claim.get('id')}: superseded_at is neither null nor a time")
    if not isinstance(successors, list) or not all(type(i) is int for i in successors):
        raise InvalidInput(f"segment {claim.get('id')}: successors is not a list of ids")
    for label in record["labels"]:
        check_label(label["status"], label["reviewer"], label.get("source_url", ""), label.get("note", ""))
        str(label["created_at"]), str(label["updated_at"]), int(label["version"])
    for event in record["history"]:
        Status(event["new_status"]), str(event["reviewer"]), str(event["at"])
    verdict = record.get("verdict")
    if verdict:
        check_label(verdict["status"], verdict["by"], "https://verdict.invalid/", verdict["note"])
        str(verdict["at"])


def _groups(lines: list[str], name: str) -> Iterator[tuple[str, dict, list[dict]] | Refused]:
    """(where, article, segment records) per article, in file order."""
    current: tuple[str, dict, list[dict]] | None = None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name} line {number}"
        try:
            record = json.loads(line)
            article_id = record["article"]["id"]
        except (ValueError, KeyError, TypeError) as exc:
            yield Refused(where, f"not a workbench JSONL record ({exc})")
            continue
        if current is None or current[1]["id"] != article_id:
            if current is not None:
                yield current
            current = (where, record["article"], [])
        current[2].append(record)
    if current is not None:
        yield current


def restore_jsonl(store: Store, data: bytes, name: str) -> Iterator[ImportResult | Refused]:
    """Restore each article of an export; a damaged article is refused whole, the others still come in."""
    from ..importing import ImportResult

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        yield Refused(name, "not valid UTF-8")
        return
    for group in _groups(text.split("\n"), name):
        if isinstance(group, Refused):
            yield group
            continue
        where, article, records = group
        try:
            if "text" not in article:
                raise InvalidInput("the article's first line, which carries its text, is missing")
            checked = _check_article(article, article["text"])
            for record in records:
                _check_segment(record, checked["text"])
            # Superseded segments keep the index they had; current ones hold each index once.
            indexes = [r["claim"]["index"] for r in records if not r["claim"].get("superseded_at")]
            if len(set(indexes)) != len(indexes):
                raise InvalidInput("two segments of the article have the same index")
            article_id, created = store.restore_article(checked, records)
        except WorkbenchError as exc:
            yield Refused(where, str(exc))
            continue
        except sqlite3.IntegrityError as exc:  # e.g. one reviewer with two labels on one claim
            yield Refused(where, f"records contradict each other ({exc})")
            continue
        except (KeyError, TypeError, ValueError) as exc:
            yield Refused(where, f"not a workbench JSONL record ({type(exc).__name__}: {exc})")
            continue
        claims = sum(1 for r in records if r["claim"]["kind"] == SegmentKind.CLAIM.value)
        language = checked["language"] if created else store.article(article_id).language
        yield ImportResult(article_id, created, checked["title"], language, claims, name)
