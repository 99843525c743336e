"""The "Edit metadata" form of the Articles page: title, outlet, URL, author, date and language of one article."""

from __future__ import annotations

import json

import streamlit as st

from workbench.metadata import METADATA_LANGUAGES
from workbench.store import Store
from workbench.ui import db, safe
from workbench.ui.articles import LANGUAGE_NAMES


def edit_form(store: Store, editor: str) -> None:
    titles = {a.id: a.title for a in store.articles()}
    if not titles:
        return
    chosen = st.selectbox("Article", list(titles), key="meta-article", format_func=lambda i: f"{i}. {titles[i][:80]}")
    article, meta = store.article(chosen), store.article_meta(chosen)
    languages = list(METADATA_LANGUAGES)
    with st.form(f"meta-form-{chosen}"):
        title = st.text_input("Title", value=article.title, max_chars=200, key=f"meta-title-{chosen}")
        left, right = st.columns(2)
        outlet = left.text_input("Outlet", value=meta.outlet, max_chars=200, key=f"meta-outlet-{chosen}")
        author = right.text_input("Author", value=meta.author, max_chars=200, key=f"meta-author-{chosen}")
        url = st.text_input("URL", value=meta.url, max_chars=2048, key=f"meta-url-{chosen}", placeholder="https://…")
        left, right = st.columns(2)
        published = left.text_input("Published", value=meta.published, key=f"meta-published-{chosen}",
                                    placeholder="YYYY-MM-DD")
        language = right.selectbox(
            "Language", languages, key=f"meta-language-{chosen}",
            index=languages.index(article.language) if article.language in languages else len(languages) - 1,
            format_func=lambda code: LANGUAGE_NAMES.get(code, code),
            help="Changing it relabels the article; its split stays as it is.")
        if st.form_submit_button("Save metadata", type="primary"):
            with db.reported():
                store.update_article_metadata(chosen, title=title, outlet=outlet, url=url, published=published,
                                              language=language, author=author, by=editor)
                st.success("Metadata saved.", icon="✅")
    if meta.url:
        st.link_button("Open the original page", meta.url)  # stored only after the URL rules passed
    if meta.extra:
        st.caption("Other metadata from the import")
        safe.plain(json.dumps(meta.extra, ensure_ascii=False, indent=1, sort_keys=True), muted=True)
