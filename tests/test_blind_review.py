"""Blind review, one matrix: every read path × every role × blind review on and off (issue 11, finding 4).

One claim carries another reviewer's label whose name, link and note are unique marker strings, ann's
label, and an editor's verdict with a marker note. Under blind review no marker reaches a reviewer who
has not labelled that claim, by any path: the store's reads, Find, every export format and filter, the
pages (AppTest, team mode). Everyone else sees exactly what the command line (the operator) sees.
A Hypothesis property then checks the rule itself over random labels, verdicts and filters: what a
blind reviewer gets equals what the operator gets from a copy of the database with everything hidden
from that reviewer removed.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.runtime.media_file_manager import MediaFileManager

from tests.conftest import make_split
from tests.test_app_pages import app
from tests.test_app_roles import signed_in
from workbench import agreement
from workbench.cli import main
from workbench.database import open_store
from workbench.errors import NotAuthorized
from workbench.exporting import EXPORT_FORMATS, export_text
from workbench.models import ReviewSettings
from workbench.store import Store
from workbench.store.accounts import OPERATOR
from workbench.store.copying import copy_workbench
from workbench.store.search import ClaimFilter

OTHER = "zorbo.marker@news.example"  # the reviewer whose work must stay hidden
LINK = "https://link-marker.example/evidence"
NOTE = "note-marker-7f3a"
VERDICT_NOTE = "verdict-marker-91c2"
MARKERS = (OTHER, "link-marker", NOTE, VERDICT_NOTE)
TEAM = {
    "admin@news.example": "admin",
    "ed@news.example": "editor",
    "ann@news.example": "reviewer",  # labels the marked claim too
    "cy@news.example": "reviewer",  # labels another claim, never the marked one
    OTHER: "reviewer",
}
# role: (viewer, whether the database has accounts)
ROLES = {
    "reviewer who labelled": ("ann@news.example", True),
    "reviewer who did not": ("cy@news.example", True),
    "editor": ("ed@news.example", True),
    "admin": ("admin@news.example", True),
    "operator": (OPERATOR, True),  # the command line
    "open workbench": ("cy@news.example", False),  # no accounts yet: open to whoever runs it
    "name without account": ("stranger@news.example", True),  # not on the team: sees nobody's work
}


def hidden(role: str, blind: bool) -> bool:
    return (role == "reviewer who did not" and blind) or role == "name without account"


def leaked(text: str) -> list[str]:
    return [marker for marker in MARKERS if marker in text]


def build(db_path: Path, accounts: bool, blind: bool) -> int:
    """The demo articles; on the first claim OTHER's label, ann's and the editor's verdict; cy labels the second."""
    with open_store(db_path, demo=True) as store:
        if accounts:
            for email, role in TEAM.items():
                store.add_account(email, role, by=OPERATOR)
        store.set_review_settings(ReviewSettings(blind=blind, reviews_per_claim=1), by=OPERATOR)
        first, second = [c.id for c in store.claims()][:2]
        store.save_label(first, status="disputed", reviewer=OTHER, source_url=LINK, note=NOTE)
        store.save_label(first, status="verified", reviewer="ann@news.example", source_url="https://ann.example/a")
        store.adjudicate(first, status="disputed", note=VERDICT_NOTE, by="ed@news.example")
        store.save_label(second, status="unverified", reviewer="cy@news.example", note="cy's own")
    return first


@pytest.fixture(params=[True, False], ids=["blind", "not blind"])
def blind(request: pytest.FixtureRequest) -> bool:
    return request.param


@pytest.fixture(params=list(ROLES))
def role(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[[bool, bool], tuple[Path, int]]:
    """build() once per (accounts, blind) for the whole module: (the database file, the marked claim)."""
    done: dict[tuple[bool, bool], tuple[Path, int]] = {}

    def get(accounts: bool, blind: bool) -> tuple[Path, int]:
        if (accounts, blind) not in done:
            path = tmp_path_factory.mktemp("blind") / "workbench.db"
            done[accounts, blind] = path, build(path, accounts, blind)
        return done[accounts, blind]

    return get


@pytest.fixture
def world(built, role: str, blind: bool) -> tuple[Store, str, int]:
    """(the store, the role's viewer, the marked claim); the tests using it only read."""
    viewer, accounts = ROLES[role]
    path, claim = built(accounts, blind)
    with Store(path) as store:
        yield store, viewer, claim


def test_the_policy_table(world: tuple[Store, str, int], role: str, blind: bool) -> None:
    # Who sees every label: the one decision (store/visibility.py) every read below applies. Reviewers
    # only with blind review off; a name without an account never; everyone else always.
    store, viewer, _ = world
    if role == "name without account":
        expected = False
    elif role in ("reviewer who labelled", "reviewer who did not"):
        expected = not blind
    else:
        expected = True
    assert store.sees_everything(viewer) == expected


# -- the store's reads -------------------------------------------------------------------------------

READS: dict[str, Callable[[Store, str, int], object]] = {
    "labels": lambda s, v, c: s.labels(c, viewer=v),
    "visible_labels": lambda s, v, c: s.visible_labels(c, v),
    "others_labels": lambda s, v, c: s.others_labels(c, viewer=v),
    "label": lambda s, v, c: s.label(c, OTHER, viewer=v),
    "verdict": lambda s, v, c: s.verdict(c, viewer=v),
    "history": lambda s, v, c: s.history(c, viewer=v),
    "claim_history": lambda s, v, c: s.claim_history(c, viewer=v),
    "claim events": lambda s, v, c: s.events(f"claim:{c}", viewer=v),
    # The whole log, of which claims' events are what blind review is about (account changes are not).
    "event log": lambda s, v, c: [e for e in s.events(viewer=v) if e["subject"].startswith("claim:")],
    "reviewers": lambda s, v, c: s.reviewers(viewer=v),
    "label_counts": lambda s, v, c: s.label_counts(viewer=v),
    "ratings": lambda s, v, c: s.ratings(viewer=v),
    "final_verdicts": lambda s, v, c: s.final_verdicts(viewer=v),
    "segment_records": lambda s, v, c: list(s.segment_records(viewer=v)),
    "export_rows": lambda s, v, c: list(s.export_rows(viewer=v)),
    "export_lines": lambda s, v, c: list(s.export_lines(viewer=v)),
}


@pytest.mark.parametrize("read", list(READS))
def test_store_reads(world: tuple[Store, str, int], role: str, blind: bool, read: str) -> None:
    store, viewer, claim = world
    shown = repr(READS[read](store, viewer, claim))
    everything = repr(READS[read](store, OPERATOR, claim))
    assert leaked(everything)  # the operator sees the markers: the check below is not vacuous
    if hidden(role, blind):
        assert leaked(shown) == []
    else:
        assert leaked(shown) == leaked(everything)


def test_agreement_counts_only_claims_the_viewer_sees(world: tuple[Store, str, int], role: str, blind: bool) -> None:
    # The report names no pair of reviewers sharing fewer than two claims (hdata), so in this world it cannot
    # carry the markers; what it could give away is that the marked claim was labelled twice: its `n`.
    store, viewer, _ = world
    everything = agreement.report(*store.ratings(viewer=OPERATOR), minimum=1)
    shown = agreement.report(*store.ratings(viewer=viewer), minimum=1)
    assert everything["n"] == 1 and everything["fleiss_kappa"] is not None
    assert shown["n"] == (0 if hidden(role, blind) else 1)


# -- Find: filters by another reviewer, their status or a disagreement ------------------------------

# name: (filter, whether a viewer who may not see the claim's labels finds it)
FINDS = {
    "labelled by OTHER": (ClaimFilter(reviewer=OTHER), False),
    "disputed": (ClaimFilter(status="disputed"), False),
    "disputed by OTHER": (ClaimFilter(status="disputed", reviewer=OTHER), False),
    "disagreement": (ClaimFilter(disagreement=True), False),
    "unlabelled": (ClaimFilter(status="unlabelled"), True),  # to them nobody has labelled it
    "unlabelled by OTHER": (ClaimFilter(status="unlabelled", reviewer=OTHER), True),
}


@pytest.mark.parametrize("name", list(FINDS))
def test_find(world: tuple[Store, str, int], role: str, blind: bool, name: str) -> None:
    store, viewer, claim = world
    found, when_hidden = FINDS[name]
    finds = claim in store.find_claim_ids(found, viewer=viewer)
    assert finds == (claim in [c.id for c in store.find_claims(found, viewer=viewer)])
    assert finds == (when_hidden if hidden(role, blind) else not when_hidden)


def test_disagreements_and_adjudication(world: tuple[Store, str, int], role: str, blind: bool) -> None:
    store, viewer, claim = world
    assert (claim in store.disagreements(viewer=viewer)) == (not hidden(role, blind))
    # Reading the disagreements with their labels to settle them is an editor's right, blind or not.
    if role in ("reviewer who labelled", "reviewer who did not", "name without account"):
        with pytest.raises(NotAuthorized):
            store.adjudication_queue(viewer=viewer)
    else:
        assert claim in store.adjudication_queue(viewer=viewer)


# -- every export format, with every filter ----------------------------------------------------------

FILTERS = {
    "everything": {},
    "unlabelled": {"status": "unlabelled"},  # the original finding, with JSONL and ClaimReview
    "disputed": {"status": "disputed"},
    "by OTHER": {"reviewer": OTHER},
    "unlabelled by OTHER": {"status": "unlabelled", "reviewer": OTHER},
    "disagreement": {"disagreement": True},
    "search": {"language": "the marked claim's"},  # the search filters go through find_claim_ids
}


@pytest.mark.parametrize("filters", list(FILTERS))
@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_exports(world: tuple[Store, str, int], role: str, blind: bool, fmt: str, filters: str) -> None:
    store, viewer, claim = world
    chosen = {"language": store.claim(claim).language} if filters == "search" else FILTERS[filters]
    shown = export_text(store, fmt, viewer=viewer, **chosen)
    everything = export_text(store, fmt, viewer=OPERATOR, **chosen)
    if hidden(role, blind):
        assert leaked(shown) == []
    else:
        assert leaked(shown) == leaked(everything)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_the_command_line_exports_everything(db_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    # The command line acts as the operator: whoever runs it can read the file anyway.
    build(db_path, accounts=True, blind=True)
    assert main(["export", "--db", str(db_path), "--format", fmt, "--status", "disputed"]) == 0
    assert leaked(capsys.readouterr().out) == list(MARKERS)


def test_unlabelled_means_not_labelled_by_the_viewer(db_path: Path) -> None:
    # Claims nobody labelled would tell a blind reviewer which claims the others have done.
    claim = build(db_path, accounts=True, blind=True)
    with Store(db_path) as store:
        mine = {c.id for c in store.find_claims(ClaimFilter(status="unlabelled"), viewer="cy@news.example")}
        nobody = {c.id for c in store.find_claims(ClaimFilter(status="unlabelled"), viewer=OPERATOR)}
        labelled_by_cy = {
            r["claim_id"] for r in store.export_rows(viewer=OPERATOR) if r["reviewer"] == "cy@news.example"
        }
        assert mine == {c.id for c in store.claims()} - labelled_by_cy
        assert claim in mine and claim not in nobody
        rows = list(store.export_rows(status="unlabelled", viewer="cy@news.example"))
        assert {r["claim_id"] for r in rows} == mine and {r["reviewer"] for r in rows} == {""}


# -- the pages (AppTest: team mode signs in through st.user; the open workbench picks a name) ---------

PAGE_ROLES = ["reviewer who labelled", "reviewer who did not", "editor", "admin", "open workbench"]


@pytest.fixture
def copied(db_path: Path, built) -> Callable[[bool, bool], int]:
    """A copy of the built database at db_path (where the app looks), for pages that may write; the marked claim."""

    def copy(accounts: bool, blind: bool) -> int:
        path, claim = built(accounts, blind)
        if isinstance(db_path, Path):
            with Store(path) as original:
                original.backup(db_path)
        else:  # the built SQLite workbench, copied into this test's PostgreSQL database
            copy_workbench(path, db_path)
        return claim

    return copy


def session(role: str, page: str | None = None):
    viewer, accounts = ROLES[role]
    return signed_in(viewer, page) if accounts else app(page, reviewer=viewer)


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


def export_page(role: str, fmt: str, status: str | None, downloads: list) -> tuple[str, str]:
    """(the preview's text, the downloaded file) of the Export page for `role`."""
    at = session(role, "export")
    at.selectbox(key="export-status").select(status).run()
    at.radio(key="export-format").set_value(fmt).run()
    assert not at.exception, at.exception
    return " ".join(frame.value.to_csv() for frame in at.dataframe), downloads[-1]().decode("utf-8")


# The store's matrix above has every format and filter; through the page, the formats of the finding.
@pytest.mark.parametrize("status", ["unlabelled", None])
@pytest.mark.parametrize("fmt", ["jsonl", "claimreview"])
@pytest.mark.parametrize("page_role", PAGE_ROLES)
def test_export_page(
    db_path: Path, copied, downloads: list, page_role: str, blind: bool, fmt: str, status: str | None
) -> None:
    # The original finding: Status = unlabelled with JSONL or ClaimReview handed a reviewer everything.
    copied(ROLES[page_role][1], blind)
    preview, file = export_page(page_role, fmt, status, downloads)
    with Store(db_path) as store:
        everything = export_text(store, fmt, viewer=OPERATOR, status=status)
    if hidden(page_role, blind):
        assert leaked(preview) == [] and leaked(file) == []
    else:
        assert leaked(file) == leaked(everything)
        assert status or leaked(file)  # without the unlabelled filter the marked claim is in the file


@pytest.mark.parametrize("status", ["unlabelled", None])
@pytest.mark.parametrize("fmt", ["csv", "csv-wide"])
def test_export_page_spreadsheets_for_a_blind_reviewer(copied, downloads: list, fmt: str, status: str | None) -> None:
    copied(True, True)
    preview, file = export_page("reviewer who did not", fmt, status, downloads)
    assert leaked(preview) == [] and leaked(file) == []


def review_panels(role: str, claim: int) -> str:
    """The text of the Review page's "Other reviewers" panel and its History table on `claim`."""
    viewer, accounts = ROLES[role]
    at = signed_in(viewer) if accounts else app(reviewer=viewer)
    at.query_params["claim"] = str(claim)
    at.run()
    assert not at.exception, at.exception
    at.toggle(key="show-history").set_value(True).run()  # History is a toggle, not an expander
    assert not at.exception, at.exception
    panels = [e for e in at.expander if e.label.startswith("Other reviewers")]
    assert len(panels) == 1
    texts = []
    for panel in panels:
        texts += [e.proto.body for e in panel.get("html")] + [str(e.value) for e in panel.caption]
    texts += [frame.value.to_csv() for frame in at.dataframe]  # the History table
    return "\n".join(texts)


@pytest.mark.parametrize("page_role", PAGE_ROLES)
def test_history_and_other_reviewers_panels(copied, page_role: str, blind: bool) -> None:
    claim = copied(ROLES[page_role][1], blind)
    shown = review_panels(page_role, claim)
    if hidden(page_role, blind):
        assert leaked(shown) == []
        assert "ann@news.example" not in shown and "ed@news.example" not in shown and "disputed" not in shown
    else:
        assert leaked(shown) == [OTHER, "link-marker", NOTE, VERDICT_NOTE] and "ed@news.example" in shown


def test_history_shows_once_the_reviewer_has_labelled(db_path: Path, copied) -> None:
    claim = copied(True, True)
    assert leaked(review_panels("reviewer who did not", claim)) == []
    with Store(db_path) as store:
        store.save_label(claim, status="unverified", reviewer="cy@news.example")
    assert leaked(review_panels("reviewer who did not", claim)) == [OTHER, "link-marker", NOTE, VERDICT_NOTE]


@pytest.mark.parametrize("page_role", PAGE_ROLES)
def test_dashboard_page(copied, page_role: str, blind: bool) -> None:
    copied(ROLES[page_role][1], blind)
    at = session(page_role, "dashboard")
    disagreements = {m.label: m.value for m in at.metric}["Disagreements"]
    charts = str([element.proto for element in at.main])
    if hidden(page_role, blind):
        assert disagreements == "0" and leaked(charts) == []
    else:
        assert disagreements == "1" and OTHER in charts


@pytest.mark.parametrize("page_role", PAGE_ROLES)
def test_find_panel(copied, page_role: str, blind: bool) -> None:
    claim = copied(ROLES[page_role][1], blind)
    at = session(page_role)
    assert (OTHER in at.selectbox(key="find-reviewer").options) == (not hidden(page_role, blind))
    at.checkbox(key="find-disagreement").check().run()
    found = " ".join(frame.value.to_csv() for frame in at.dataframe)
    assert (f"claim={claim}" in found) == (not hidden(page_role, blind))


# -- the rule itself, over random labels, verdicts and filters -----------------------------------------

REVIEWERS = ("ann@news.example", "bob@news.example", "cy@news.example")
STATUSES = ("verified", "unverified", "disputed")


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[int]]:
    """A team (blind review on) and one article of three claims, nobody's work yet."""
    path = tmp_path_factory.mktemp("base") / "workbench.db"
    text = "The bank raised rates. Prices fell 2%. Nobody saw it coming."
    parts = [("claim", "The bank raised rates."), ("claim", "Prices fell 2%."), ("claim", "Nobody saw it coming.")]
    with Store(path) as store:
        store.add_article(make_split(text, parts), title="Rates")
        store.add_account("admin@news.example", "admin", by=OPERATOR)
        store.add_account("ed@news.example", "editor", by=OPERATOR)
        for reviewer in REVIEWERS:
            store.add_account(reviewer, "reviewer", by=OPERATOR)
        return path, [c.id for c in store.claims()]


def redact(path: Path, viewer: str) -> None:
    """Remove from a copy everything blind review hides from `viewer`: others' labels, their history, the
    verdict and its event on every claim `viewer` has not labelled."""
    mine = "(SELECT segment_id FROM labels WHERE reviewer = :viewer)"
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("DROP TRIGGER label_events_append_only_delete")  # a test's copy, never a real record
        conn.execute("DROP TRIGGER events_append_only_delete")
        conn.execute(
            f"DELETE FROM label_events WHERE segment_id NOT IN {mine} AND reviewer != :viewer", {"viewer": viewer}
        )
        conn.execute(f"DELETE FROM verdicts WHERE segment_id NOT IN {mine}", {"viewer": viewer})
        conn.execute(
            f"DELETE FROM events WHERE subject LIKE 'claim:%' AND actor != :viewer"
            f" AND CAST(substr(subject, 7) AS INTEGER) NOT IN {mine}",
            {"viewer": viewer},
        )
        conn.execute(f"DELETE FROM labels WHERE segment_id NOT IN {mine}", {"viewer": viewer})


def everything_read(store: Store, viewer: str, claims: list[int], filters: dict) -> dict:
    """What every read path gives `viewer`, keyed by path."""
    found = ClaimFilter(**filters)
    reads: dict[str, object] = {fmt: export_text(store, fmt, viewer=viewer, **filters) for fmt in EXPORT_FORMATS}
    reads |= {
        "find": sorted(store.find_claim_ids(found, viewer=viewer)),
        "disagreements": list(store.disagreements(viewer=viewer)),
        "ratings": store.ratings(viewer=viewer),
        "label_counts": store.label_counts(viewer=viewer),
        "reviewers": store.reviewers(viewer=viewer),
        "final_verdicts": store.final_verdicts(viewer=viewer),
        "records": list(store.segment_records(viewer=viewer)),
    }
    for claim in claims:
        reads[f"labels {claim}"] = store.labels(claim, viewer=viewer)
        reads[f"verdict {claim}"] = store.verdict(claim, viewer=viewer)
        reads[f"history {claim}"] = store.history(claim, viewer=viewer)
        reads[f"claim_history {claim}"] = store.claim_history(claim, viewer=viewer)
    return reads


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    labels=st.dictionaries(st.tuples(st.integers(0, 2), st.sampled_from(REVIEWERS)), st.sampled_from(STATUSES)),
    verdicts=st.dictionaries(st.integers(0, 2), st.sampled_from(STATUSES)),
    viewer=st.sampled_from(REVIEWERS),
    filters=st.fixed_dictionaries(
        {
            "status": st.sampled_from([None, *STATUSES, "unlabelled"]),
            "reviewer": st.sampled_from([None, *REVIEWERS]),
            "disagreement": st.booleans(),
        }
    ),
)
def test_a_blind_reviewer_sees_what_the_operator_sees_once_the_hidden_is_removed(
    base: tuple[Path, list[int]], labels: dict, verdicts: dict, viewer: str, filters: dict
) -> None:
    path, claims = base
    with tempfile.TemporaryDirectory() as folder:
        work, twin = Path(folder) / "work.db", Path(folder) / "twin.db"
        with Store(path) as original:
            original.backup(work)
        with Store(work) as store:
            for (index, reviewer), status in labels.items():
                link = "" if status == "unverified" else f"https://{reviewer.split('@')[0]}.example/{index}"
                store.save_label(claims[index], status=status, reviewer=reviewer, source_url=link, note=f"n{index}")
            for index, status in verdicts.items():
                store.adjudicate(claims[index], status=status, note=f"why {index}", by="ed@news.example")
            store.backup(twin)
            seen = everything_read(store, viewer, claims, filters)
        redact(twin, viewer)
        with Store(twin) as store:
            assert seen == everything_read(store, OPERATOR, claims, filters)


def test_others_labels_says_when_blind_review_hides_them(tmp_path: Path) -> None:
    """The Review page's "other reviewers" list: None (hidden, and the page says why) until the reviewer has
    labelled the claim; then the others' labels, never their own."""
    db = tmp_path / "blind.db"
    claim = build(db, accounts=True, blind=True)
    with Store(db) as store:
        assert store.others_labels(claim, viewer="cy@news.example") is None  # cy labelled another claim, not this one
        assert [label.reviewer for label in store.others_labels(claim, viewer="ann@news.example")] == [OTHER]
        assert {label.reviewer for label in store.others_labels(claim, viewer="ed@news.example")} == {
            OTHER,
            "ann@news.example",
        }
