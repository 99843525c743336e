"""Widgets of the Adjudication page: disagreements side by side, and an editor's verdict."""

from __future__ import annotations

from itertools import islice

import streamlit as st

from workbench.models import Status
from workbench.store import Store
from workbench.ui import db, safe
from workbench.ui.i18n import labels, status_name, t

MAX_LISTED = 500


def pick_disagreement(store: Store) -> int | None:
    ids = list(islice(store.disagreements(), MAX_LISTED))
    if not ids:
        st.success(t("adj.none"))
        return None
    # Options computed here: a format_func must not touch the store, it may run on another thread.
    names = {i: f"#{i} {'✔ ' if store.verdict(i) else ''}{store.claim(i).text[:90]}" for i in ids}
    settled = sum(name.split(" ", 2)[1] == "✔" for name in names.values())
    st.caption(t("adj.count", count=len(ids), settled=settled))
    return st.selectbox(t("adj.claim"), ids, key="adjudicate-claim", format_func=names.__getitem__)


def labels_side_by_side(store: Store, claim_id: int) -> None:
    claim = store.claim(claim_id)
    article = store.article(claim.article_id)
    safe.heading(article.title, level=4)
    safe.paragraph_with_claim(article.text, store.paragraph(claim), claim)
    labels = store.labels(claim_id)
    for column, label in zip(st.columns(len(labels)), labels):
        with column, st.container(border=True):
            safe.plain(f"{label.reviewer}\n{status_name(label.status.value).upper()}\n{label.note or t('adj.no_note')}")
            if label.source_url:
                st.link_button(t("adj.open_source"), label.source_url, key=f"source-{claim_id}-{label.reviewer}")
            st.caption(label.updated_at)


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
            f"{label.note or t('adj.no_note')} · {label.updated_at}",
            muted=True,
        )


def verdict_form(store: Store, claim_id: int, editor: str) -> None:
    verdict = store.verdict(claim_id)
    if verdict is not None:
        st.info(
            t("adj.final", status=status_name(verdict.status.value), by=safe.escape_markdown(verdict.by), at=verdict.at)
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
