"""Articles: bring articles in (paste, upload or URL), preview their split, see progress, edit metadata."""

import streamlit as st

from workbench.ui import articles, db, identity, intake, metadata, revisions
from workbench.ui.i18n import t

st.title(t("page.articles"))
with db.store() as store:
    paste, upload, from_url = st.tabs([t("articles.paste"), t("articles.upload"), t("articles.from_url")])
    with paste:
        articles.paste_form(store, identity.current().name)
    with upload:
        articles.upload_form(store, identity.current().name)
    with from_url:
        intake.url_form(store, identity.current().name)
    st.subheader(t("articles.all"))
    articles.article_list(store)
    st.subheader(t("articles.segments"))
    st.caption(t("articles.segments_caption"))
    articles.segments_table(store)
    st.subheader(t("articles.revisions"))
    revisions.section(store)
    with st.expander(t("articles.edit_metadata")):
        metadata.edit_form(store, identity.current().name)
