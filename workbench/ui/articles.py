"""Widgets of the Articles page: paste or upload, preview the split, list articles with progress."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from workbench import config
from workbench.importing import ImportResult, Prepared, decode_article, import_data, prepare, save
from workbench.models import SUPPORTED_LANGUAGES
from workbench.permissions import Action
from workbench.store import Store
from workbench.ui import db, links, safe, search
from workbench.ui.i18n import kind_name, labels, language_name, t, tn


@st.cache_data(max_entries=64, show_spinner=False)
def prepared(text: str, language: str, title: str = "", name: str = "") -> Prepared:
    """Split once per distinct input: reruns of the page reuse it."""
    return prepare(text, language=language, title=title, source_name=name)


def language_select(detected: str, key: str) -> str:
    """The detected language, shown, and changeable."""
    options = ["auto", *SUPPORTED_LANGUAGES]
    return st.selectbox(
        t("articles.language"),
        options,
        key=key,
        format_func=labels(
            options,
            lambda code: (
                t("articles.auto_detected", language=language_name(detected)) if code == "auto" else language_name(code)
            ),
        ),
    )


def preview(item: Prepared) -> None:
    split = item.split
    kinds = pd.Series([s.kind.value for s in split.segments]).value_counts()
    st.caption(
        t(
            "articles.preview",
            language=language_name(split.language),
            claims=safe.md(len(split.claims)),
            headings=safe.md(kinds.get("heading", 0)),
            boilerplate=safe.md(kinds.get("boilerplate", 0)),
        )
    )
    # Whole texts, wrapped: a table cell cut at the column edge hid where a sentence was split.
    safe.segment_table(
        [t("col.paragraph"), t("col.kind"), t("col.text")],
        [(str(s.paragraph), kind_name(s.kind.value), s.text) for s in split.segments],
    )


def report(result: ImportResult) -> None:
    name = safe.escape_markdown(result.source_name or result.title)
    if result.revised is not None:
        from workbench.ui.revisions import counts

        st.success(
            t(
                "articles.revised",
                name=name,
                article=safe.md(result.article_id),
                revision=safe.md(result.revised.revision),
                **counts(result.revised),
            )
        )
    elif result.created:
        st.success(
            t(
                "articles.imported",
                name=name,
                article=safe.md(result.article_id),
                claims=safe.md(result.claims),
                language=safe.md(result.language),
            )
        )
    else:
        st.info(t("articles.already", name=name, article=safe.md(result.article_id)))


def paste_form(store: Store, actor: str) -> None:
    title = st.text_input(t("articles.title_optional"), key="paste-title", max_chars=200)
    text = st.text_area(t("articles.text"), key="paste-text", height=240, placeholder=t("articles.text_placeholder"))
    if not text.strip():
        return
    with db.reported():
        auto = prepared(text, "auto", title)
        language = language_select(auto.split.detected_language or auto.split.language, "paste-language")
        item = auto if language == "auto" else prepared(text, language, title)
        preview(item)
        if st.button(t("articles.save"), key="paste-save", type="primary"):
            report(save(store, item, actor=actor))


def upload_form(store: Store, actor: str) -> None:
    """Files to import; a JSONL export is restored whole only when the store lets `actor` restore (admins)."""
    limit = int(config.get("max_upload_mb"))  # type: ignore[call-overload]
    from workbench.ui import intake  # it imports this module

    files = st.file_uploader(
        t("articles.upload_label"),
        type=["txt", "md", "html", "htm", "csv", "jsonl"],
        accept_multiple_files=True,
        key="upload-files",
        max_upload_size=limit,
    )
    if not files:
        return
    options = ["auto", *SUPPORTED_LANGUAGES]
    language = st.selectbox(
        t("articles.language"),
        options,
        key="upload-language",
        format_func=labels(options, lambda c: t("articles.auto_per_article") if c == "auto" else language_name(c)),
    )
    ready: list[Prepared] = []
    batches: list[tuple[bytes, str, bool]] = []  # HTML pages, CSV/JSONL batches and exports: imported per article
    may_restore = store.can(actor, Action.RESTORE)
    for number, upload in enumerate(files):
        with st.expander(safe.escape_markdown(upload.name), expanded=len(files) == 1), db.reported():
            if intake.is_jsonl_export(upload.getvalue(), upload.name):
                restore = intake.export_choice(upload.getvalue(), upload.name, may_restore, f"upload-restore-{number}")
                batches.append((upload.getvalue(), upload.name, restore))
                continue
            if not intake.is_plain_text(upload.name):
                if intake.file_preview(upload.getvalue(), upload.name, language):
                    batches.append((upload.getvalue(), upload.name, False))
                continue
            item = prepared(decode_article(upload.getvalue(), upload.name), language, "", upload.name)
            preview(item)
            ready.append(item)
    count = len(ready) + len(batches)
    if count and st.button(
        t("articles.import_count", count=count, files=len(files)), key="upload-save", type="primary"
    ):
        bar = st.progress(0.0)
        for number, item in enumerate(ready, start=1):
            with db.reported():
                report(save(store, item, actor=actor))
            bar.progress(number / count, text=t("articles.imported_count", number=number, count=count))
        for number, (data, name, restore) in enumerate(batches, start=len(ready) + 1):
            st.caption(safe.escape_markdown(name))
            with db.reported():
                for outcome in import_data(store, data, name, language=language, actor=actor, restore=restore):
                    intake.report_outcome(outcome)
            bar.progress(number / count, text=t("articles.imported_count", number=number, count=count))


ARTICLES_PER_PAGE = 50


def article_page(store: Store) -> list:
    """One page of articles: every article as a row of widgets, with a query each, took seconds at 10,000."""
    count = store.article_count()
    pages = max(1, -(-count // ARTICLES_PER_PAGE))
    page = 1
    if pages > 1:
        page = int(
            st.number_input(
                tn("articles.page", count, pages=safe.md(pages)),
                min_value=1,
                max_value=pages,
                value=1,
                key="articles-page",
            )
        )
    return store.articles(limit=ARTICLES_PER_PAGE, offset=(page - 1) * ARTICLES_PER_PAGE)


def article_list(store: Store) -> None:
    articles = article_page(store)
    if not articles:
        st.info(t("articles.none"))
        return
    for article in articles:
        left, middle, right = st.columns([6, 4, 1], vertical_alignment="center")
        with left:
            safe.plain(f"{article.id}. {article.title}  ·  {article.language}")
        middle.progress(
            article.labelled / article.claims if article.claims else 1.0,
            text=t("articles.labelled", done=safe.md(article.labelled), total=safe.md(article.claims)),
        )
        first = next(store.claims(article_id=article.id), None)
        if first is not None:
            right.page_link("app_pages/review.py", label=t("articles.review"), query_params={"claim": str(first.id)})


def segments_table(store: Store) -> None:
    """Every segment of one article with its kind; each opens on the Review page, where it can be fixed."""
    chosen = search.article_picker(store, st, "segments-article", required=True)
    if chosen is None:
        return
    segments = store.segments(chosen)
    link = t("col.open")
    st.dataframe(
        pd.DataFrame(
            {
                link: [links.claim_link(s.id) for s in segments],
                t("col.kind"): [kind_name(s.kind.value) for s in segments],
                t("col.paragraph"): [s.paragraph for s in segments],
                t("col.text"): [safe.cell(s.text) for s in segments],
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={link: st.column_config.LinkColumn(link, display_text=link, width="small")},
    )
