"""Articles: bring articles in (paste or upload), preview their split, see progress."""

import streamlit as st

from workbench.ui import articles, db

st.title("Articles")
with db.store() as store:
    paste, upload = st.tabs(["Paste", "Upload files"])
    with paste:
        articles.paste_form(store)
    with upload:
        articles.upload_form(store)
    st.subheader("All articles")
    articles.article_list(store)
    st.subheader("Segments")
    st.caption("Boilerplate is stored but never offered for review; open a segment to change its kind.")
    articles.segments_table(store)
