"""The "Fix the split" panel: split a segment at a word, merge it with the next, change its kind."""

from __future__ import annotations

import re

import streamlit as st

from workbench.models import Claim, SegmentKind
from workbench.store import Store
from workbench.ui import db, safe
from workbench.ui.i18n import kind_name, labels, t
from workbench.ui.review import go_to


def split_points(text: str) -> list[int]:
    """Offsets just after each run of spaces: the places a reviewer can cut a sentence."""
    return [m.end() for m in re.finditer(r"\s+", text) if text[: m.start()].strip() and text[m.end() :].strip()]


def _word_at(text: str, at: int) -> str:
    return text[at:].split(maxsplit=1)[0]


def _kind_choice(kind: SegmentKind) -> str:
    return {SegmentKind.CLAIM: t("fix.kind_claim"), SegmentKind.BOILERPLATE: t("fix.kind_boilerplate")}.get(
        kind, kind_name(kind.value)
    )


def panel(store: Store, claim: Claim, reviewer: str) -> None:
    # A toggle, not an expander: an expander's content is built and sent on every key press even closed.
    # A heading or boilerplate opens it at once: fixing its kind is why the reviewer is looking at it.
    if claim.kind is SegmentKind.CLAIM and not st.toggle(t("fix.title"), key="fix-open"):
        return
    with st.container(border=True):
        st.caption(t("fix.caption"))
        points = split_points(claim.text)
        # The claim's own words, one to click: the new part starts at the word picked.
        at = st.pills(
            t("fix.split_before"),
            points,
            key=f"split-at-{claim.id}",
            format_func=labels(points, lambda i: safe.escape_markdown(_word_at(claim.text, i))),
        )
        if at is not None:
            left, right = st.columns(2)
            with left:
                safe.plain(claim.text[:at].rstrip())
            with right:
                safe.plain(claim.text[at:])
        if st.button(t("fix.split"), key="fix-split", disabled=at is None):
            with db.reported():
                go_to(store.split_segment(claim.id, at, reviewer=reviewer)[0])
                st.rerun()
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        kinds = list(SegmentKind)
        kind = left.selectbox(
            t("fix.kind"),
            kinds,
            index=kinds.index(claim.kind),
            key=f"kind-{claim.id}",
            format_func=labels(kinds, _kind_choice),
        )
        if right.button(t("fix.change_kind"), key="fix-kind", disabled=kind is claim.kind, width="stretch"):
            with db.reported():
                go_to(store.set_kind(claim.id, kind, reviewer=reviewer))
                st.rerun()
        if st.button(t("fix.merge"), key="fix-merge"):
            with db.reported():
                go_to(store.merge_with_next(claim.id, reviewer=reviewer))
                st.rerun()
