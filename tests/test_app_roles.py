"""Each role's pages under AppTest, signed in through st.user as in team mode; and the local name gate."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from workbench.database import open_store
from workbench.store import Store
from workbench.store.accounts import OPERATOR

APP = str(Path(__file__).resolve().parents[1] / "workbench" / "app.py")
AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "x" * 40,
    "client_id": "workbench",
    "client_secret": "s",
    "server_metadata_url": "http://127.0.0.1:1/.well-known",
}
TEAM = {
    "admin@news.example": "admin",
    "ed@news.example": "editor",
    "ann@news.example": "reviewer",
    "bob@news.example": "reviewer",
}


@pytest.fixture
def team_db(db_path: Path) -> Path:
    with open_store(demo=True) as store:
        for email, role in TEAM.items():
            store.add_account(email, role, by=OPERATOR)
    return db_path


def signed_in(email: str | None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": False} if email is None else {"is_logged_in": True, "email": email}
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def article_text_shown(at: AppTest) -> bool:
    bodies = [e.proto.body for e in at.get("html")]
    frames = [str(df.value) for df in at.dataframe]
    return any("wb-paragraph" in b or "wb-title" in b for b in bodies) or any("Valdoria" in f for f in frames)


def page_titles(at: AppTest) -> list[str]:
    return [p.page_name for p in at.get("navigation")[0].proto.app_pages] if at.get("navigation") else []


def test_signed_out_sees_nothing(team_db: Path) -> None:
    at = signed_in(None)
    assert not article_text_shown(at)
    assert at.button(key="sign-in").label == "Sign in"


def test_unknown_email_sees_nothing_and_writes_nothing(team_db: Path) -> None:
    at = signed_in("stranger@evil.example")
    assert "not on this team" in at.error[0].value
    assert not article_text_shown(at)
    with Store(team_db) as store:
        assert store.label_counts() == []


def test_sign_in_whose_case_differs_gets_in(team_db: Path) -> None:
    # The identity provider may hand back the address as the person typed it at sign-up (issue 12, finding 7).
    at = signed_in("Ann@News.EXAMPLE")
    assert not at.error and article_text_shown(at)
    shown = [c.value.replace("\\", "").replace("\u2060", "") for c in at.sidebar.caption]  # markdown escapes
    assert any("ann@news.example · " in c for c in shown), shown  # acting as the one account


@pytest.mark.parametrize(
    "email, adjudication, admin",
    [
        ("ann@news.example", False, False),  # a reviewer reviews
        ("ed@news.example", True, False),  # an editor also adjudicates
        ("admin@news.example", True, True),  # an admin also runs the workbench
    ],
)
def test_pages_by_role(team_db: Path, email: str, adjudication: bool, admin: bool) -> None:
    at = signed_in(email)
    assert article_text_shown(at)  # the Review page shows a claim
    assert "Signed in as" in " ".join(c.value for c in at.sidebar.caption)
    for page in ("articles", "dashboard", "export"):
        assert not at.switch_page(f"app_pages/{page}.py").run().exception
    assert (adjudication, admin) == (_page_opens(at, "adjudication"), _page_opens(at, "admin"))


def _page_opens(at: AppTest, page: str) -> bool:
    try:
        at.switch_page(f"app_pages/{page}.py").run()
    except ValueError:  # not among the pages navigation registered for this role
        return False
    return bool(at.title) and at.title[0].value.lower() == page


def test_reviewer_labels_as_themselves(team_db: Path) -> None:
    at = signed_in("ann@news.example")
    at.button(key=f"label-unverified-{at.query_params['claim']}").click().run()
    with Store(team_db) as store:
        assert [(r["reviewer"], r["status"]) for r in store.label_counts()] == [("ann@news.example", "unverified")]


def three_reviewers_disagree(db_path: Path) -> int:
    with Store(db_path) as store:
        claim = next(store.claims()).id
        store.save_label(claim, status="verified", reviewer="ann@news.example", source_url="https://a.example")
        store.save_label(claim, status="disputed", reviewer="bob@news.example", source_url="https://b.example")
    return claim


def test_editor_settles_a_disagreement(team_db: Path) -> None:
    claim = three_reviewers_disagree(team_db)
    at = signed_in("ed@news.example", "adjudication")
    assert at.selectbox(key="adjudicate-claim").value == claim
    radio = at.radio(key=f"verdict-status-{claim}")
    radio.set_value(radio.options[2]).run()
    at.text_area(key=f"verdict-note-{claim}").input("the ministry's figures contradict it")
    at.button(key="verdict-save").click().run()
    with Store(team_db) as store:
        verdict = store.verdict(claim)
        assert (verdict.status.value, verdict.by) == ("disputed", "ed@news.example")


def test_admin_adds_an_account_and_changes_settings(team_db: Path) -> None:
    at = signed_in("admin@news.example", "admin")
    at.text_input(key="account-email").input("new@news.example")
    at.selectbox(key="account-role").select_index(0)
    at.button(key="account-add").click().run()
    at.toggle(key="settings-blind").set_value(False)
    at.number_input(key="settings-per-claim").set_value(3)
    at.button(key="settings-save").click().run()
    with Store(team_db) as store:
        assert store.account("new@news.example").role.value == "reviewer"
        assert (store.review_settings().blind, store.review_settings().reviews_per_claim) == (False, 3)


def test_dashboard_shows_agreement(team_db: Path) -> None:
    three_reviewers_disagree(team_db)
    at = signed_in("ann@news.example", "dashboard")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Disagreements"] == "1" and metrics["Claims with a label"] == "1 / 17"
    # One claim reviewed three times: no α or κ from it (it showed κ = −1.00), and the reason beside each.
    assert (metrics["Krippendorff's α"], metrics["Fleiss' κ"]) == ("—", "—")
    captions = [c.value for c in at.caption]
    assert captions.count("Too few claims reviewed twice (n = 1; at least 10 needed)") == 2


def test_local_mode_picks_names_from_accounts(team_db: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    box = at.sidebar.selectbox(key="reviewer-name")
    assert box.options == sorted(TEAM)
    box.select("bob@news.example").run()
    assert article_text_shown(at) and at.query_params["reviewer"] == "bob@news.example"


def test_blind_review_export_holds_only_the_reviewers_own_labels(team_db: Path) -> None:
    three_reviewers_disagree(team_db)
    at = signed_in("ann@news.example", "export")
    frame = at.dataframe[0].value
    assert set(frame["reviewer"]) == {"ann@news.example"}
    editor = signed_in("ed@news.example", "export")
    assert set(editor.dataframe[0].value["reviewer"]) >= {"ann@news.example", "bob@news.example"}
