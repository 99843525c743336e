"""Review: one claim at a time, in its paragraph, labelled from the keyboard."""

import streamlit as st

from workbench.ui import corrections, db, identity, keys, review, search

reviewer = identity.current().name
with db.store() as store:
    review.last_saved()
    claim = review.current_claim(store, reviewer)
    if claim is None:
        st.success("You have labelled every claim. Import more articles on the Articles page.")
    else:
        review.go_to(claim)
        review.claim_in_context(store, claim)
        review.label_form(store, claim, reviewer, store.label(claim.id, reviewer))
        review.navigation(store, claim, reviewer)
        corrections.panel(store, claim, reviewer)
        review.others_and_history(store, claim, reviewer)
        keys.escape_leaves_text_fields()
        st.caption("Keys: 1 verified · 2 unverified · 3 disputed · ← previous · → next · N next unlabelled. "
                   "In a text field, press Esc first.")
    review.progress(store, claim, reviewer)
    search.finder(store, reviewer)
