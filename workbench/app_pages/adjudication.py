"""Adjudication: where reviewers disagree, an editor settles the verdict."""

import streamlit as st

from workbench.ui import adjudication, db, identity, matches
from workbench.ui.i18n import t

st.title(t("page.adjudication"))
editor = identity.current().name
with db.store() as store:
    claim_id = adjudication.pick_disagreement(store, editor)
    if claim_id is not None:
        adjudication.labels_side_by_side(store, claim_id, editor)
        adjudication.earlier_labels(store, claim_id, editor)
        adjudication.verdict_form(store, claim_id, editor)
    matches.conflicts(store, editor)
