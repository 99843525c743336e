"""Widgets of the Export page: filters, a format, a preview, and a file built only when the button is pressed."""

from __future__ import annotations

from itertools import islice

import pandas as pd
import streamlit as st

from workbench.database import open_store
from workbench.exporting import (
    CSV_COLUMNS,
    EXPORT_FORMATS,
    FILE_NAMES,
    MIME_TYPES,
    excel_delimiter,
    export_bytes,
    long_rows,
    wide_table,
)
from workbench.store import Store
from workbench.ui import db, safe, search
from workbench.ui.i18n import format_name, labels, language, t, tn

PREVIEW_ROWS = 200


def filters(store: Store, viewer: str) -> dict:
    """The article, status and reviewer to export; None means all. What the viewer may see is the
    store's decision (blind review, store/visibility.py); the page only says so."""
    left, middle, right = st.columns(3)
    article = search.article_picker(store, left, "export-article")
    status = search.status_picker(middle, "export-status")
    reviewer = search.reviewer_picker(
        store, right, "export-reviewer", viewer=viewer, title=t("export.reviewer"), anyone=t("export.all_reviewers")
    )
    return {"article_id": article, "status": status, "reviewer": reviewer, **search.find_filters("export")}


def format_choice() -> tuple[str, bool]:
    """The format, and whether a CSV should start with a byte order mark for Excel."""
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    fmt = left.radio(
        t("export.format"),
        EXPORT_FORMATS,
        key="export-format",
        horizontal=True,
        format_func=labels(EXPORT_FORMATS, format_name),
    )
    excel = right.checkbox(t("export.excel"), key="export-excel", disabled=not fmt.startswith("csv"))
    return fmt, bool(excel) and fmt.startswith("csv")


def preview(store: Store, chosen: dict, fmt: str, viewer: str) -> None:
    """The first rows: wide for the wide CSV, one row per label for the other formats."""
    with db.reported():
        if fmt == "csv-wide":
            columns, found = wide_table(store, viewer=viewer, **chosen)
        else:
            columns, found = list(CSV_COLUMNS), long_rows(store, viewer=viewer, **chosen)
        rows = list(islice(found, PREVIEW_ROWS + 1))
        shown = rows[:PREVIEW_ROWS]
        st.caption(
            tn("export.rows_more", len(shown), shown=safe.md(PREVIEW_ROWS))
            if len(rows) > PREVIEW_ROWS
            else tn("export.rows", len(shown))
        )
        cells = [
            {k: safe.grid(v) for k, v in (row.items() if isinstance(row, dict) else zip(columns, row))} for row in shown
        ]  # exports keep ISO UTC; the grid shows text
        st.dataframe(pd.DataFrame(cells, columns=columns), hide_index=True, width="stretch")


def download(chosen: dict, fmt: str, excel: bool, viewer: str) -> None:
    # Read now, on the run's thread: the session's language is unknown where build() runs.
    delimiter = excel_delimiter(language()) if excel else ","

    def build() -> bytes:
        # Runs on another thread when clicked: it opens its own connection, never this run's.
        with open_store() as store:
            return export_bytes(store, fmt, viewer=viewer, excel=excel, delimiter=delimiter, **chosen)

    label = t("export.download", format=format_name(fmt).split(" (")[0])
    st.download_button(
        label,
        data=build,
        file_name=FILE_NAMES[fmt],
        mime=MIME_TYPES[fmt],
        key="export-download",
        type="primary",
        on_click="ignore",
    )
