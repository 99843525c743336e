"""Evidence links on the pages (AppTest on a real database file): the archive field, the flag, the Dashboard."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_app_pages import app, first_claim, html_bodies, source_input
from workbench.canonical import canonical_url
from workbench.models import LinkCheck
from workbench.store import Store
from workbench.store.accounts import OPERATOR

SOURCE = "https://news.example/story"
ARCHIVE = "https://web.archive.org/web/2024/https://news.example/story"


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing fetched from these tests: the checks' results are written by hand."""
    monkeypatch.setenv("WORKBENCH_LINK_CHECKS", "off")


def archive_input(at):
    return next(t for t in at.text_input if str(t.key).startswith("archive-"))


def flags(at) -> list[str]:
    return [body for body in html_bodies(at) if "wb-link-flag" in body]


def test_archive_link_saved_and_flag_shown(db_path: Path) -> None:
    at = app(reviewer="ann")
    claim = first_claim(db_path)
    source_input(at).input(SOURCE)
    archive_input(at).input(ARCHIVE)
    at.button(key=f"label-verified-{claim}").click().run()
    assert not at.error, [e.value for e in at.error]
    with Store(db_path) as store:
        assert store.label(claim, "ann", viewer=OPERATOR).archive_url == ARCHIVE
    at = app(reviewer="ann", claim=str(claim))
    assert archive_input(at).value == ARCHIVE
    [shown] = flags(at)
    assert 'data-link-status="unchecked"' in shown and "source link: unchecked" in shown
    with Store(db_path) as store:
        store.record_link_check(LinkCheck(SOURCE, canonical_url(SOURCE), "ok", "2030-01-01T00:00:00.000Z", sha256="a"))
    [shown] = flags(app(reviewer="ann", claim=str(claim)))
    assert 'data-link-status="ok"' in shown


def test_a_refused_archive_link_is_said_and_nothing_saved(db_path: Path) -> None:
    at = app(reviewer="ann")
    claim = first_claim(db_path)
    source_input(at).input(SOURCE)
    archive_input(at).input("javascript:alert(1)")
    at.button(key=f"label-verified-{claim}").click().run()
    assert "archive link refused" in at.error[0].value
    with Store(db_path) as store:
        assert store.labels(claim, viewer=OPERATOR) == []


def test_the_reason_of_a_dead_link_is_text(db_path: Path) -> None:
    at = app(reviewer="ann")  # creates the database with its demo articles
    claim = first_claim(db_path)
    with Store(db_path) as store:
        store.save_label(claim, status="verified", reviewer="ann", source_url=SOURCE)
        store.record_link_check(
            LinkCheck(SOURCE, canonical_url(SOURCE), "dead", "2030-01-01T00:00:00.000Z", reason="<b>HTTP 404</b>")
        )
    at = app(reviewer="ann", claim=str(claim))
    body = next(b for b in html_bodies(at) if "wb-link" in b)
    assert "&lt;b&gt;HTTP 404&lt;/b&gt;" in body and "<b>" not in body


def test_dashboard_counts_evidence_links(db_path: Path) -> None:
    app(reviewer="ann")
    with Store(db_path) as store:
        first, second, third = [c.id for c in store.claims() if c.kind.value == "claim"][:3]
        for claim, url in ((first, SOURCE), (second, SOURCE + "?utm_source=x"), (third, "https://gone.example/")):
            store.save_label(claim, status="verified", reviewer="ann", source_url=url)
        store.record_link_check(LinkCheck(SOURCE, canonical_url(SOURCE), "ok", "2030-01-01T00:00:00.000Z", sha256="a"))
    at = app("dashboard")
    [summary] = [b for b in html_bodies(at) if "wb-link-summary" in b]
    assert "evidence links" in summary
    assert '<span data-link-count="ok" style="color:#00775a">2 ok</span>' in summary
    assert "1 unchecked" in summary and "0 dead" in summary
