"""Admin: accounts and roles, review settings."""

import streamlit as st

from workbench.ui import admin, db, identity
from workbench.ui.i18n import t

st.title(t("page.admin"))
with db.store() as store:
    admin.accounts(store, identity.current().name)
    admin.settings(store, identity.current().name)
