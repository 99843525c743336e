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


def escape(text: str) -> str:
    return html.escape(text, quote=True)


def escape_markdown(text: str) -> str:
    """Backslash-escape every ASCII punctuation mark, so markdown shows the text literally."""
    escaped = "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in text)
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
        f'{escape(before)}<mark class="wb-claim" style="{_MARK}">{escape(claim.text)}</mark>'
        f"{escape(after)}</div>"
    )


def plain(text: str, muted: bool = False) -> None:
    colour = "color:#6b7280;" if muted else ""
    st.html(f'<div style="white-space:pre-wrap;{colour}">{escape(text)}</div>')
