"""Untrusted text (article titles, claims, notes) rendered as text: HTML-escaped, never markdown."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

import streamlit as st

from workbench.models import Claim, SegmentKind

_MARKDOWN_SPECIAL = frozenset("\\`*_{}[]()#+-.!|<>:~=$&\"'/@%^;,?")
_AUTOLINK = re.compile(r"\\[:@]|(?i:www)(?=\\\.)")
_MARK = "background:#fde68a;color:#111;padding:0.1em 0.15em;border-radius:0.2em"


# Control characters other than tab and newline, and the bidi embeddings, overrides and isolates that
# reorder the text around them (a note could make "verified" read as something else): shown as U+FFFD.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def neutral(text: str) -> str:
    """The text with control and bidi-override characters replaced by U+FFFD (same length, same offsets)."""
    return _INVISIBLE.sub("\ufffd", text)


def cell(value: object) -> str:
    """A database value for a table cell, a chart label or a drop-down option, which show text, not markup."""
    return neutral("" if value is None else str(value))


def usable_link(url: str) -> bool:
    """Whether a stored link passes the rules a fresh save applies: a restored or edited file may hold anything."""
    from workbench.errors import WorkbenchError
    from workbench.rules import check_source_url

    try:
        return check_source_url(url) == url
    except WorkbenchError:
        return False


def grid(value: object) -> object:
    """A value for a table cell: text neutralised, numbers and empty cells kept as they are (they sort as numbers)."""
    return neutral(value) if isinstance(value, str) else value


def escape(text: str) -> str:
    return html.escape(neutral(text), quote=True)


def md(value: object) -> str:
    """A database value (text, a number, a timestamp) for a message that Streamlit renders as markdown:
    one line, every markup character escaped."""
    return escape_markdown(" ".join(cell(value).splitlines()))


def escape_markdown(text: str) -> str:
    """Backslash-escape every ASCII punctuation mark, so markdown shows the text literally."""
    escaped = "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in neutral(text))
    # GFM links URL-like text (https://…, www.…, a@b.c) after unescaping, so escapes alone leave an <a>:
    # an invisible word joiner after ':' and '@' and inside 'www.' keeps it plain text.
    return _AUTOLINK.sub("\\g<0>\u2060", escaped)


def heading(text: str, level: int = 3) -> None:
    st.html(f'<h{level} class="wb-title">{escape(text)}</h{level}>')


def paragraph_with_claim(article_text: str, segments: Sequence[Claim], claim: Claim) -> None:
    """The claim's paragraph with the claim highlighted; every character of article text is escaped."""
    start, end = segments[0].start, segments[-1].end
    before, after = article_text[start : claim.start], article_text[claim.end : end]
    style = "font-weight:600" if claim.kind is SegmentKind.HEADING else ""
    st.html(
        f'<div class="wb-paragraph" style="white-space:pre-wrap;line-height:1.6;{style}">'
        f'{escape(before)}<mark class="wb-claim" data-claim="{claim.id}" style="{_MARK}">{escape(claim.text)}</mark>'
        f"{escape(after)}</div>"
    )


def segment_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A table of texts shown whole and wrapped (st.dataframe cuts them at the column edge, st.table renders
    markdown); every cell escaped."""
    cell_style = "padding:0.25rem 0.5rem;border-bottom:1px solid #e5e7eb;vertical-align:top;white-space:pre-wrap"
    head = "".join(f'<th style="{cell_style};text-align:left">{escape(h)}</th>' for h in header)
    body = "".join(
        "<tr>" + "".join(f'<td style="{cell_style}">{escape(c)}</td>' for c in row) + "</tr>" for row in rows
    )
    st.html(
        f'<div class="wb-segments" style="max-height:28rem;overflow:auto"><table style="border-collapse:collapse;'
        f'width:100%"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'
    )


def plain(text: str, muted: bool = False) -> None:
    colour = "color:#6b7280;" if muted else ""
    st.html(f'<div style="white-space:pre-wrap;{colour}">{escape(text)}</div>')
