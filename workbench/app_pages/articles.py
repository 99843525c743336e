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
