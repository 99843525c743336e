"""The Streamlit entry point: who is signed in, and which pages their role opens."""

import streamlit as st

from workbench.permissions import Action
from workbench.ui import db, identity

st.set_page_config(page_title="Fact-checking workbench", page_icon="🔎", layout="wide")
with db.store() as store:
    actor = identity.gate(store)
# Page paths are relative to this file, as st.Page resolves them against the main script.
pages = [
    st.Page("app_pages/review.py", title="Review", icon="✅", default=True),
    st.Page("app_pages/articles.py", title="Articles", icon="📰", url_path="articles"),
    st.Page("app_pages/dashboard.py", title="Dashboard", icon="📊", url_path="dashboard"),
    st.Page("app_pages/export.py", title="Export", icon="⬇️", url_path="export"),
]
if actor.may(Action.ADJUDICATE):
    pages.insert(1, st.Page("app_pages/adjudication.py", title="Adjudication", icon="⚖️", url_path="adjudication"))
if actor.may(Action.MANAGE_ACCOUNTS):
    pages.append(st.Page("app_pages/admin.py", title="Admin", icon="🔑", url_path="admin"))
st.navigation(pages).run()
