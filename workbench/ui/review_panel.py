"""The Review page's claim, form and panels as one fragment: a verdict key reruns this part only.

The rest of the page (the sidebar, the language switch, Find claims) is not run again on each key
press, and the press is saved by the run it starts, on that run's one connection (review.pressed()).
"""

from __future__ import annotations

import streamlit as st

from workbench.ui import article_view, corrections, db, evidence, matches, review, revisions, run_trace, undo
from workbench.ui.i18n import t


@st.fragment
def panel(reviewer: str) -> None:
    with run_trace.run("review") as trace, db.store() as store:
        trace.watch(store)
        review.apply_pressed(store, reviewer)
        review.apply_next_unlabelled(store, reviewer)
        undo.apply(store, reviewer)
        claim = review.current_claim(store, reviewer)
        if claim is None:
            review.last_saved()
            undo.offer()
            st.success(t("review.all_done"))
            review.progress(store, None, reviewer)
            return
        review.go_to(claim)
        # The claim first: it is what the reviewer waits for after a key press, and the browser shows
        # each element as it arrives.
        review.claim_in_context(store, claim)
        revisions.claim_notice(store, claim)  # changed since labelled, or removed, by a revision of its article
        if article_view.controls():
            article_view.whole_article(store, claim, reviewer)
        review.last_saved()
        undo.offer()
        matches.prefill(store, claim, reviewer)
        review.label_form(store, claim, reviewer, store.label(claim.id, reviewer, viewer=reviewer))
        evidence.own_flag(store, claim, reviewer)
        review.navigation(store, claim, reviewer)
        matches.section(store, claim, reviewer)
        corrections.panel(store, claim, reviewer)
        review.others_and_history(store, claim, reviewer)
        review.progress(store, claim, reviewer)
