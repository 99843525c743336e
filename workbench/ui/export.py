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
from workbench.models import Status
from workbench.store import Store
from workbench.ui import db, search
from workbench.ui.i18n import format_name, labels, language, status_name, t

PREVIEW_ROWS = 200


def filters(store: Store, viewer: str) -> dict:
    """The article, status and reviewer to export; None means all. Under blind review a reviewer
    exports only their own labels, as the Review page shows them only their own."""
    left, middle, right = st.columns(3)
    article = search.article_picker(store, left, "export-article")
    statuses = [None, *(s.value for s in Status), "unlabelled"]
    status = middle.selectbox(
        t("find.status"),
        statuses,
        key="export-status",
        format_func=labels(statuses, lambda s: t("find.any_status") if s is None else status_name(s)),
    )
    if store.review_settings().blind and not store.can_see_all(viewer):
        reviewer = right.selectbox(
            t("export.reviewer"), [viewer], key="export-reviewer-blind", disabled=True, help=t("export.blind_help")
        )
    else:
        reviewers = [None, *store.reviewers()]
        reviewer = right.selectbox(
            t("export.reviewer"),
            reviewers,
            key="export-reviewer",
            format_func=labels(reviewers, lambda r: t("export.all_reviewers") if r is None else r),
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


def preview(store: Store, chosen: dict, fmt: str = "csv") -> None:
    """The first rows: wide for the wide CSV, one row per label for the other formats."""
    with db.reported():
        if fmt == "csv-wide":
            columns, found = wide_table(store, **chosen)
        else:
            columns, found = list(CSV_COLUMNS), long_rows(store, **chosen)
        rows = list(islice(found, PREVIEW_ROWS + 1))
        shown = rows[:PREVIEW_ROWS]
        st.caption(
            t("export.rows_more", count=len(shown), shown=PREVIEW_ROWS)
            if len(rows) > PREVIEW_ROWS
            else t("export.rows", count=len(shown))
        )
        st.dataframe(pd.DataFrame(shown, columns=columns), hide_index=True, width="stretch")


def download(chosen: dict, fmt: str = "csv", excel: bool = False) -> None:
    # Read now, on the run's thread: the session's language is unknown where build() runs.
    delimiter = excel_delimiter(language()) if excel else ","

    def build() -> bytes:
        # Runs on another thread when clicked: it opens its own connection, never this run's.
        with open_store() as store:
            return export_bytes(store, fmt, excel=excel, delimiter=delimiter, **chosen)

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
