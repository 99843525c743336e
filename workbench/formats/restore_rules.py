"""Every field of a JSONL export record checked as a fresh write would check it, before anything is stored.

A restore writes rows that no form or command checked: a hand-edited or hostile file could store
a fractional offset (the Review page crashed on it), a timestamp full of markdown (it was rendered),
a label in any name. So each value must be what the workbench itself would have written: JSON
integers for ids, offsets, versions and paragraphs; offsets inside the text; segments in order;
statuses and kinds from their enums; timestamps as `now()` writes them; links, names and notes
through workbench/rules.py; article metadata through workbench/metadata.py.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime

from .. import config
from ..errors import InvalidInput, WorkbenchError
from ..metadata import ArticleMeta, check_language, check_meta, check_plain
from ..models import SegmentKind
from ..rules import LabelInput, check_label, check_note, check_reviewer, parse_status
from ..store.connection import text_sha256

MAX_ID = 2**63 - 1  # SQLite's largest INTEGER: a larger id cannot be stored (2**64 ended in a traceback)
# As store/connection.py's now() writes them (2024-03-05T10:00:00.000Z), or with a numeric offset.
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})")
LINEAGE_FIELDS = ("superseded_at", "successors")  # written by the lineage branch; optional here
REVISION_FIELDS = ("revision", "removed_in", "changed_since_label")  # issue 17; optional (1, null, false)


class DamagedRecord(InvalidInput):
    """A record of an export that a fresh write would refuse; `line` is its line in the file."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class CheckedArticle:
    """An article of an export and its segment records, every value checked; `lines` are their line numbers."""

    article: dict
    records: list[dict]
    lines: list[int] = field(default_factory=list)

    @property
    def current(self) -> list[dict]:
        """The segments of the article as it reads now (not superseded), in order."""
        return [r["claim"] for r in self.records if not r["claim"].get("superseded_at")]

    def counts(self) -> dict[str, int]:
        return {
            "segments": len(self.records),
            "labels": sum(len(r["labels"]) for r in self.records),
            "label_events": sum(len(r["history"]) for r in self.records),
            "verdicts": sum(1 for r in self.records if r["verdict"]),
            "corrections": len(self.article.get("corrections") or ()),
        }


def shown(value: object) -> str:
    """A value as JSON, cut short: refusals stay one line whatever the file holds."""
    text = json.dumps(value, ensure_ascii=False)[:60] if not isinstance(value, int) else str(value)
    return text if len(text) <= 40 else f"{text[:40]}… ({len(text)} characters)"


def integer(value: object, what: str, low: int = 0) -> int:
    """A JSON integer from `low` to MAX_ID: not 15.5, 2.0, true or "15"."""
    if type(value) is not int:
        raise InvalidInput(f"{what} must be a JSON integer, not {shown(value)}")
    if not low <= value <= MAX_ID:
        raise InvalidInput(f"{what} {shown(value)} is out of range ({low} to 2^63 - 1)")
    return value


def string(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise InvalidInput(f"{what} must be text, not {shown(value)}")
    return value


def timestamp(value: object, what: str) -> str:
    """An ISO 8601 date and time with its zone, as the workbench writes them; anything else is refused."""
    text = string(value, what)
    try:
        if not _TIMESTAMP.fullmatch(text):
            raise ValueError
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput(f"{what} {shown(value)} is not a timestamp like 2024-03-05T10:00:00.000Z") from None
    return text


def _mapping(value: object, what: str) -> dict:
    if not isinstance(value, dict):
        raise InvalidInput(f"{what} must be a JSON object, not {shown(value)}")
    return value


def _listing(value: object, what: str) -> list:
    if not isinstance(value, list):
        raise InvalidInput(f"{what} must be a JSON list, not {shown(value)}")
    return value


def check_article(article: dict) -> dict:
    """The article of a record (the first of its article, which carries the text), checked and cleaned."""
    from ..importing import check_text, safe_source_name  # late: importing loads the splitter

    integer(article.get("id"), "article id", low=1)
    text = string(article.get("text"), "the article text")
    if check_text(text) != text:
        raise InvalidInput("the article text is not in its normalised form (LF line ends, no BOM)")
    if "sha256" in article and article["sha256"] != text_sha256(text):
        raise InvalidInput("the article's sha256 does not match its text")
    meta = check_meta(
        ArticleMeta(
            url=string(article.get("url", ""), "url"),
            outlet=string(article.get("outlet", ""), "outlet"),
            author=string(article.get("author", ""), "author"),
            published=string(article.get("published", ""), "published"),
            extra=_mapping(article.get("metadata") or {}, "metadata"),
        )
    )
    source_name = string(article.get("source_name", ""), "source_name")
    if source_name and safe_source_name(source_name) != source_name:
        raise InvalidInput(f"source_name {shown(source_name)} is not a plain file name")
    detected = article.get("detected_language")
    revisions = _check_revisions(article.get("revisions") or [], text)
    return {
        "revisions": revisions,
        **article,
        "text": text,
        "title": check_plain(string(article.get("title", ""), "title"), "title") or "untitled",
        "language": check_language(string(article.get("language"), "language")),
        "detected_language": None if detected is None else check_language(string(detected, "detected_language")),
        "url": meta.url,
        "outlet": meta.outlet,
        "author": meta.author,
        "published": meta.published,
        "metadata": meta.extra,
        "source_name": source_name,
        "imported_at": timestamp(article.get("imported_at"), "imported_at"),
    }


def _check_revisions(revisions: object, text: str) -> list[dict]:
    """An article's earlier texts: revisions 1, 2, … in order, each normalised, the last one its current text."""
    from ..importing import check_text, safe_source_name  # late: importing loads the splitter

    checked = []
    for number, revision in enumerate(_listing(revisions, "revisions"), start=1):
        revision = _mapping(revision, "a revision")
        where = f"revision {number}"
        if integer(revision.get("revision"), f"{where}: its number", low=1) != number:
            raise InvalidInput(f"the article's revisions are not numbered 1, 2, … in order (at {where})")
        body = string(revision.get("text"), f"{where}: text")
        if check_text(body) != body:
            raise InvalidInput(f"{where}: its text is not in its normalised form")
        if "sha256" in revision and revision["sha256"] != text_sha256(body):
            raise InvalidInput(f"{where}: its sha256 does not match its text")
        source_name = string(revision.get("source_name", ""), f"{where}: source_name")
        if source_name and safe_source_name(source_name) != source_name:
            raise InvalidInput(f"{where}: source_name {shown(source_name)} is not a plain file name")
        by = string(revision.get("by", ""), f"{where}: by")
        counts = _mapping(revision.get("counts") or {}, f"{where}: counts")
        checked.append(
            {
                "revision": number,
                "text": body,
                "source_name": source_name,
                "imported_at": timestamp(revision.get("imported_at"), f"{where}: imported_at"),
                "by": check_reviewer(by) if by else "",
                "counts": {
                    key: integer(counts[key], f"{where}: {key}")
                    for key in ("unchanged", "changed", "new", "removed")
                    if key in counts
                },
            }
        )
    if len(checked) == 1 or (checked and checked[-1]["text"] != text):
        raise InvalidInput("the article's last revision is not its text (or it has one revision only)")
    return checked


def _text_of(claim: dict, texts: dict[int, str]) -> str:
    """The text of the revision a segment's offsets refer to (the article's one text when never revised)."""
    revision = integer(claim.get("revision", max(texts)), f"segment {claim.get('id')}: revision", low=1)
    if revision not in texts:
        raise InvalidInput(f"segment {claim.get('id')}: the article has no revision {revision}")
    if claim.get("superseded_at") is None and (revision != max(texts) or claim.get("removed_in") is not None):
        raise InvalidInput(f"segment {claim.get('id')}: a current segment belongs to the article's last revision")
    removed_in = claim.get("removed_in")
    if removed_in is not None and not revision < integer(removed_in, f"segment {claim.get('id')}: removed_in") <= max(
        texts
    ):
        raise InvalidInput(f"segment {claim.get('id')}: removed_in {shown(removed_in)} does not follow its revision")
    if type(claim.get("changed_since_label", False)) is not bool:
        raise InvalidInput(f"segment {claim.get('id')}: changed_since_label must be true or false")
    return texts[revision]


def _check_claim(claim: dict, text: str | dict[int, str]) -> dict:
    segment = integer(claim.get("id"), "segment id", low=1)
    where = f"segment {segment}"
    text = _text_of(claim, text if isinstance(text, dict) else {1: text})
    start, end = integer(claim.get("start"), f"{where}: start"), integer(claim.get("end"), f"{where}: end")
    piece = string(claim.get("text"), f"{where}: text")
    if not (start < end <= len(text)) or text[start:end] != piece:
        raise InvalidInput(f"{where}: its text is not article[start:end] ({start}:{end})")
    _kind(string(claim.get("kind"), f"{where}: kind"), where)
    checked = {
        **claim,
        "index": integer(claim.get("index"), f"{where}: index"),
        "paragraph": integer(claim.get("paragraph"), f"{where}: paragraph"),
    }
    if claim.get("superseded_at") is not None:
        timestamp(claim["superseded_at"], f"{where}: superseded_at")
    for successor in _listing(claim.get("successors", []), f"{where}: successors"):
        integer(successor, f"{where}: a successor id", low=1)
    return checked


def _label_rules(
    status: str, reviewer: str, source_url: str, note: str, where: str, archive_url: str = ""
) -> LabelInput:
    """rules.check_label, with a link urlsplit cannot read (http://[::1) refused like any other bad link."""
    try:
        return check_label(status, reviewer, source_url, note, archive_url)
    except ValueError as exc:
        raise InvalidInput(f"{where}: the link {shown(source_url or archive_url)} cannot be read ({exc})") from None


def _check_label(label: object, where: str) -> dict:
    label = _mapping(label, where)
    reviewer = string(label.get("reviewer"), f"{where}: reviewer")
    where = f"{where} by {shown(reviewer)}"
    checked = _label_rules(
        string(label.get("status"), f"{where}: status"),
        reviewer,
        string(label.get("source_url", ""), f"{where}: source_url"),
        string(label.get("note", ""), f"{where}: note"),
        where,
        string(label.get("archive_url", ""), f"{where}: archive_url"),  # absent from exports before m019
    )
    return {
        "reviewer": checked.reviewer,
        "status": checked.status.value,
        "source_url": checked.source_url,
        "note": checked.note,
        "archive_url": checked.archive_url,
        "created_at": timestamp(label.get("created_at"), f"{where}: created_at"),
        "updated_at": timestamp(label.get("updated_at"), f"{where}: updated_at"),
        "version": integer(label.get("version"), f"{where}: version", low=1),
    }


def _check_event(event: object, where: str) -> dict:
    event = _mapping(event, where)
    reviewer = check_reviewer(string(event.get("reviewer"), f"{where}: reviewer"))
    olds = [event.get(f"old_{name}") for name in ("status", "source_url", "note")]
    # Archive links came with m019: an event written before has none, which reads as "no archive link".
    old_archive = event.get("old_archive_url")
    withdrawn = event.get("new_status") is None  # an undo of a first save: the label went, the event stays
    if withdrawn:
        if olds == [None, None, None]:
            raise InvalidInput(f"{where}: an event with no new status must withdraw a label it names as old")
        for name in ("new_source_url", "new_note", "new_archive_url"):
            if string(event.get(name, ""), f"{where}: {name}") != "":
                raise InvalidInput(f"{where}: an event that withdraws a label has an empty {name}")
        news = [None, "", "", ""]
    else:
        new = _label_rules(
            string(event.get("new_status"), f"{where}: new_status"),
            reviewer,
            string(event.get("new_source_url", ""), f"{where}: new_source_url"),
            string(event.get("new_note", ""), f"{where}: new_note"),
            where,
            string(event.get("new_archive_url", ""), f"{where}: new_archive_url"),
        )
        news = [new.status.value, new.source_url, new.note, new.archive_url]
    if olds != [None, None, None]:  # a first save has no old value; a later one had a checked label before
        old = _label_rules(
            string(olds[0], f"{where}: old_status"),
            reviewer,
            string(olds[1], f"{where}: old_source_url"),
            string(olds[2], f"{where}: old_note"),
            where,
            string(old_archive or "", f"{where}: old_archive_url"),
        )
        olds = [old.status.value, old.source_url, old.note, old.archive_url]
    elif old_archive is not None:
        raise InvalidInput(f"{where}: a first save has no old archive link")
    else:
        olds.append(None)
    return {
        "reviewer": reviewer,
        "old_status": olds[0],
        "old_source_url": olds[1],
        "old_note": olds[2],
        "old_archive_url": olds[3],
        "new_status": news[0],
        "new_source_url": news[1],
        "new_note": news[2],
        "new_archive_url": news[3],
        "at": timestamp(event.get("at"), f"{where}: at"),
    }


def _check_verdict(verdict: object, where: str) -> dict | None:
    if verdict is None:
        return None
    verdict = _mapping(verdict, where)
    note = check_note(string(verdict.get("note"), f"{where}: note").strip())
    if not note:
        raise InvalidInput(f"{where}: a verdict needs a note saying why")
    return {
        "status": parse_status(string(verdict.get("status"), f"{where}: status")).value,
        "note": note,
        "by": check_reviewer(string(verdict.get("by"), f"{where}: by")),
        "at": timestamp(verdict.get("at"), f"{where}: at"),
    }


def check_record(record: object, text: str | dict[int, str]) -> dict:
    """One segment line: its claim, labels, history and verdict, each value as a fresh write would check it."""
    record = _mapping(record, "the record")
    claim = _check_claim(_mapping(record.get("claim"), "claim"), text)
    where = f"segment {claim['id']}"
    labels = [_check_label(label, f"{where}: a label") for label in _listing(record.get("labels"), "labels")]
    reviewers = [label["reviewer"] for label in labels]
    if len(set(reviewers)) != len(reviewers):
        raise InvalidInput(f"{where}: one reviewer has two labels")
    history = [_check_event(event, f"{where}: a history event") for event in _listing(record.get("history"), "history")]
    return {
        **record,
        "claim": claim,
        "labels": labels,
        "history": history,
        "verdict": _check_verdict(record.get("verdict"), f"{where}: the verdict"),
    }


def check_export_article(records: list[tuple[int, object]]) -> CheckedArticle:
    """The (line number, record) of one article, checked together; DamagedRecord names the first bad line."""
    line = records[0][0]
    try:
        first = _mapping(records[0][1], "the record")
        article = _mapping(first.get("article"), "article")
        if "text" not in article:
            raise InvalidInput("the article's first line, which carries its text, is missing")
        checked = check_article(article)
        result = CheckedArticle(checked, [], [])
        texts = {r["revision"]: r["text"] for r in checked["revisions"]} or {1: checked["text"]}
        for line, record in records:
            result.records.append(check_record(record, texts))
            result.lines.append(line)
        line = records[0][0]
        _check_together(result)
        texts_by_id = {r["claim"]["id"]: r["claim"]["text"] for r in result.records}
        checked["corrections"] = _check_corrections(article.get("corrections") or [], texts_by_id)
    except WorkbenchError as exc:
        raise DamagedRecord(str(exc), line) from None
    return result


CORRECTION_ACTIONS = ("split", "merge", "kind", "revise")


def _check_corrections(corrections: object, texts: dict[int, str]) -> list[dict]:
    """The article's corrections of its split and its revisions (segment_events), oldest first: who, when,
    what, and the segments before and after as they were. A segment a correction names that the file holds
    must have the text the correction says: a correction is never attached to another claim."""
    checked = []
    for number, correction in enumerate(_listing(corrections, "corrections"), start=1):
        correction = _mapping(correction, "a correction")
        where = f"correction {number}"
        action = string(correction.get("action"), f"{where}: action")
        if action not in CORRECTION_ACTIONS:
            raise InvalidInput(f"{where}: action {shown(action)} is not one of {', '.join(CORRECTION_ACTIONS)}")
        sides = {}
        for side in ("before", "after"):
            snapshots = []
            for snapshot in _listing(correction.get(side), f"{where}: {side}"):
                snapshot = _mapping(snapshot, f"{where}: a segment {side}")
                segment_id = integer(snapshot.get("id"), f"{where}: a segment id", low=1)
                text = string(snapshot.get("text"), f"{where}: segment {segment_id}: text")
                if segment_id in texts and texts[segment_id] != text:
                    raise InvalidInput(f"{where}: segment {segment_id} has another text in this file")
                start = integer(snapshot.get("start"), f"{where}: segment {segment_id}: start")
                end = integer(snapshot.get("end"), f"{where}: segment {segment_id}: end")
                snapshots.append(
                    {
                        "id": segment_id,
                        "index": integer(snapshot.get("index"), f"{where}: segment {segment_id}: index"),
                        "kind": _kind(snapshot.get("kind"), f"{where}: segment {segment_id}"),
                        "text": text,
                        "start": start,
                        "end": end,
                        # A revision's snapshots also say where the segment stood and in which text.
                        **{
                            key: integer(snapshot[key], f"{where}: segment {segment_id}: {key}", low=low)
                            for key, low in (("paragraph", 0), ("revision", 1))
                            if key in snapshot
                        },
                    }
                )
            sides[side] = snapshots
        checked.append(
            {
                "id": integer(correction.get("id"), f"{where}: id", low=1) if "id" in correction else None,
                "action": action,
                "reviewer": check_reviewer(string(correction.get("reviewer"), f"{where}: reviewer")),
                "before": sides["before"],
                "after": sides["after"],
                "at": timestamp(correction.get("at"), f"{where}: at"),
            }
        )
    return checked


def _kind(kind: object, where: str) -> str:
    if kind not in {k.value for k in SegmentKind}:
        raise InvalidInput(f"{where}: kind {shown(kind)} is not one of {', '.join(k.value for k in SegmentKind)}")
    return str(kind)


def _check_together(article: CheckedArticle) -> None:
    """What no single record shows: ids and indexes used once, the current segments in order, not overlapping."""
    for what, values in (
        ("segment id", [r["claim"]["id"] for r in article.records]),
        # Superseded segments keep the index they had; current ones hold each index once.
        ("index", [claim["index"] for claim in article.current]),
    ):
        if len(set(values)) != len(values):
            raise InvalidInput(f"two segments of the article have the same {what}")
    current = sorted(article.current, key=lambda claim: claim["index"])
    limit = int(config.get("max_claims_per_article"))  # type: ignore[call-overload]
    if len(current) > limit:
        raise InvalidInput(f"the article has {len(current):,} segments; the limit is {limit:,}")
    for before, after in zip(current, current[1:]):
        if after["start"] < before["end"]:
            raise InvalidInput(f"segments {before['id']} and {after['id']} overlap or are out of order")
