"""The "Fix the split" panel: split a segment at a word, merge it with the next, change its kind."""

from __future__ import annotations

import re

import streamlit as st

from workbench.models import Claim, SegmentKind
from workbench.store import Store
from workbench.ui import db
from workbench.ui.review import go_to


def split_points(text: str) -> list[int]:
    """Offsets just after each run of spaces: the places a reviewer can cut a sentence."""
    return [m.end() for m in re.finditer(r"\s+", text) if text[:m.start()].strip() and text[m.end():].strip()]


def _around(text: str, at: int) -> str:
    return f"…{text[max(0, at - 30):at].rstrip()} ‖ {text[at:at + 30]}…"


def panel(store: Store, claim: Claim, reviewer: str) -> None:
    with st.expander("Fix the split", expanded=claim.kind is not SegmentKind.CLAIM):
        st.caption("A split or merged claim starts unlabelled; earlier labels stay in its history.")
        points = split_points(claim.text)
        left, right = st.columns([3, 1])
        at = left.selectbox("Split after", points, key=f"split-at-{claim.id}", disabled=not points,
                            format_func=lambda i: _around(claim.text, i))
        if right.button("Split", key="fix-split", disabled=not points, width="stretch"):
            with db.reported():
                go_to(store.split_segment(claim.id, at, reviewer=reviewer)[0])
                st.rerun()
        left, right = st.columns([3, 1])
        kinds = list(SegmentKind)
        kind = left.selectbox("Kind", kinds, index=kinds.index(claim.kind), key=f"kind-{claim.id}",
                              format_func=lambda k: {"claim": "claim (offered for review)", "heading": "heading",
                                                     "boilerplate": "boilerplate (never reviewed)"}[k.value])
        if right.button("Change kind", key="fix-kind", disabled=kind is claim.kind, width="stretch"):
            with db.reported():
                go_to(store.set_kind(claim.id, kind, reviewer=reviewer))
                st.rerun()
        if st.button("Merge with the next segment", key="fix-merge"):
            with db.reported():
                go_to(store.merge_with_next(claim.id, reviewer=reviewer))
                st.rerun()
