"""Articles: bring articles in (paste, upload or URL), preview their split, see progress, edit metadata."""

import streamlit as st

from workbench.ui import articles, db, identity, intake, metadata

st.title("Articles")
with db.store() as store:
    paste, upload, from_url = st.tabs(["Paste", "Upload files", "From a URL"])
    with paste:
        articles.paste_form(store)
    with upload:
        articles.upload_form(store)
    with from_url:
        intake.url_form(store)
    st.subheader("All articles")
    articles.article_list(store)
    st.subheader("Segments")
    st.caption("Boilerplate is stored but never offered for review; open a segment to change its kind.")
    articles.segments_table(store)
    with st.expander("Edit metadata"):
        metadata.edit_form(store, identity.current().name)
