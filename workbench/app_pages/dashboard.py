"""Dashboard: how far the team is, how labels are spread, and how well reviewers agree."""

import streamlit as st

from workbench.ui import dashboard, db, evidence, identity, matches
from workbench.ui.i18n import t

st.title(t("page.dashboard"))
viewer = identity.current().name
with db.store() as store:
    dashboard.headline(store, viewer)
    matches.dashboard_figure(store, viewer)
    evidence.dashboard_figure(store, viewer)
    dashboard.progress_by_article(store)
    dashboard.labels_by_reviewer(store, viewer)
