"""Shared fixtures: a real SQLite file per test, the database path in WORKBENCH_DB, the shared data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.models import Segment, SegmentKind, Split
from workbench.store import Store

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PROJECT_DB = REPO / "annotations" / "workbench.db"


def _state(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return found.st_mtime_ns, found.st_size


@pytest.fixture(scope="session", autouse=True)
def project_database_untouched():
    """No test may write the project's own database (a command run without --db or WORKBENCH_DB lands
    there): seen as three test articles in annotations/workbench.db after a CI run."""
    before = _state(PROJECT_DB)
    yield
    assert _state(PROJECT_DB) == before, f"a test wrote {PROJECT_DB}; give it the db_path fixture"


@pytest.fixture(autouse=True)
def no_link_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Labels saved by tests fetch nothing (the links they cite are made up): the tests of link checks turn
    WORKBENCH_LINK_CHECKS back on, with pages of their own on 127.0.0.1."""
    monkeypatch.setenv("WORKBENCH_LINK_CHECKS", "off")


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database file in a fresh folder, also named by WORKBENCH_DB for code that reads the setting."""
    path = tmp_path / "workbench.db"
    monkeypatch.setenv("WORKBENCH_DB", str(path))
    return path


@pytest.fixture
def store(db_path: Path):
    with Store(db_path) as opened:
        yield opened


def make_split(text: str, parts: list[tuple[str, str]], language: str = "en") -> Split:
    """A hand-made split of `text`: each part is (kind, segment text), found in order."""
    segments, cursor = [], 0
    for index, (kind, piece) in enumerate(parts):
        start = text.index(piece, cursor)
        cursor = start + len(piece)
        segments.append(Segment(index, SegmentKind(kind), piece, start, cursor, 0))
    return Split(text, language, language, tuple(segments))


@pytest.fixture
def article(store: Store) -> int:
    """One stored article: a heading, three claims, a boilerplate line."""
    text = "Rates rise again\nThe bank raised rates. Prices fell 2%. Nobody saw it coming.\nShare this"
    split = make_split(
        text,
        [
            ("heading", "Rates rise again"),
            ("claim", "The bank raised rates."),
            ("claim", "Prices fell 2%."),
            ("claim", "Nobody saw it coming."),
            ("boilerplate", "Share this"),
        ],
    )
    article_id, _ = store.add_article(split, title="Rates")
    return article_id


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED
