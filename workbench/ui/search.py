"""Finding claims: the search box and filters of the Review and Export pages, and the Review page's results."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from workbench.errors import NotFound
from workbench.metadata import METADATA_LANGUAGES
from workbench.models import Status
from workbench.store import Store
from workbench.store.search import MAX_SEARCH_CHARS, ClaimFilter
from workbench.ui import db, links, safe
from workbench.ui.i18n import labels, language_name, status_name, t, tn

RESULTS_SHOWN = 100
PICKER_TITLES = 500  # more titles than a reviewer can scroll through, and than a page run should send


def find_filters(prefix: str, *, disagreement: bool = True) -> dict:
    """Search text, language and (optionally) disagreement; keys start with `prefix` so both pages can have them."""
    left, right = st.columns([3, 1])
    text = left.text_input(
        t("find.search"), key=f"{prefix}-search", max_chars=MAX_SEARCH_CHARS, placeholder=t("find.search_placeholder")
    )
    languages = [None, *METADATA_LANGUAGES]
    language = right.selectbox(
        t("find.language"),
        languages,
        key=f"{prefix}-language",
        format_func=labels(languages, lambda c: t("find.any_language") if c is None else language_name(c)),
    )
    split = disagreement and st.checkbox(t("find.disagreement"), key=f"{prefix}-disagreement")
    return {"text": text, "language": language, "disagreement": bool(split)}


def article_picker(store: Store, where, key: str, *, required: bool = False) -> int | None:
    """An article to filter by (None: all; `required`: no "all" choice), as a list of titles, or past
    PICKER_TITLES articles the article's number.

    This runs on every run of the page showing it: 10,000 titles took 200 ms to read and send, each time.
    """
    articles = store.article_titles(limit=PICKER_TITLES + 1)
    if len(articles) > PICKER_TITLES:
        chosen = where.number_input(
            t("find.article_number"),
            min_value=1,
            value=None,
            step=1,
            key=f"{key}-id",
            placeholder="" if required else t("find.all_articles"),
        )
        if chosen is None:
            return None
        try:
            store.article_title(int(chosen))
        except NotFound as exc:  # a number typed for an article that does not exist
            db.show_error(exc)
            return None if required else int(chosen)  # as a filter it finds nothing, which is the truth
        return int(chosen)
    choices = list(articles) if required else [None, *articles]
    return where.selectbox(
        t("find.article"),
        choices,
        key=key,
        format_func=labels(
            choices, lambda i: t("find.all_articles") if i is None else safe.cell(f"{i}. {articles[i][:60]}")
        ),
    )


def status_picker(where, key: str) -> str | None:
    """A status to filter by (None: any), "unlabelled" included."""
    statuses = [None, *(s.value for s in Status), "unlabelled"]
    return where.selectbox(
        t("find.status"),
        statuses,
        key=key,
        format_func=labels(statuses, lambda s: t("find.any_status") if s is None else status_name(s)),
    )


def reviewer_picker(store: Store, where, key: str, *, viewer: str, title: str, anyone: str) -> str | None:
    """A reviewer to filter by (None: `anyone`), among those whose labels `viewer` may see (the store's
    decision, store/visibility.py); under blind review its help says why some are missing."""
    reviewers = [None, *store.reviewers(viewer=viewer)]
    return where.selectbox(
        title,
        reviewers,
        key=key,
        format_func=labels(reviewers, lambda r: anyone if r is None else safe.cell(r)),
        help=None if store.sees_everything(viewer) else t("export.blind_help"),
    )


def finder(store: Store, reviewer: str) -> None:
    """Search and filter every claim; each result opens on this page. The label filters look at the labels
    the reviewer may see: the store applies blind review (store/visibility.py), the page only says so."""
    with st.expander(t("find.title"), expanded=bool(st.session_state.get("find-search"))):
        chosen = find_filters("find")
        left, middle, right = st.columns(3)
        article = article_picker(store, left, "find-article")
        status = status_picker(middle, "find-status")
        by = reviewer_picker(
            store, right, "find-reviewer", viewer=reviewer, title=t("find.labelled_by"), anyone=t("find.anyone")
        )
        if not store.sees_everything(reviewer):
            st.caption(t("find.blind"))
        found = ClaimFilter(
            text=chosen["text"],
            language=chosen["language"],
            article_id=article,
            status=status,
            reviewer=by,
            disagreement=chosen["disagreement"],
        )
        if found.is_empty():
            return
        with db.reported():
            claims = store.find_claims(found, viewer=reviewer, limit=RESULTS_SHOWN + 1)
            count = min(len(claims), RESULTS_SHOWN)
            st.caption(
                tn("find.count_more", count, shown=safe.md(RESULTS_SHOWN))
                if len(claims) > RESULTS_SHOWN
                else tn("find.count", count)
            )
            shown = claims[:RESULTS_SHOWN]
            link = t("col.open")
            st.dataframe(
                pd.DataFrame(
                    {
                        link: [links.claim_link(c.id) for c in shown],
                        t("col.article"): [c.article_id for c in shown],
                        t("col.language"): [safe.cell(c.language) for c in shown],
                        t("col.text"): [safe.cell(c.text) for c in shown],
                    }
                ),
                hide_index=True,
                width="stretch",
                column_config={link: st.column_config.LinkColumn(link, display_text=link, width="small")},
            )
