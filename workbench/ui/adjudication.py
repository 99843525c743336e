"""Widgets of the Adjudication page: disagreements side by side, and an editor's verdict."""

from __future__ import annotations

from itertools import islice

import streamlit as st

from workbench.errors import WorkbenchError
from workbench.models import Status
from workbench.store import Store
from workbench.ui import db, evidence, safe
from workbench.ui.i18n import labels, status_name, t, tn
from workbench.ui.when import local_time

MAX_LISTED = 500


def pick_disagreement(store: Store, editor: str) -> int | None:
    try:
        ids = list(islice(store.adjudication_queue(viewer=editor), MAX_LISTED))
    except WorkbenchError as exc:  # the store refuses anyone who may not adjudicate
        db.show_error(exc)
        return None
    if not ids:
        st.success(t("adj.none"))
        return None
    # Options computed here: a format_func must not touch the store, it may run on another thread.
    names = {
        i: safe.cell(f"#{i} {'✔ ' if store.verdict(i, viewer=editor) else ''}{store.claim(i).text[:90]}") for i in ids
    }
    settled = sum(name.split(" ", 2)[1] == "✔" for name in names.values())
    st.caption(tn("adj.count", len(ids), settled=safe.md(settled)))
    return st.selectbox(t("adj.claim"), ids, key="adjudicate-claim", format_func=names.__getitem__)


def labels_side_by_side(store: Store, claim_id: int, editor: str) -> None:
    claim = store.claim(claim_id)
    article = store.article(claim.article_id)
    safe.heading(article.title, level=4)
    safe.paragraph_with_claim(article.text, store.paragraph(claim), claim)
    labels = store.labels(claim_id, viewer=editor)
    links = store.link_states(claim_id, viewer=editor)
    for number, (column, label) in enumerate(zip(st.columns(len(labels)), labels)):
        with column, st.container(border=True):
            safe.plain(f"{label.reviewer}\n{status_name(label.status.value).upper()}\n{label.note or t('adj.no_note')}")
            if label.source_url and safe.usable_link(label.source_url):
                st.link_button(t("adj.open_source"), label.source_url, key=f"source-{claim_id}-{number}")
            evidence.flag(links.get(label.reviewer))
            if label.archive_url and safe.usable_link(label.archive_url):
                st.link_button(t("links.open_archive"), label.archive_url, key=f"archive-{claim_id}-{number}")
            st.caption(safe.md(local_time(label.updated_at)))


def earlier_labels(store: Store, claim_id: int, editor: str) -> None:
    """Labels given to the segments this claim came from, before a correction of the split: marked superseded."""
    earlier = store.earlier_labels(claim_id, viewer=editor)
    if not earlier:
        return
    st.caption(t("adj.earlier"))
    for segment, label in earlier:
        safe.plain(
            f"{t('adj.superseded_marker', segment=segment.id, text=segment.text[:90])}\n"
            f"{label.reviewer} · {status_name(label.status.value)} · {label.source_url or '—'} · "
            f"{label.note or t('adj.no_note')} · {local_time(label.updated_at)}",
            muted=True,
        )


def verdict_form(store: Store, claim_id: int, editor: str) -> None:
    verdict = store.verdict(claim_id, viewer=editor)
    if verdict is not None:
        st.info(
            t(
                "adj.final",
                status=status_name(verdict.status.value),
                by=safe.md(verdict.by),
                at=safe.md(local_time(verdict.at)),
            )
        )
    statuses = list(Status)
    status = st.radio(
        t("adj.verdict"),
        statuses,
        horizontal=True,
        key=f"verdict-status-{claim_id}",
        index=statuses.index(verdict.status) if verdict else None,
        format_func=labels(statuses, lambda s: status_name(s.value)),
    )
    note = st.text_area(
        t("adj.why"), value=verdict.note if verdict else "", key=f"verdict-note-{claim_id}", max_chars=2000
    )
    if st.button(t("adj.set"), key="verdict-save", type="primary", disabled=status is None):
        with db.reported():
            store.adjudicate(claim_id, status=status, note=note, by=editor)
            st.rerun()
