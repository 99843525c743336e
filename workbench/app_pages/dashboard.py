"""Dashboard: how far the team is, how labels are spread, and how well reviewers agree."""

import streamlit as st

from workbench.ui import dashboard, db, identity, matches
from workbench.ui.i18n import t

st.title(t("page.dashboard"))
with db.store() as store:
    dashboard.headline(store)
    matches.dashboard_figure(store, identity.current().name)
    dashboard.progress_by_article(store)
    dashboard.labels_by_reviewer(store)
