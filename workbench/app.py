"""The Streamlit entry point: who is signed in, and which pages their role opens."""

import streamlit as st

from workbench.permissions import Action
from workbench.ui import db, i18n, identity, keys, run_trace, welcome
from workbench.ui.i18n import t

st.set_page_config(page_title=t("app.title"), page_icon="🔎", layout="wide")
i18n.switch()
keys.install()


def pages_for(actor: identity.Actor | None) -> list:
    # Page paths are relative to this file, as st.Page resolves them against the main script.
    pages = [
        st.Page("app_pages/review.py", title=t("page.review"), icon="✅", default=True),
        st.Page("app_pages/articles.py", title=t("page.articles"), icon="📰", url_path="articles"),
        st.Page("app_pages/dashboard.py", title=t("page.dashboard"), icon="📊", url_path="dashboard"),
        st.Page("app_pages/export.py", title=t("page.export"), icon="⬇️", url_path="export"),
    ]
    if actor is not None and actor.may(Action.ADJUDICATE):
        pages.insert(
            1, st.Page("app_pages/adjudication.py", title=t("page.adjudication"), icon="⚖️", url_path="adjudication")
        )
    if actor is not None and actor.may(Action.MANAGE_ACCOUNTS):
        pages.append(st.Page("app_pages/admin.py", title=t("page.admin"), icon="🔑", url_path="admin"))
    return pages


# One connection for the whole run: the gate and the page share it (db.store() hands out the open one).
with run_trace.run("page") as trace, db.store() as store:
    trace.watch(store)
    actor = identity.gate(store)
    if actor is None:
        if not identity.team_mode():  # a team's workbench shows nothing, not even its page list, before sign-in
            st.navigation(pages_for(None))  # listed before a name is given; none opens without one
            welcome.intro()
        st.stop()
    st.navigation(pages_for(actor)).run()
