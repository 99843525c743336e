"""Restore is an honest, privileged operation: admins only (in the store), every row checked, and logged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import make_split
from tests.test_cli import run
from workbench.errors import NotAuthorized
from workbench.exporting import export_text
from workbench.formats.batch import Notice, Refused
from workbench.importing import ImportResult, import_data
from workbench.store import Store
from workbench.store.accounts import OPERATOR

ADMIN, REVIEWER = "admin@news.example", "eve@news.example"
TEXTS = [
    "Rates rise again\nThe bank raised rates. Prices fell 2%. Nobody saw it coming.",
    "Heat record\nThe city was hotter than in 2023. The council did nothing.",
    "Port news\nThe port opened in May. Ships came back.",
]


def without_created(err: str) -> str:
    """stderr less the note that `import` made a new database (the test's database is new)."""
    return "".join(line for line in err.splitlines(keepends=True) if "created a new database" not in line)


def add(store: Store, text: str) -> int:
    heading, body = text.split("\n")
    sentences = [s + "." for s in body.rstrip(".").split(". ")]
    split = make_split(text, [("heading", heading), *(("claim", s) for s in sentences)])
    return store.add_article(split, title=heading)[0]


def source(path: Path) -> str:
    """An export of three articles with labels, history and a verdict; ids start at 2 (article 1 was deleted)."""
    with Store(path) as store:
        gone = add(store, "Deleted\nThis article was deleted.")
        for text in TEXTS:
            add(store, text)
        store.delete_article(gone, by=OPERATOR)
        for claim in list(store.claims())[:4]:
            store.save_label(claim.id, status="unverified", reviewer="ann", note="first look")
            store.save_label(claim.id, status="verified", reviewer="ann", source_url="https://a.example/x")
            store.save_label(claim.id, status="disputed", reviewer="bob", source_url="https://b.example/y")
        store.adjudicate(next(store.claims()).id, status="verified", note="the bank says so", by="ed")
        return export_text(store, "jsonl", viewer=OPERATOR)


@pytest.fixture
def exported(tmp_path: Path) -> str:
    return source(tmp_path / "source.db")


@pytest.fixture
def team(store: Store) -> Store:
    """An empty database with accounts: an admin and a reviewer."""
    store.add_account(ADMIN, "admin", by=OPERATOR)
    store.add_account(REVIEWER, "reviewer", by=OPERATOR)
    return store


def counts(store: Store) -> dict[str, int]:
    tables = ("articles", "segments", "labels", "label_events", "verdicts")
    return {t: store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


def test_the_store_refuses_a_restore_by_a_reviewer(team: Store, exported: str) -> None:
    record = json.loads(exported.splitlines()[0])
    with pytest.raises(NotAuthorized, match="cannot restore"):
        team.restore_article(record["article"], [record], by=REVIEWER)
    assert counts(team)["articles"] == 0


def test_a_reviewers_import_of_an_export_brings_articles_and_segments_only(team: Store, exported: str) -> None:
    outcomes = list(import_data(team, exported.encode(), "backup.jsonl", actor=REVIEWER))
    assert isinstance(outcomes[0], Notice) and "needs an admin" in outcomes[0].message  # said once, in one line
    assert [type(o) for o in outcomes[1:]] == [ImportResult] * 3
    assert counts(team) == {"articles": 3, "segments": 10, "labels": 0, "label_events": 0, "verdicts": 0}
    assert [a.id for a in team.articles()] == [1, 2, 3]  # new ids: the export's were 2, 3, 4
    assert [a.title for a in team.articles()] == ["Rates rise again", "Heat record", "Port news"]
    assert not [e for e in team.events(viewer=OPERATOR) if "restore" in e["action"]]


def test_an_admin_restores_everything_and_the_restore_is_logged(team: Store, exported: str) -> None:
    outcomes = list(import_data(team, exported.encode(), "backup.jsonl", actor=ADMIN))
    assert [type(o) for o in outcomes] == [ImportResult] * 3
    assert counts(team) == {"articles": 3, "segments": 10, "labels": 8, "label_events": 12, "verdicts": 1}
    assert [a.id for a in team.articles()] == [2, 3, 4]  # the ids kept
    assert export_text(team, "jsonl", viewer=OPERATOR) == exported
    (restore,) = [e for e in team.events(viewer=OPERATOR) if e["action"] == "restore"]
    assert restore["actor"] == ADMIN and restore["subject"] == "file:backup.jsonl" and restore["at"]
    details = restore["details"]
    assert (details["articles"], details["segments"], details["labels"]) == (3, 10, 8)
    assert (details["label_events"], details["verdicts"], details["refused"]) == (12, 1, 0)
    per_article = [e for e in team.events(viewer=OPERATOR) if e["action"] == "article restored"]
    assert [e["subject"] for e in per_article] == ["article:2", "article:3", "article:4"]


def test_an_admin_may_choose_articles_only(team: Store, exported: str) -> None:
    outcomes = list(import_data(team, exported.encode(), "backup.jsonl", actor=ADMIN, restore=False))
    assert isinstance(outcomes[0], Notice) and counts(team)["labels"] == 0


def test_the_command_line_restores_as_the_operator(capsys, team: Store, exported: str, tmp_path: Path) -> None:
    path = tmp_path / "backup.jsonl"
    path.write_text(exported, encoding="utf-8")
    code, out, err = run(capsys, "import", str(path))
    assert code == 0 and len(out.splitlines()) == 1 + 3 and err == ""  # a header, then one line per article
    assert counts(team)["labels"] == 8
    assert [e["actor"] for e in team.events(viewer=OPERATOR) if e["action"] == "restore"] == [OPERATOR]


def test_the_notice_is_one_line_on_the_command_line(
    capsys, db_path: Path, tmp_path: Path, exported: str, monkeypatch
) -> None:
    """Not reachable with the operator's rights; shown here through a store that refuses it."""
    path = tmp_path / "backup.jsonl"
    path.write_text(exported, encoding="utf-8")
    monkeypatch.setattr(Store, "can", lambda self, actor, action: False)
    code, out, err = run(capsys, "import", str(path))
    err = without_created(err)
    assert code == 0 and err.count("\n") == 1 and err.startswith("workbench: note: backup.jsonl: ")


# -- every restored row is checked as a fresh write would check it ---------------------------------------

HOSTILE_TIMESTAMP = "![seen](https://evil.example/beacon.png) :red[at]"


def damage(path: str, value: object):
    """Set the value at `path` (keys separated by dots; a number picks a list item) in a record."""

    def apply(record: dict) -> None:
        *parents, last = path.split(".")
        target: object = record
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]  # type: ignore[index]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value  # type: ignore[index]

    return apply


# Each (which record of the first article, damage, what the refusal says): each stored or crashed before.
CASES = [
    (1, damage("claim.start", 15.5), "JSON integer"),  # crashed the Review page for everyone
    (1, damage("claim.end", True), "JSON integer"),  # a boolean is no offset
    (1, damage("claim.paragraph", "0"), "JSON integer"),  # a numeric string is no paragraph
    (1, damage("claim.index", 1.0), "JSON integer"),  # 1.0 is no index either
    (1, damage("claim.id", 2**64), "out of range"),  # ended in a traceback (OverflowError)
    (1, damage("claim.id", 2**63), "out of range"),
    (0, damage("article.detected_language", "klingon"), "klingon"),
    (1, damage("claim.id", -3), "out of range"),
    (1, damage("labels.0.version", 2.5), "JSON integer"),
    (1, damage("labels.0.created_at", HOSTILE_TIMESTAMP), "timestamp"),  # was rendered as markdown
    (1, damage("history.0.at", "2024-03-05"), "timestamp"),  # a date is not a time
    (1, damage("history.0.at", "5 March 2024 10:00"), "timestamp"),
    (1, damage("verdict", {"status": "verified", "note": "ok", "by": "ed", "at": ":red[now]"}), "timestamp"),
    (0, damage("article.imported_at", 1709632800), "text"),
    (1, damage("labels.0.status", "true"), "not one of"),
    (1, damage("history.0.new_status", "maybe"), "not one of"),
    (1, damage("claim.kind", "footnote"), "footnote"),
    (1, damage("labels.0.source_url", "javascript:alert(1)"), "http"),
    (1, damage("labels.0.source_url", "http://[::1"), ""),  # urlsplit raises ValueError on it
    (1, damage("labels.0.reviewer", "ad\x07min"), "control characters"),
    (1, damage("labels.0.reviewer", ""), "reviewer"),
    (1, damage("labels.0.note", "x" * 2001), "2000"),
    (1, damage("verdict", {"status": "verified", "note": "ok", "by": "", "at": "2024-03-05T10:00:00.000Z"}), "name"),
    (1, damage("verdict", {"status": "verified", "note": "", "by": "ed", "at": "2024-03-05T10:00:00.000Z"}), "note"),
    (1, damage("labels.1", {"reviewer": "ann"}), "status"),  # a label without its fields
    (2, damage("claim.start", 0), "article[start:end]"),
    (0, damage("article.sha256", "0" * 64), "sha256"),
    (0, damage("article.source_name", "../../etc/passwd"), "file name"),
    (1, damage("claim.superseded_at", HOSTILE_TIMESTAMP), "timestamp"),  # the lineage branch's fields
    (1, damage("claim.successors", [1.5]), "JSON integer"),
]


@pytest.mark.parametrize("record, change, reason", CASES)
def test_a_damaged_record_refuses_its_article_alone(
    team: Store, exported: str, record: int, change, reason: str
) -> None:
    records = [json.loads(line) for line in exported.splitlines()]
    change(records[record])
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    outcomes = list(import_data(team, data, "backup.jsonl", actor=ADMIN))
    refused = [o for o in outcomes if isinstance(o, Refused)]
    assert len(refused) == 1 and reason.lower() in refused[0].reason.lower(), refused
    assert refused[0].where == f"backup.jsonl line {record + 1}" and "\n" not in refused[0].reason
    assert [type(o) for o in outcomes] == [Refused, ImportResult, ImportResult]
    assert [a.id for a in team.articles()] == [3, 4]  # nothing of article 2 was written


@pytest.mark.parametrize(
    "change, reason",
    [
        (lambda rs: rs[2]["claim"].update(start=rs[1]["claim"]["start"]), "article[start:end]"),
        (lambda rs: (rs[1]["claim"].update(index=2), rs[2]["claim"].update(index=1)), "out of order"),
        (lambda rs: rs[2]["claim"].update(index=rs[1]["claim"]["index"]), "same index"),
        (lambda rs: rs[2]["claim"].update(id=rs[1]["claim"]["id"]), "same segment id"),
        (lambda rs: rs[1]["labels"].append(dict(rs[1]["labels"][0])), "two labels"),
    ],
)
def test_segments_in_order_without_overlap(team: Store, exported: str, change, reason: str) -> None:
    records = [json.loads(line) for line in exported.splitlines()]
    change(records)
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    outcomes = list(import_data(team, data, "backup.jsonl", actor=ADMIN))
    assert isinstance(outcomes[0], Refused) and reason in outcomes[0].reason
    assert counts(team)["articles"] == 2


def test_lineage_fields_are_accepted(team: Store, exported: str) -> None:
    """The lineage branch adds `superseded_at` and `successors` to each claim: optional here."""
    records = [json.loads(line) for line in exported.splitlines()]
    for record in records:
        record["claim"].update(superseded_at=None, successors=[])
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    assert all(isinstance(o, ImportResult) for o in import_data(team, data, "backup.jsonl", actor=ADMIN))


# -- the Articles page: only admins are offered the restore -------------------------------------------


@pytest.mark.parametrize("email, offered", [(ADMIN, True), ("ed@news.example", False), (REVIEWER, False)])
def test_only_admins_see_the_restore_option(
    team: Store, exported: str, email: str, offered: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_app_roles import signed_in

    monkeypatch.setenv("WORKBENCH_DEMO_ARTICLES", "off")
    team.add_account("ed@news.example", "editor", by=OPERATOR)
    at = signed_in(email, "articles")
    at.file_uploader(key="upload-files").upload("backup.jsonl", exported.encode(), "application/jsonl").run()
    assert not at.exception, at.exception
    restore = [box for box in at.checkbox if box.key == "upload-restore-0"]
    assert bool(restore) is offered
    if not offered:
        assert any("needs an admin" in caption.value for caption in at.caption)
    at.button(key="upload-save").click().run()
    assert not at.exception, at.exception
    assert counts(team)["labels"] == (8 if offered else 0) and counts(team)["articles"] == 3
    assert [e["actor"] for e in team.events(viewer=OPERATOR) if e["action"] == "restore"] == (
        [email] if offered else []
    )


@pytest.mark.parametrize(
    "where, value",
    [("claim", 2**64), ("article", 2**64), ("article", 10**30), ("claim", 2**63)],  # 2**64 gave a traceback
)
def test_huge_ids_are_one_line_on_the_command_line(
    capsys, store: Store, exported: str, tmp_path: Path, where: str, value: int
) -> None:
    records = [json.loads(line) for line in exported.splitlines()]
    for record in records[:4]:  # the whole first article, so its lines stay one article
        if where == "article" or record is records[1]:
            record[where]["id"] = value
    path = tmp_path / "backup.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    code, out, err = run(capsys, "import", str(path))
    assert code == 1 and len(out.splitlines()) == 1 + 2 and "Traceback" not in err  # a header, two articles
    assert err.count("\n") == 1 and "out of range" in err and err.startswith("workbench: refused: backup.jsonl line ")
    assert counts(store)["articles"] == 2


def test_a_broken_database_rule_refuses_the_article_on_either_engine(
    team: Store, exported: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The backstop in formats/jsonl.py: a constraint the database itself enforces (here the same meta key
    twice) is refused as contradicting records, from SQLite and from PostgreSQL alike, and nothing stays."""

    def contradicting(self: Store, article: dict, segments: object, *, by: str, source: str = "") -> tuple[int, bool]:
        with self.write() as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES ('restore-test', '1')")
            conn.execute("INSERT INTO meta (key, value) VALUES ('restore-test', '2')")
        return 0, True

    monkeypatch.setattr(Store, "restore_article", contradicting)
    outcomes = list(import_data(team, exported.encode(), "backup.jsonl", actor=ADMIN))
    refused = [o for o in outcomes if isinstance(o, Refused)]
    assert len(refused) == 3 and all("records contradict each other" in o.reason for o in refused)
    assert team.meta("restore-test") is None
