"""Adjudication: where reviewers disagree, an editor settles the verdict."""

import streamlit as st

from workbench.ui import adjudication, db, identity, matches
from workbench.ui.i18n import t

st.title(t("page.adjudication"))
with db.store() as store:
    claim_id = adjudication.pick_disagreement(store)
    if claim_id is not None:
        adjudication.labels_side_by_side(store, claim_id)
        adjudication.earlier_labels(store, claim_id, identity.current().name)
        adjudication.verdict_form(store, claim_id, identity.current().name)
    matches.conflicts(store, identity.current().name)
