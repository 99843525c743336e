"""Export: choose what to export and in which format, look at it, download it."""

import streamlit as st

from workbench.ui import db, export, identity

st.title("Export")
with db.store() as store:
    chosen = export.filters(store, identity.current().name)
    fmt, excel = export.format_choice()
    export.preview(store, chosen, fmt)
export.download(chosen, fmt, excel)
