"""The rules for a label, case by case."""

from __future__ import annotations

import pytest

from workbench.errors import InvalidLabel
from workbench.models import Status
from workbench.rules import check_label, check_source_url

REFUSED_LINKS = [
    ("javascript:alert(1)", "script runs in the reviewer's browser"),
    ("JaVaScRiPt:alert(1)", "scheme case must not matter"),
    ("java\tscript:alert(1)", "urlsplit strips the tab and would see javascript:"),
    ("java script:alert(1)", "a space inside"),
    ("data:text/html,<script>alert(1)</script>", "data: carries a page of its own"),
    ("file:///etc/passwd", "local files"),
    ("ftp://example.org/x", "not http(s)"),
    ("example.org/report", "no scheme: we suggest https://"),
    ("https://", "no host"),
    ("https://trusted.example@evil.example/", "credentials make the host look trusted"),
    ("https://user:pw@example.org/", "credentials"),
    ("https://example.org/a\r\nSet-Cookie: x", "CR/LF inside"),
    ("https://example.org/" + "a" * 2100, "over 2,048 characters"),
    ("https://example.org/\x00", "a control character"),
]


@pytest.mark.parametrize("url, why", REFUSED_LINKS)
def test_unsafe_links_are_refused(url: str, why: str) -> None:
    with pytest.raises(InvalidLabel):
        check_source_url(url)


def test_no_scheme_suggests_https() -> None:
    with pytest.raises(InvalidLabel, match="https://example.org/report"):
        check_source_url("example.org/report")


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/report?id=3#p2",  # query and fragment are fine
        "http://example.org",  # plain http is still a source
        "https://xn--exmple-cua.com/",  # an IDN host in its ASCII form
    ],
)
def test_good_links_pass(url: str) -> None:
    assert check_source_url(url) == url


def test_source_required_for_verdicts_only() -> None:
    for status in (Status.VERIFIED, Status.DISPUTED):
        with pytest.raises(InvalidLabel, match="source link is required"):
            check_label(status, "ann")
    assert check_label("unverified", "ann").source_url == ""


def test_status_outside_the_three_is_refused() -> None:
    with pytest.raises(InvalidLabel, match="not one of"):
        check_label("true", "ann")


@pytest.mark.parametrize(
    "note, ok",
    [
        ("line one\nline two\tindented", True),  # newlines and tabs are normal in notes
        ("x" * 2000, True),  # exactly at the limit
        ("x" * 2001, False),  # one over
        ("bell\x07", False),  # control characters hide text
    ],
)
def test_note_rules(note: str, ok: bool) -> None:
    if ok:
        assert check_label("unverified", "ann", note=note).note == note
    else:
        with pytest.raises(InvalidLabel):
            check_label("unverified", "ann", note=note)


@pytest.mark.parametrize("name", ["", "   ", "a" * 101, "ann\x1b[31m"])
def test_bad_reviewer_names(name: str) -> None:
    with pytest.raises(InvalidLabel):
        check_label("unverified", name)


def test_surrounding_whitespace_of_a_pasted_link_is_trimmed() -> None:
    assert check_label("verified", " ann ", " https://example.org/x ").source_url == "https://example.org/x"
