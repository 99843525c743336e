"""Blind review through the pages (AppTest, team mode): what a reviewer who has not labelled a claim sees.

The findings of issue 11: on the Export page, Status = unlabelled with JSONL or ClaimReview handed a
reviewer every other reviewer's status, link and note and the editor's verdict; the History panel and
the Review page's "other reviewers" panel showed other reviewers' names, statuses and the verdict on
claims the viewer had not labelled. tests/test_blind_review.py holds the store-level matrix.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from tests.test_app_roles import signed_in
from workbench.database import open_store
from workbench.models import ReviewSettings
from workbench.store import Store
from workbench.store.accounts import OPERATOR

OTHER = "zorbo.marker@news.example"  # the reviewer whose work must stay hidden
LINK = "https://link-marker.example/evidence"
NOTE = "note-marker-7f3a"
VERDICT_NOTE = "verdict-marker-91c2"
MARKERS = (OTHER, "link-marker", NOTE, VERDICT_NOTE)
TEAM = {
    "admin@news.example": "admin",
    "ed@news.example": "editor",
    "ann@news.example": "reviewer",  # labels the claim too
    "cy@news.example": "reviewer",  # labels nothing: must see none of the markers under blind review
    OTHER: "reviewer",
}


@pytest.fixture
def marked(db_path: Path) -> int:
    """The demo articles; on the first claim OTHER's label and ann's, and the editor's verdict."""
    with open_store(demo=True) as store:
        for email, role in TEAM.items():
            store.add_account(email, role, by=OPERATOR)
        claim = _first_claim(store)
        store.save_label(claim, status="disputed", reviewer=OTHER, source_url=LINK, note=NOTE)
        store.save_label(claim, status="verified", reviewer="ann@news.example", source_url="https://ann.example/a")
        store.adjudicate(claim, status="disputed", note=VERDICT_NOTE, by="ed@news.example")
    return claim


def _first_claim(store: Store) -> int:
    return store.conn.execute("SELECT id FROM segments WHERE kind = 'claim' ORDER BY article_id, idx").fetchone()[0]


def leaked(text: str) -> list[str]:
    return [marker for marker in MARKERS if marker in text]


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> list[Callable[[], bytes]]:
    """The callables the download buttons register: called here, they build the file the browser would get."""
    built: list[Callable[[], bytes]] = []
    register = MediaFileManager.add_deferred

    def capture(self, data, *args, **kwargs):
        built.append(data)
        return register(self, data, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", capture)
    return built


def export(email: str, fmt: str, status: str | None, downloads: list) -> tuple[str, str]:
    """(the preview's text, the downloaded file) of the Export page for `email`."""
    at = signed_in(email, "export")
    at.selectbox(key="export-status").select(status).run()
    at.radio(key="export-format").set_value(fmt).run()
    assert not at.exception, at.exception
    preview = " ".join(frame.value.to_csv() for frame in at.dataframe)
    return preview, downloads[-1]().decode("utf-8")


def set_blind(db_path: Path, blind: bool) -> None:
    with Store(db_path) as store:
        store.set_review_settings(ReviewSettings(blind=blind, reviews_per_claim=1), by=OPERATOR)


@pytest.mark.parametrize("fmt", ["jsonl", "claimreview", "csv", "csv-wide"])
@pytest.mark.parametrize("status", ["unlabelled", None, "disputed"])
def test_export_page_hides_others_work_from_a_reviewer_who_has_not_labelled(
    db_path: Path, marked: int, downloads: list, fmt: str, status: str | None
) -> None:
    # The original finding: Status = unlabelled with JSONL or ClaimReview; every other format and filter too.
    preview, file = export("cy@news.example", fmt, status, downloads)
    assert leaked(preview) == [] and leaked(file) == []


@pytest.mark.parametrize("fmt", ["jsonl", "claimreview"])
@pytest.mark.parametrize(
    "email, blind",
    [
        ("ann@news.example", True),  # labelled the claim: sees the others' labels and the verdict
        ("ed@news.example", True),  # editors see everything
        ("admin@news.example", True),
        ("cy@news.example", False),  # blind review off: everyone sees everything
    ],
)
def test_export_page_shows_them_to_those_who_may_see_them(
    db_path: Path, marked: int, downloads: list, fmt: str, email: str, blind: bool
) -> None:
    set_blind(db_path, blind)
    _, file = export(email, fmt, None, downloads)
    # ClaimReview cites the verdict's author and the link of a label with its status, never a note.
    expected = [OTHER, "link-marker", NOTE, VERDICT_NOTE] if fmt == "jsonl" else ["link-marker"]
    assert leaked(file) == expected


def review_panels(email: str, claim: int) -> str:
    """The text of the Review page's "other reviewers" and History panels on `claim`."""
    at = signed_in(email)
    at.query_params["claim"] = str(claim)
    at.run()
    assert not at.exception, at.exception
    expanders = [e for e in at.expander if e.label.startswith(("Other reviewers", "History"))]
    assert len(expanders) == 2
    texts = []
    for expander in expanders:
        texts += [e.proto.body for e in expander.get("html")] + [str(e.value) for e in expander.caption]
        texts += [frame.value.to_csv() for frame in expander.dataframe]
    return "\n".join(texts)


@pytest.mark.parametrize(
    "email, blind, hidden",
    [
        ("cy@news.example", True, True),  # has not labelled the claim: nobody's name, status, note, verdict
        ("ann@news.example", True, False),
        ("ed@news.example", True, False),
        ("admin@news.example", True, False),
        ("cy@news.example", False, False),
    ],
)
def test_history_and_others_panels(db_path: Path, marked: int, email: str, blind: bool, hidden: bool) -> None:
    set_blind(db_path, blind)
    shown = review_panels(email, marked)
    if hidden:
        assert leaked(shown) == []
        assert "ann@news.example" not in shown and "ed@news.example" not in shown
        assert "disputed" not in shown
    else:
        assert OTHER in shown and NOTE in shown and VERDICT_NOTE in shown and "ed@news.example" in shown


def test_history_appears_once_the_reviewer_has_labelled(db_path: Path, marked: int) -> None:
    assert leaked(review_panels("cy@news.example", marked)) == []
    with Store(db_path) as store:
        store.save_label(marked, status="unverified", reviewer="cy@news.example")
    assert OTHER in review_panels("cy@news.example", marked)


def test_dashboard_counts_only_what_the_reviewer_may_see(db_path: Path, marked: int) -> None:
    at = signed_in("cy@news.example", "dashboard")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Disagreements"] == "0"
    assert not [frame for frame in at.get("arrow_vega_lite_chart") if OTHER in str(frame.proto)]
    assert OTHER not in str([e.proto for e in at.main])
    at = signed_in("ann@news.example", "dashboard")
    assert {m.label: m.value for m in at.metric}["Disagreements"] == "1"


def test_find_by_another_reviewer_reveals_nothing(db_path: Path, marked: int) -> None:
    set_blind(db_path, False)
    at: AppTest = signed_in("cy@news.example")
    assert OTHER in at.selectbox(key="find-reviewer").options  # blind off: the filter is there
    set_blind(db_path, True)
    at = signed_in("cy@news.example")
    box = [s for s in at.selectbox if s.key == "find-reviewer"]
    assert not box or OTHER not in box[0].options
    if [c for c in at.checkbox if c.key == "find-disagreement"]:
        at.checkbox(key="find-disagreement").check().run()
    assert not any(f"claim={marked}" in frame.value.to_csv() for frame in at.dataframe)
