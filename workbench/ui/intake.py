"""Widgets for articles that come in other ways: HTML pages, CSV/JSONL batches, JSONL exports, URLs."""

from __future__ import annotations

from pathlib import PurePath

import pandas as pd
import streamlit as st

from workbench.formats.jsonl import is_export
from workbench.importing import (
    TEXT_SUFFIXES,
    ImportResult,
    Notice,
    Outcome,
    Prepared,
    Refused,
    import_url,
    preview_data,
)
from workbench.store import Store
from workbench.ui import db, safe
from workbench.ui.articles import report
from workbench.ui.i18n import language_name, t

BATCH_PREVIEW_ROWS = 200


def is_plain_text(name: str) -> bool:
    return PurePath(name).suffix.lower() in TEXT_SUFFIXES


@st.cache_data(max_entries=32, show_spinner=False)
def previewed(data: bytes, name: str, language: str) -> list[Prepared | Refused]:
    """Extract, check and split once per distinct file: reruns of the page reuse it."""
    return preview_data(data, name, language=language)


def is_jsonl_export(data: bytes, name: str) -> bool:
    return PurePath(name).suffix.lower() == ".jsonl" and is_export(data)


def export_choice(data: bytes, name: str, may_restore: bool, key: str) -> bool:
    """What importing a JSONL export will do. Only someone the store lets restore (an admin) is offered it:
    True when they keep it ticked; everyone else brings in the articles and their segments only."""
    lines = data.count(b"\n")
    if not may_restore:
        st.caption(t("intake.articles_only", where=safe.escape_markdown(name)))
        return False
    st.caption(t("intake.export", lines=safe.md(lines)))
    return st.checkbox(t("intake.restore"), value=True, key=key, help=t("intake.restore_help"))


def file_preview(data: bytes, name: str, language: str) -> bool:
    """What importing this HTML page or batch would do; True when something can be imported."""
    with st.spinner(t("intake.reading")):
        items = previewed(data, name, language)
    ready = [i for i in items if isinstance(i, Prepared)]
    refused = [i for i in items if isinstance(i, Refused)]
    st.caption(t("intake.ready", ready=safe.md(len(ready)), refused=safe.md(len(refused))))
    if ready:
        st.dataframe(
            pd.DataFrame(
                {
                    t("col.from"): [i.source_name for i in ready[:BATCH_PREVIEW_ROWS]],
                    t("col.title"): [i.title for i in ready[:BATCH_PREVIEW_ROWS]],
                    t("col.language"): [language_name(i.split.language) for i in ready[:BATCH_PREVIEW_ROWS]],
                    t("col.claims"): [i.claim_count for i in ready[:BATCH_PREVIEW_ROWS]],
                    t("col.url"): [i.meta.url for i in ready[:BATCH_PREVIEW_ROWS]],
                }
            ),
            hide_index=True,
            width="stretch",
        )
    for item in refused:
        refusal(item)
    return bool(ready)


def refusal(item: Refused) -> None:
    keyed = item.error is not None and item.error.key is not None  # else its English text, without the file name
    reason = db.error_text(item.error, where="") if keyed else safe.escape_markdown(item.reason)
    st.error(t("intake.refused", where=safe.escape_markdown(item.where), reason=reason), icon="⚠️")


def report_outcome(outcome: Outcome) -> None:
    if isinstance(outcome, ImportResult):
        report(outcome)
    elif isinstance(outcome, Notice) and outcome.key == "intake.articles_only":
        st.info(t("intake.articles_only", where=safe.escape_markdown(outcome.where)))
    elif isinstance(outcome, Notice):
        st.info(safe.escape_markdown(outcome.message))
    else:
        refusal(outcome)


def url_form(store: Store, actor: str) -> None:
    """Fetch one page by its URL and import its article (private addresses are refused, see the settings)."""
    url = st.text_input(
        t("intake.url"), key="url-input", placeholder="https://…", max_chars=2048, help=t("intake.url_help")
    )
    if st.button(t("intake.fetch"), key="url-fetch", type="primary", disabled=not url.strip()):
        with st.spinner(t("intake.fetching")):
            outcomes = import_url(store, url.strip(), actor=actor)
        for outcome in outcomes:
            report_outcome(outcome)
