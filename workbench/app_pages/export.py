"""Export: choose what to export, look at it, download it as CSV."""

import streamlit as st

from workbench.ui import db, export

st.title("Export")
with db.store() as store:
    chosen = export.filters(store)
    export.preview(store, chosen)
export.download(chosen)
