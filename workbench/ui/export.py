"""Widgets of the Export page: filters, a format, a preview, and a file built only when the button is pressed."""

from __future__ import annotations

from itertools import islice

import pandas as pd
import streamlit as st

from workbench.database import open_store
from workbench.exporting import CSV_COLUMNS, EXPORT_FORMATS, FILE_NAMES, MIME_TYPES, export_text, long_rows, wide_table
from workbench.models import Status
from workbench.store import Store
from workbench.ui import db, search

FORMAT_LABELS = {"csv": "CSV (one row per label)", "csv-wide": "CSV wide (one row per claim)",
                 "jsonl": "JSONL (claims with labels and history)", "claimreview": "ClaimReview JSON-LD"}

PREVIEW_ROWS = 200


def filters(store: Store, viewer: str) -> dict:
    """The article, status and reviewer to export; None means all. Under blind review a reviewer
    exports only their own labels, as the Review page shows them only their own."""
    articles = {a.id: a.title for a in store.articles()}
    left, middle, right = st.columns(3)
    article = left.selectbox("Article", [None, *articles], key="export-article",
                             format_func=lambda i: "All articles" if i is None else f"{i}. {articles[i][:60]}")
    status = middle.selectbox("Status", [None, *(s.value for s in Status), "unlabelled"], key="export-status",
                              format_func=lambda s: "Any status" if s is None else s)
    if store.review_settings().blind and not store.can_see_all(viewer):
        reviewer = right.selectbox("Reviewer", [viewer], key="export-reviewer-blind", disabled=True,
                                   help="Blind review: you export your own labels; editors export everyone's.")
    else:
        reviewer = right.selectbox("Reviewer", [None, *store.reviewers()], key="export-reviewer",
                                   format_func=lambda r: "All reviewers" if r is None else r)
    return {"article_id": article, "status": status, "reviewer": reviewer, **search.find_filters("export")}


def format_choice() -> tuple[str, bool]:
    """The format, and whether a CSV should start with a byte order mark for Excel."""
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    fmt = left.radio("Format", EXPORT_FORMATS, key="export-format", horizontal=True, format_func=FORMAT_LABELS.get)
    excel = right.checkbox("Excel-friendly (UTF-8 with BOM)", key="export-excel", disabled=not fmt.startswith("csv"))
    return fmt, bool(excel) and fmt.startswith("csv")


def preview(store: Store, chosen: dict, fmt: str = "csv") -> None:
    """The first rows: wide for the wide CSV, one row per label for the other formats."""
    with db.reported():
        if fmt == "csv-wide":
            columns, found = wide_table(store, **chosen)
        else:
            columns, found = list(CSV_COLUMNS), long_rows(store, **chosen)
        rows = list(islice(found, PREVIEW_ROWS + 1))
        shown = rows[:PREVIEW_ROWS]
        more = " (first 200 shown)" if len(rows) > PREVIEW_ROWS else ""
        st.caption(f"{len(shown)} rows{more}")
        st.dataframe(pd.DataFrame(shown, columns=columns), hide_index=True, width="stretch")


def download(chosen: dict, fmt: str = "csv", excel: bool = False) -> None:
    def build() -> str:
        # Runs on another thread when clicked: it opens its own connection, never this run's.
        with open_store() as store:
            return export_text(store, fmt, excel=excel, **chosen)

    label = "Download " + FORMAT_LABELS[fmt].split(" (")[0]
    st.download_button(label, data=build, file_name=FILE_NAMES[fmt], mime=MIME_TYPES[fmt],
                       key="export-download", type="primary", on_click="ignore")
