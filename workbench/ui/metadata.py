"""The "Edit metadata" form of the Articles page: title, outlet, URL, author, date and language of one article."""

from __future__ import annotations

import json

import streamlit as st

from workbench.metadata import METADATA_LANGUAGES
from workbench.store import Store
from workbench.ui import db, safe, search
from workbench.ui.i18n import labels, language_name, t


def edit_form(store: Store, editor: str) -> None:
    chosen = search.article_picker(store, st, "meta-article", required=True)
    if chosen is None:
        return
    article, meta = store.article(chosen), store.article_meta(chosen)
    languages = list(METADATA_LANGUAGES)
    with st.form(f"meta-form-{chosen}"):
        title = st.text_input(t("meta.title"), value=article.title, max_chars=200, key=f"meta-title-{chosen}")
        left, right = st.columns(2)
        outlet = left.text_input(t("meta.outlet"), value=meta.outlet, max_chars=200, key=f"meta-outlet-{chosen}")
        author = right.text_input(t("meta.author"), value=meta.author, max_chars=200, key=f"meta-author-{chosen}")
        url = st.text_input(
            t("meta.url"), value=meta.url, max_chars=2048, key=f"meta-url-{chosen}", placeholder="https://…"
        )
        left, right = st.columns(2)
        published = left.text_input(
            t("meta.published"), value=meta.published, key=f"meta-published-{chosen}", placeholder="YYYY-MM-DD"
        )
        language = right.selectbox(
            t("meta.language"),
            languages,
            key=f"meta-language-{chosen}",
            index=languages.index(article.language) if article.language in languages else len(languages) - 1,
            format_func=labels(languages, language_name),
            help=t("meta.language_help"),
        )
        if st.form_submit_button(t("meta.save"), type="primary"):
            with db.reported():
                store.update_article_metadata(
                    chosen,
                    title=title,
                    outlet=outlet,
                    url=url,
                    published=published,
                    language=language,
                    author=author,
                    by=editor,
                )
                st.success(t("meta.saved"), icon="✅")
    if meta.url and safe.usable_link(meta.url):
        st.link_button(t("meta.open"), meta.url)  # stored only after the URL rules passed
    if meta.extra:
        st.caption(t("meta.extra"))
        safe.plain(json.dumps(meta.extra, ensure_ascii=False, indent=1, sort_keys=True), muted=True)
