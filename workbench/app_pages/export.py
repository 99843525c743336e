"""Export: choose what to export and in which format, look at it, download it."""

import streamlit as st

from workbench.ui import db, export, identity
from workbench.ui.i18n import t

st.title(t("page.export"))
viewer = identity.current().name
with db.store() as store:
    chosen = export.filters(store, viewer)
    fmt, excel = export.format_choice()
    export.preview(store, chosen, fmt, viewer)
export.download(chosen, fmt, excel, viewer)
