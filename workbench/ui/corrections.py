"""The "Fix the split" panel: split a segment at a word, merge it with the next, change its kind."""

from __future__ import annotations

import re

import streamlit as st

from workbench.models import Claim, SegmentKind
from workbench.store import Store
from workbench.ui import db
from workbench.ui.i18n import kind_name, labels, t
from workbench.ui.review import go_to


def split_points(text: str) -> list[int]:
    """Offsets just after each run of spaces: the places a reviewer can cut a sentence."""
    return [m.end() for m in re.finditer(r"\s+", text) if text[: m.start()].strip() and text[m.end() :].strip()]


def _around(text: str, at: int) -> str:
    return f"…{text[max(0, at - 30) : at].rstrip()} ‖ {text[at : at + 30]}…"


def _kind_choice(kind: SegmentKind) -> str:
    return {SegmentKind.CLAIM: t("fix.kind_claim"), SegmentKind.BOILERPLATE: t("fix.kind_boilerplate")}.get(
        kind, kind_name(kind.value)
    )


def panel(store: Store, claim: Claim, reviewer: str) -> None:
    with st.expander(t("fix.title"), expanded=claim.kind is not SegmentKind.CLAIM):
        st.caption(t("fix.caption"))
        points = split_points(claim.text)
        left, right = st.columns([3, 1])
        at = left.selectbox(
            t("fix.split_after"),
            points,
            key=f"split-at-{claim.id}",
            disabled=not points,
            format_func=lambda i: _around(claim.text, i),
        )
        if right.button(t("fix.split"), key="fix-split", disabled=not points, width="stretch"):
            with db.reported():
                go_to(store.split_segment(claim.id, at, reviewer=reviewer)[0])
                st.rerun()
        left, right = st.columns([3, 1])
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
