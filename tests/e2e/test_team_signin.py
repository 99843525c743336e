"""Team mode in a real browser: sign-in through a mock OpenID Connect provider, and who sees and writes what.

The server runs from a temporary folder holding the project's .streamlit/config.toml and a generated
secrets.toml whose [auth] points at tests/e2e/oidc_provider.py on 127.0.0.1, so `st.login` goes through
the whole authorization-code flow in Chromium: the Sign in button, the provider's redirect back with a
code, the token exchange and the RS256 id_token check by Authlib, then Streamlit's signed cookie.
A signed-out browser and an e-mail no admin has added must see no article text and write nothing.
"""

from __future__ import annotations

import html
import re
import secrets
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from workbench.database import open_store
from workbench.demo import DEMO_ARTICLES
from workbench.models import SegmentKind
from workbench.store.accounts import OPERATOR

try:
    from playwright.sync_api import Page, expect
except ImportError:  # the browser fixture then skips these tests, or fails them under CI=true
    Page = expect = None  # type: ignore[assignment,misc]

from oidc_provider import MockOIDCProvider  # tests/e2e is on sys.path (rootdir-relative conftest)
from page_watch import IDLE  # tests/e2e is on sys.path (rootdir-relative conftest)

if TYPE_CHECKING:  # the fixture's type only; conftest is not importable as a module
    from conftest import Server

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
ADMIN, EDITOR, REVIEWER = "admin@news.example", "ed@news.example", "ann@news.example"
STRANGER = "stranger@evil.example"  # signs in at the provider, but no admin added them
TEAM = {ADMIN: "admin", EDITOR: "editor", REVIEWER: "reviewer"}
# Every page a URL can ask for, including those a role may not open.
PAGE_PATHS = ("", "articles", "export", "dashboard", "adjudication", "admin")
# Keys the Review page binds (1/2/3 label, arrows and N move): on a locked page they must do nothing.
SHORTCUT_KEYS = ("1", "2", "3", "n", "ArrowRight", "ArrowLeft")
ARTICLE_MARKUP = "mark.wb-claim, .wb-paragraph, .wb-title"
WARM_UP_MS = 90_000  # bounds a server whose first page never comes; a healthy one answers in seconds


@dataclass(frozen=True)
class Team:
    server: Server
    provider: MockOIDCProvider
    claim_ids: list[int]
    phrases: list[str]  # text only an article holds: titles and every claim


@pytest.fixture(scope="module")
def provider() -> Iterator[MockOIDCProvider]:
    started = MockOIDCProvider(client_id="workbench-e2e", client_secret=secrets.token_urlsafe(16)).start()
    yield started
    started.stop()


@pytest.fixture(scope="module")
def team(
    server_factory: Callable[..., Server],
    provider: MockOIDCProvider,
    browser,
    tmp_path_factory: pytest.TempPathFactory,
) -> Team:
    """A database with the demo articles and three accounts, served in team mode."""
    db = tmp_path_factory.mktemp("team-db") / "workbench.db"
    with open_store(db, demo=True) as store:  # demo articles now, so no page view writes them later
        for email, role in TEAM.items():
            store.add_account(email, role, by=OPERATOR)
        claims = [c for c in store.claims() if c.kind is SegmentKind.CLAIM]
    assert claims, "the demo articles should hold claims"
    phrases = [title for _lang, title, _text in DEMO_ARTICLES] + [c.text for c in claims]

    def workdir(port: int) -> Path:
        folder = tmp_path_factory.mktemp(f"team-{port}")
        (folder / ".streamlit").mkdir()
        shutil.copy(REPO / ".streamlit" / "config.toml", folder / ".streamlit" / "config.toml")
        provider.redirect_uri = f"http://127.0.0.1:{port}/oauth2callback"
        auth = {
            "redirect_uri": provider.redirect_uri,
            "cookie_secret": secrets.token_hex(32),
            "client_id": provider.client_id,
            "client_secret": provider.client_secret,
            "server_metadata_url": provider.metadata_url,
        }
        lines = ["[auth]", *(f'{key} = "{value}"' for key, value in auth.items())]
        (folder / ".streamlit" / "secrets.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return folder

    server = server_factory(db=db, workdir=workdir)
    warm_up(browser, server)
    return Team(server, provider, [c.id for c in claims], phrases)


def warm_up(browser, server: Server) -> None:
    """Load the page once: the server's first script run imports spaCy (seconds on a loaded machine), which
    would otherwise count against the first test's waits. The Sign in button is the readiness condition."""
    context = browser.new_context()
    try:
        first = context.new_page()
        first.goto(server.url, timeout=WARM_UP_MS)
        expect(first.get_by_role("button", name="Sign in")).to_be_visible(timeout=WARM_UP_MS)
    finally:
        context.close()


# -- helpers ----------------------------------------------------------------


def shown(text: str) -> re.Pattern[str]:
    """Text as the page shows an e-mail: the app puts a word joiner after '@' so it never becomes a link."""
    return re.compile(re.escape(text).replace("@", "@\u2060?"))


def idle(page: Page) -> None:
    """Wait until the script run has finished and the WebSocket is connected."""
    expect(page.locator(IDLE)).to_be_attached()


def open_signed_out(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    idle(page)


def sign_in(page: Page, team: Team, email: str) -> None:
    """Sign in through the mock provider as `email`; back on the app once Streamlit has set its cookie."""
    team.provider.sign_in_as = email
    issued = len(team.provider.issued)
    open_signed_out(page, team.server.url)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out").first).to_be_visible()
    assert team.provider.issued[issued:] == [email], "the sign-in did not go through the mock provider"
    assert page.url.startswith(team.server.url), page.url
    idle(page)


def article_text_shown(page: Page, team: Team) -> list[str]:
    """Article phrases anywhere in the DOM of every frame (text, attributes, hidden nodes), and article markup."""
    found = []
    for frame in page.frames:
        markup = html.unescape(frame.evaluate("document.documentElement.outerHTML"))
        found += [phrase for phrase in team.phrases if phrase in markup]
        if frame.locator(ARTICLE_MARKUP).count():
            found.append(f"{ARTICLE_MARKUP} in frame {frame.url}")
    return found


def every_page_url(team: Team) -> list[str]:
    urls = [f"{team.server.url}/{path}" for path in PAGE_PATHS]
    return urls + [f"{team.server.url}/?claim={team.claim_ids[0]}", f"{team.server.url}/?claim={team.claim_ids[-1]}"]


def snapshot(db: Path) -> str:
    """The whole database as SQL: any write at all shows as a difference."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def press_shortcuts(page: Page) -> None:
    page.mouse.click(1200, 950)  # an empty spot of the page: no text field has the focus
    for key in SHORTCUT_KEYS:
        page.keyboard.press(key)
    idle(page)


def nav_titles(page: Page) -> list[str]:
    """The page list of the sidebar, by title (each link's text is its icon, then its title)."""
    return [
        t.strip().splitlines()[-1].strip() for t in page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
    ]


# -- tests ------------------------------------------------------------------


def test_signed_out_sees_no_article_and_writes_nothing(page: Page, team: Team) -> None:
    before = snapshot(team.server.db)
    for url in every_page_url(team):
        open_signed_out(page, url)
        expect(page.get_by_text("Sign in with your newsroom account")).to_be_visible()
        assert article_text_shown(page, team) == [], url
        assert nav_titles(page) == [], url  # no page list before sign-in
    press_shortcuts(page)
    assert article_text_shown(page, team) == []
    assert snapshot(team.server.db) == before


def test_reviewer_labels_under_their_email(page: Page, team: Team) -> None:
    sign_in(page, team, REVIEWER)
    expect(page.get_by_text(shown(f"Signed in as {REVIEWER} · reviewer"))).to_be_visible()
    claim = page.locator("mark.wb-claim")
    expect(claim).to_be_visible()
    match = re.search(r"[?&]claim=(\d+)", page.url)
    assert match, page.url
    claim_id = int(match.group(1))
    assert claim.inner_text() in team.phrases
    assert article_text_shown(page, team), "the probe the other tests rely on finds nothing on a claim page"
    # The progress bars come last, after the Esc handler: once shown, the shortcuts are bound.
    expect(page.get_by_text("Overall:", exact=False)).to_be_visible()
    page.keyboard.press("2")
    expect(page.get_by_text(f"Saved claim #{claim_id} as unverified")).to_be_visible()
    with sqlite3.connect(team.server.db, timeout=10) as conn:
        rows = conn.execute(
            "SELECT segment_id, reviewer, status FROM labels WHERE segment_id = ?", (claim_id,)
        ).fetchall()
    assert rows == [(claim_id, REVIEWER, "unverified")]


def test_unknown_email_sees_nothing_and_writes_nothing(page: Page, team: Team) -> None:
    before = snapshot(team.server.db)
    sign_in(page, team, STRANGER)
    for url in every_page_url(team):
        page.goto(url)
        expect(page.get_by_text(shown(f"{STRANGER} is not on this team"))).to_be_visible()
        idle(page)
        assert article_text_shown(page, team) == [], url
        assert nav_titles(page) == [], url
        expect(page.get_by_text("Signed in as")).to_have_count(0)
    press_shortcuts(page)
    expect(page.get_by_text(shown(f"{STRANGER} is not on this team"))).to_be_visible()
    assert article_text_shown(page, team) == []
    assert snapshot(team.server.db) == before
    # Signing out leads back to the Sign in button, still without any article.
    page.get_by_role("button", name="Sign out").first.click()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    idle(page)
    assert article_text_shown(page, team) == []


@pytest.mark.parametrize("email, sees_adjudication", [(EDITOR, True), (REVIEWER, False)])
def test_adjudication_page_by_role(page: Page, team: Team, email: str, sees_adjudication: bool) -> None:
    sign_in(page, team, email)
    expect(page.get_by_role("link", name="Review")).to_be_visible()
    assert ("Adjudication" in nav_titles(page)) is sees_adjudication, nav_titles(page)
    page.goto(f"{team.server.url}/adjudication")
    idle(page)
    heading = page.get_by_role("heading", name="Adjudication")
    if sees_adjudication:
        expect(heading).to_be_visible()
    else:  # the address alone opens nothing: the reviewer stays on a page of theirs
        expect(page.get_by_role("button", name="Sign out").first).to_be_visible()
        expect(heading).to_have_count(0)
