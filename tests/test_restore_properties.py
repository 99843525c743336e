"""Hypothesis over malformed export records: one refusal per damaged article, never a crash, nothing half-written."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from tests.test_app_roles import APP, AUTH
from tests.test_restore import ADMIN, REVIEWER, counts, source
from workbench.errors import InvalidInput
from workbench.formats.batch import Refused
from workbench.formats.restore_rules import timestamp
from workbench.importing import ImportResult, import_data
from workbench.store import Store
from workbench.store.accounts import OPERATOR


def _not_a_timestamp(value: object) -> bool:
    try:
        timestamp(value, "x")
    except InvalidInput:
        return True
    return False


ANYTHING_BUT = {  # per kind of field: values a fresh write would refuse there
    "integer": st.one_of(
        st.floats(),  # 15.5, 2.0, NaN: JSON numbers that are not integers
        st.booleans(),
        st.text(max_size=4),  # "15"
        st.none(),
        st.integers(min_value=2**63, max_value=2**70),
        st.integers(max_value=-1),
        st.lists(st.integers(), max_size=2),
    ),
    "timestamp": st.one_of(
        st.sampled_from(
            [
                "![x](https://evil.example/beacon.png)",
                ":red[now]",
                "2024-03-05",
                "2024-03-05T10:00:00",  # no zone
                "2024-13-05T10:00:00.000Z",
                "2024-03-05 10:00:00Z",
            ]
        ),
        st.text(max_size=30).filter(_not_a_timestamp),
        st.integers(),
        st.none(),
    ),
    "kind": st.one_of(st.text(max_size=12).filter(lambda v: v not in {"claim", "heading", "boilerplate"}), st.none()),
    "status": st.one_of(
        st.text(max_size=12).filter(lambda v: v not in {"verified", "unverified", "disputed"}), st.integers()
    ),
    "link": st.one_of(
        st.sampled_from(
            [
                "javascript:alert(1)",
                "http://[::1",
                "ftp://files.example/x",
                "https://trusted@evil.example/",
                "https://exa mple.org/",
                "data:text/html,<b>x</b>",
                "https://x.example/" + "a" * 2100,
            ]
        ),
        st.integers(),
    ),
    "name": st.one_of(st.sampled_from(["", "   ", "a" * 101, "ad\x00min", "bell\x07"]), st.integers(), st.none()),
    "note": st.one_of(st.sampled_from(["x" * 2001, "esc\x1b[31m"]), st.integers(), st.lists(st.text(), max_size=1)),
    "verdict": st.one_of(
        st.integers(),
        st.text(max_size=5),
        st.lists(st.none(), max_size=1),
        st.fixed_dictionaries({"status": st.none()}),
    ),
    "text": st.text(max_size=20),
    "title": st.one_of(
        st.sampled_from(["x" * 201, "bell\x07", "nul\x00"]), st.integers(), st.booleans(), st.lists(st.none())
    ),
    "published": st.one_of(st.sampled_from(["5 March 2024", ":red[2024]", "2024-02-30"]), st.integers(), st.none()),
}
FIELDS = [  # (path in a segment record, kind); "labels.0" and "history.0" only where the record has one
    ("claim.start", "integer"),
    ("claim.end", "integer"),
    ("claim.index", "integer"),
    ("claim.paragraph", "integer"),
    ("claim.id", "integer"),
    ("claim.kind", "kind"),
    ("claim.text", "text"),
    ("labels.0.version", "integer"),
    ("labels.0.created_at", "timestamp"),
    ("labels.0.updated_at", "timestamp"),
    ("labels.0.status", "status"),
    ("labels.0.source_url", "link"),
    ("labels.0.reviewer", "name"),
    ("labels.0.note", "note"),
    ("history.0.at", "timestamp"),
    ("history.0.new_status", "status"),
    ("history.0.new_source_url", "link"),
    ("history.0.reviewer", "name"),
    ("verdict", "verdict"),
]
FIRST_ONLY = [("article.imported_at", "timestamp"), ("article.title", "title"), ("article.published", "published")]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    return [json.loads(line) for line in source(tmp_path_factory.mktemp("source") / "source.db").splitlines()]


def _set(record: dict, path: str, value: object) -> bool:
    """Set the value at `path`; False when the record has no such place (no label, no history)."""
    *parents, last = path.split(".")
    target: object = record
    for key in parents:
        if isinstance(target, list):
            if not target:
                return False
            target = target[int(key)]
        else:
            target = target[key]  # type: ignore[index]
    if isinstance(target, list):
        if not target:
            return False
        target[int(last)] = value
    elif path == "claim.text" and value == target.get(last):  # type: ignore[union-attr]
        target[last] = f"{value}!"  # type: ignore[index]
    else:
        target[last] = value  # type: ignore[index]
    return True


@st.composite
def damaged_files(draw, records: list[dict]) -> tuple[list[dict], set[int]]:
    """The export with some of its articles damaged in one field of one record each; the damaged article ids."""
    records = json.loads(json.dumps(records))
    damaged = set()
    for article_id in sorted({r["article"]["id"] for r in records}):
        if not draw(st.booleans()):
            continue
        mine = [i for i, r in enumerate(records) if r["article"]["id"] == article_id]
        position = draw(st.sampled_from(mine))
        fields = FIELDS + (FIRST_ONLY if position == mine[0] else [])
        path, kind = draw(st.sampled_from(fields))
        value = draw(ANYTHING_BUT[kind])
        if _set(records[position], path, value):
            note(f"article {article_id}, line {position + 1}: {path} = {value!r}")
            damaged.add(article_id)
    return records, damaged


def expected_counts(records: list[dict], articles: set[int], full: bool) -> dict[str, int]:
    mine = [r for r in records if r["article"]["id"] in articles]
    return {
        "articles": len(articles),
        "segments": len(mine),
        "labels": sum(len(r["labels"]) for r in mine) if full else 0,
        "label_events": sum(len(r["history"]) for r in mine) if full else 0,
        "verdicts": sum(1 for r in mine if r["verdict"]) if full else 0,
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), as_admin=st.booleans())
def test_malformed_records_are_refused_whole_and_alone(exported: list[dict], data, as_admin: bool) -> None:
    records, damaged = data.draw(damaged_files(exported))
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "fresh.db") as store:
        store.add_account(ADMIN, "admin", by=OPERATOR)
        store.add_account(REVIEWER, "reviewer", by=OPERATOR)
        outcomes = list(import_data(store, lines, "backup.jsonl", actor=ADMIN if as_admin else REVIEWER))
        refused = [o for o in outcomes if isinstance(o, Refused)]
        assert len(refused) == len(damaged), refused  # one line per damaged article
        assert all("\n" not in o.reason and o.where.startswith("backup.jsonl line ") for o in refused)
        whole = {r["article"]["id"] for r in records} - damaged
        assert sum(isinstance(o, ImportResult) for o in outcomes) == len(whole)
        assert counts(store) == expected_counts(records, whole, as_admin)  # nothing of a damaged article


def test_a_line_that_is_no_record_refuses_its_article(exported: list[dict], tmp_path: Path) -> None:
    lines = [json.dumps(r) for r in exported]
    lines[1] = '{"format": "workbench-claim/1", "article": '  # cut short: its segment would be missing
    with Store(tmp_path / "fresh.db") as store:
        outcomes = list(import_data(store, "\n".join(lines).encode(), "backup.jsonl"))
        assert [type(o) for o in outcomes] == [Refused, ImportResult, ImportResult]
        assert outcomes[0].where == "backup.jsonl line 2" and "lines 1–4" in outcomes[0].reason
        assert [a.id for a in store.articles()] == [3, 4]


def test_the_review_page_survives_a_restore_attempt_with_a_fractional_offset(
    exported: list[dict], db_path: Path
) -> None:
    records = json.loads(json.dumps(exported))
    records[1]["claim"]["start"] += 0.5  # "start": 15.5 crashed the Review page for everyone whose queue reached it
    with Store(db_path) as store:
        for email, role in ((ADMIN, "admin"), ("ed@news.example", "editor"), (REVIEWER, "reviewer")):
            store.add_account(email, role, by=OPERATOR)
        data = "".join(json.dumps(r) + "\n" for r in records).encode()
        outcomes = list(import_data(store, data, "backup.jsonl"))
    for email in (ADMIN, "ed@news.example", REVIEWER):
        at = AppTest.from_file(APP, default_timeout=60)
        at.secrets["auth"] = AUTH
        at.user = {"is_logged_in": True, "email": email}
        at.query_params["claim"] = str(records[1]["claim"]["id"])  # a deep link, as from History or Find
        at.run()
        at.switch_page("app_pages/review.py").run()
        assert not at.exception, at.exception
        for button in ("nav-next", "nav-unlabelled", "nav-prev"):  # and on through the queue
            at.button(key=button).click().run()
            assert not at.exception, at.exception
    fraction = records[1]["claim"]["start"]
    assert isinstance(outcomes[0], Refused) and f"start must be a JSON integer, not {fraction}" in outcomes[0].reason
