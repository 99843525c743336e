"""The README's Python API example runs as written, on both engines, under the same rules as the CLI."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from tests.test_docs import README
from workbench import NotAuthorized, open_store
from workbench.store.accounts import OPERATOR

EXAMPLE = re.search(r"## Python API\n.*?```python\n(.*?)\n```", README, flags=re.S).group(1)  # type: ignore[union-attr]


def run_example(db_path: Path | str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder)
    code = EXAMPLE.replace('"newsroom.db"', repr(str(db_path)))
    assert code != EXAMPLE, "the example no longer opens newsroom.db"
    exec(compile(code, "README.md", "exec"), {})


def test_the_readme_example_runs(db_path: Path | str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run_example(db_path, tmp_path, monkeypatch)
    rows = list(csv.DictReader((tmp_path / "labels.csv").open(encoding="utf-8", newline="")))
    assert [(r["claim_text"], r["status"], r["reviewer"]) for r in rows] == [
        ("The bank raised rates by 2% on Monday.", "verified", "ann@news.example")
    ]


def test_the_example_obeys_accounts_as_the_pages_do(
    db_path: Path | str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(db_path) as store:
        store.add_account("admin@news.example", "admin", by=OPERATOR)
    # ann has no account in this team: the store refuses her label, as the Review page and the CLI would.
    with pytest.raises(NotAuthorized, match="has no account"):
        run_example(db_path, tmp_path, monkeypatch)
    with open_store(db_path) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM labels").fetchone()[0] == 0
