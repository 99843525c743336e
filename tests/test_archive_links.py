"""Archive links beside the source: checked like it, kept with the label and its history, carried by undo,
restore and label batches, so nothing of it is lost on the way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import run
from workbench.errors import InvalidInput, InvalidLabel
from workbench.exporting import export_text
from workbench.formats.jsonl import restore_jsonl
from workbench.formats.restore_rules import check_record
from workbench.store import Store
from workbench.store.accounts import OPERATOR

SOURCE = "https://news.example/story"
ARCHIVE = "https://web.archive.org/web/20240305000000/https://news.example/story"


def claims(store: Store, article: int) -> list[int]:
    return [c.id for c in store.claims(article_id=article) if c.kind.value == "claim"]


def test_saved_with_the_label_and_in_its_history(store: Store, article: int) -> None:
    claim = claims(store, article)[0]
    label = store.save_label(claim, status="verified", reviewer="ann", source_url=SOURCE, archive_url=ARCHIVE)
    assert label.archive_url == ARCHIVE
    # Changing only the archive link is a change: a new version and an event saying what it was before.
    again = store.save_label(claim, status="verified", reviewer="ann", source_url=SOURCE, archive_url="")
    assert again.version == 2 and again.archive_url == ""
    events = store.history(claim, viewer="ann")
    assert [(e["old_archive_url"], e["new_archive_url"]) for e in events] == [(None, ARCHIVE), (ARCHIVE, "")]
    shown = [row["detail"] for row in store.claim_history(claim, viewer="ann")]
    assert shown == [f"— → verified · archive: {ARCHIVE}", "verified → verified · archive: —"]


@pytest.mark.parametrize(
    "archive, why",
    [
        ("javascript:alert(1)", "http:// or https://"),  # a script, not an address
        ("https://user@archive.example/x", "user name"),  # userinfo hides the real host
        ("web.archive.org/web/1/x", "no scheme"),  # pasted without https://
        ("https://archive.ph/a b", "spaces"),  # whitespace before parsing: urlsplit would drop a tab
    ],
)
def test_refused_like_a_source_link_and_said_to_be_the_archive(
    store: Store, article: int, archive: str, why: str
) -> None:
    claim = claims(store, article)[0]
    with pytest.raises(InvalidLabel, match=f"archive link refused: .*{why}"):
        store.save_label(claim, status="verified", reviewer="ann", source_url=SOURCE, archive_url=archive)
    assert store.label(claim, "ann", viewer="ann") is None  # nothing half-written


def test_undo_puts_the_archive_link_back(store: Store, article: int) -> None:
    claim = claims(store, article)[0]
    store.save_label(claim, status="verified", reviewer="ann", source_url=SOURCE, archive_url=ARCHIVE)
    changed = store.save_label(claim, status="disputed", reviewer="ann", source_url=SOURCE, archive_url="")
    back = store.undo_label(claim, reviewer="ann", expected_version=changed.version)
    assert back is not None and back.archive_url == ARCHIVE and back.status.value == "verified"
    redone = store.undo_label(claim, reviewer="ann", expected_version=back.version)
    assert redone is not None and redone.archive_url == "" and redone.status.value == "disputed"


def test_restore_carries_archive_links_and_their_history(store: Store, article: int, tmp_path: Path) -> None:
    claim = claims(store, article)[0]
    store.save_label(claim, status="verified", reviewer="ann", source_url=SOURCE, archive_url=ARCHIVE)
    store.save_label(claim, status="verified", reviewer="ann", source_url=SOURCE, archive_url=ARCHIVE + "2")
    exported = export_text(store, "jsonl", viewer=OPERATOR)
    with Store(tmp_path / "fresh.db") as fresh:
        list(restore_jsonl(fresh, exported.encode(), "export.jsonl"))
        assert fresh.label(claim, "ann", viewer=OPERATOR).archive_url == ARCHIVE + "2"
        assert [e["new_archive_url"] for e in fresh.history(claim, viewer=OPERATOR)] == [ARCHIVE, ARCHIVE + "2"]
        assert export_text(fresh, "jsonl", viewer=OPERATOR) == exported


def test_an_export_from_before_archive_links_still_restores(store: Store, article: int, tmp_path: Path) -> None:
    """Files written before m019 have no archive fields: they read as "no archive link"."""
    claim = claims(store, article)[0]
    store.save_label(claim, status="verified", reviewer="ann", source_url=SOURCE)
    store.save_label(claim, status="disputed", reviewer="ann", source_url=SOURCE)
    lines = []
    for line in export_text(store, "jsonl", viewer=OPERATOR).splitlines():
        record = json.loads(line)
        for label in record["labels"]:
            label.pop("archive_url")
        for event in record["history"]:
            event.pop("old_archive_url")
            event.pop("new_archive_url")
        lines.append(json.dumps(record))
    with Store(tmp_path / "fresh.db") as fresh:
        list(restore_jsonl(fresh, "\n".join(lines).encode(), "old.jsonl"))
        assert fresh.label(claim, "ann", viewer=OPERATOR).archive_url == ""
        undone = fresh.undo_label(claim, reviewer="ann", expected_version=2)  # an old event can be undone
        assert undone is not None and undone.status.value == "verified"


def test_a_restored_archive_link_is_checked_like_a_saved_one(store: Store, article: int) -> None:
    claim = claims(store, article)[0]
    store.save_label(claim, status="verified", reviewer="ann", source_url=SOURCE, archive_url=ARCHIVE)
    lines = [json.loads(line) for line in export_text(store, "jsonl", viewer=OPERATOR).splitlines()]
    record = next(r for r in lines if r["labels"])
    record["article"]["text"] = lines[0]["article"]["text"]

    record["labels"][0]["archive_url"] = "javascript:alert(1)"
    with pytest.raises(InvalidInput, match="archive link refused"):
        check_record(record, record["article"]["text"])


def test_label_command_and_batches_carry_the_archive(capsys, store: Store, article: int, db_path: Path) -> None:
    first, second = claims(store, article)[:2]
    code, _, err = run(
        capsys,
        "label",
        str(first),
        "--status",
        "verified",
        "--reviewer",
        "ann",
        "--source",
        SOURCE,
        "--archive",
        ARCHIVE,
    )
    assert code == 0, err
    batch = db_path.parent / "batch.jsonl"
    batch.write_text(
        json.dumps({"claim_id": second, "status": "verified", "source": SOURCE, "archive": ARCHIVE + "b"})
        + "\n"
        + json.dumps({"claim_id": second, "status": "verified", "source": SOURCE, "archive": "ftp://x"})
        + "\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "label", "--from", str(batch), "--reviewer", "bob")
    assert code == 1 and "line 2: archive link refused" in err  # the bad line alone is refused
    assert store.label(first, "ann", viewer=OPERATOR).archive_url == ARCHIVE
    assert store.label(second, "bob", viewer=OPERATOR).archive_url == ARCHIVE + "b"
