"""Widgets of the Export page: filters, a preview, and a CSV built only when the button is pressed."""

from __future__ import annotations

from itertools import islice

import pandas as pd
import streamlit as st

from workbench.database import open_store
from workbench.exporting import CSV_COLUMNS, export_csv_text
from workbench.models import Status
from workbench.store import Store

PREVIEW_ROWS = 200


def filters(store: Store) -> dict:
    """The article, status and reviewer to export; None means all."""
    articles = {a.id: a.title for a in store.articles()}
    left, middle, right = st.columns(3)
    article = left.selectbox("Article", [None, *articles], key="export-article",
                             format_func=lambda i: "All articles" if i is None else f"{i}. {articles[i][:60]}")
    status = middle.selectbox("Status", [None, *(s.value for s in Status), "unlabelled"], key="export-status",
                              format_func=lambda s: "Any status" if s is None else s)
    reviewer = right.selectbox("Reviewer", [None, *store.reviewers()], key="export-reviewer",
                               format_func=lambda r: "All reviewers" if r is None else r)
    return {"article_id": article, "status": status, "reviewer": reviewer}


def preview(store: Store, chosen: dict) -> None:
    rows = list(islice(store.export_rows(**chosen), PREVIEW_ROWS + 1))
    shown = rows[:PREVIEW_ROWS]
    more = " (first 200 shown)" if len(rows) > PREVIEW_ROWS else ""
    st.caption(f"{len(shown)} rows{more}")
    st.dataframe(pd.DataFrame(shown, columns=list(CSV_COLUMNS)), hide_index=True, width="stretch")


def download(chosen: dict) -> None:
    def build() -> str:
        # Runs on another thread when clicked: it opens its own connection, never this run's.
        with open_store() as store:
            return export_csv_text(store, **chosen)

    st.download_button("Download CSV", data=build, file_name="workbench-export.csv", mime="text/csv",
                       key="export-download", type="primary", on_click="ignore")
