"""The interface language in a real browser: the browser's locale picks it, the sidebar switch changes it,
and the URL (?lang=) keeps it across a reload."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture then skips these tests, or fails them under CI=true
    expect = None  # type: ignore[assignment]

if TYPE_CHECKING:  # the fixture's type only; conftest is not importable as a module
    from conftest import Server

pytestmark = pytest.mark.e2e


def verdict(name: str) -> re.Pattern:
    """A verdict button by its label: its accessible name goes on with the shortcut ("Verified Shortcut 1")."""
    return re.compile(rf"^{re.escape(name)}(\s|$)")


@pytest.fixture
def opened(browser) -> Iterator[object]:
    """Open pages in a browser context with a given locale; the contexts are closed afterwards."""
    contexts = []

    def open_page(url: str, locale: str):
        context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 1000})
        context.set_default_timeout(20_000)
        expect.set_options(timeout=15_000)
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize(
    ("locale", "button"),
    [("it-IT", "Verificato"), ("pt-PT", "Verificado"), ("en-US", "Verified"), ("de-DE", "Verified")],
)
def test_the_browser_locale_picks_the_language(server: Server, opened, locale: str, button: str) -> None:
    page = opened(f"{server.url}/?reviewer=ann", locale)
    expect(page.get_by_role("button", name=verdict(button))).to_be_visible()


def test_the_switch_changes_the_language_and_the_url_keeps_it(server: Server, opened) -> None:
    page = opened(f"{server.url}/?reviewer=ann", "en-US")
    expect(page.get_by_role("button", name=verdict("Verified"))).to_be_visible()
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(has_text="Language").click()
    page.get_by_role("option", name="Português").click()
    expect(page.get_by_role("button", name=verdict("Verificado"))).to_be_visible()
    expect(page.get_by_role("button", name=verdict("Seguinte →"))).to_be_visible()
    page.wait_for_url("**lang=pt**")
    page.reload()
    expect(page.get_by_role("button", name=verdict("Verificado"))).to_be_visible()
