"""WORKBENCH_RUN_TRACE: each run of the page and of the Review panel appends its figures (bench/review_latency.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_app_pages import app
from workbench.store import Store
from workbench.store.trace import counting


def test_each_run_appends_its_time_and_statements(
    store: Store, article: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trace = tmp_path / "runs.jsonl"
    monkeypatch.setenv("WORKBENCH_RUN_TRACE", str(trace))
    at = app(reviewer="ann")
    at.run()
    runs = [json.loads(line) for line in trace.read_text(encoding="utf-8").splitlines()]
    assert [run["what"] for run in runs] == ["review", "page"] * 2  # the panel ends inside the page's run
    for run in runs:
        assert run["ms"] > 0 and run["cpu_ms"] >= 0 and run["sql"] > 0
    page, panel = runs[1], runs[0]
    assert page["sql"] > panel["sql"]  # the page's count includes its panel's: counters nest


def test_off_writes_nothing(store: Store, article: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WORKBENCH_RUN_TRACE", raising=False)
    before = set(tmp_path.iterdir())
    app(reviewer="ann")
    assert set(tmp_path.iterdir()) - before == set()  # no trace file, not even one named after the default


def test_counting_nests_and_ends(store: Store, article: int) -> None:
    with counting(store) as outer:
        store.progress()
        with counting(store) as inner:
            store.progress("ann")
        store.progress()
    store.progress()
    assert (outer[0], inner[0]) == (4, 2)  # progress(reviewer) reads two counters
