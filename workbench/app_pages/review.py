"""Review: one claim at a time, in its paragraph, labelled from the keyboard."""

import streamlit as st

from workbench.ui import corrections, db, identity, keys, matches, review, search
from workbench.ui.i18n import t

reviewer = identity.current().name
with db.store() as store:
    review.last_saved()
    claim = review.current_claim(store, reviewer)
    if claim is None:
        st.success(t("review.all_done"))
    else:
        review.go_to(claim)
        review.claim_in_context(store, claim)
        matches.prefill(store, claim, reviewer)
        review.label_form(store, claim, reviewer, store.label(claim.id, reviewer))
        review.navigation(store, claim, reviewer)
        matches.section(store, claim, reviewer)
        corrections.panel(store, claim, reviewer)
        review.others_and_history(store, claim, reviewer)
        keys.escape_leaves_text_fields()
        st.caption(t("review.keys"))
    review.progress(store, claim, reviewer)
    search.finder(store, reviewer)
