"""The whole article on the Review page, every segment marked by its state; a claim opens for review on click."""

from __future__ import annotations

import streamlit as st

from workbench.models import Claim, SegmentKind, Status
from workbench.store import Store
from workbench.ui import links, palette, safe
from workbench.ui.i18n import kind_name, status_name, t

MORE_CONTEXT = "more-context"  # the toggle's key: review.claim_in_context reads it to widen the paragraph
WHOLE_ARTICLE = "whole-article"


def controls() -> bool:
    """The two toggles under the claim; True when the whole article is asked for."""
    left, right = st.columns(2)
    left.toggle(t("review.more_context"), key=MORE_CONTEXT)
    return right.toggle(t("review.whole_article"), key=WHOLE_ARTICLE)


def wants_more_context() -> bool:
    return bool(st.session_state.get(MORE_CONTEXT))


def _tag(colour: str, text: str) -> str:
    return (
        f'<span style="font-size:0.75em;font-weight:600;color:{colour};white-space:nowrap"> {safe.escape(text)}</span>'
    )


def _segment(segment: Claim, current: Claim, mine: dict[int, str]) -> str:
    text = safe.escape(segment.text)
    if segment.kind is SegmentKind.HEADING:
        return f'<strong class="wb-seg-heading">{text}</strong>{_tag("#6b7280", kind_name("heading"))}'
    if segment.kind is SegmentKind.BOILERPLATE:
        return f'<span class="wb-seg-boilerplate" style="color:#9ca3af">{text}</span>'
    status = Status(mine[segment.id]) if segment.id in mine else None
    colour = palette.COLOURS[status] if status else palette.UNLABELLED
    line = "solid" if status else "dotted"
    outline = "outline:2px solid #2563eb;outline-offset:1px;" if segment.id == current.id else ""
    link = safe.escape(links.claim_link(segment.id))
    tag = _tag(colour, f"{palette.SYMBOLS[status]} {status_name(status.value)}") if status else ""
    return (
        f'<a class="wb-seg-claim" data-segment="{segment.id}" href="{link}" target="_self"'
        f' style="color:inherit;text-decoration:none;border-bottom:3px {line} {colour};{outline}">{text}</a>{tag}'
    )


def whole_article(store: Store, claim: Claim, reviewer: str) -> None:
    article = store.article(claim.article_id)
    segments = store.segments(claim.article_id)
    mine = store.own_statuses(claim.article_id, viewer=reviewer)
    legend = " · ".join([*(f"{palette.SYMBOLS[s]} {status_name(s.value)}" for s in Status), t("review.map_unlabelled")])
    st.caption(safe.md(legend))
    parts, cursor = [], 0
    for segment in segments:
        parts.append(safe.escape(article.text[cursor : segment.start]))
        parts.append(_segment(segment, claim, mine))
        cursor = segment.end
    parts.append(safe.escape(article.text[cursor:]))
    st.html(f'<div class="wb-article" style="white-space:pre-wrap;line-height:1.9">{"".join(parts)}</div>')
