"""Widgets of the Adjudication page: disagreements side by side, and an editor's verdict."""

from __future__ import annotations

from itertools import islice

import streamlit as st

from workbench.models import Status
from workbench.store import Store
from workbench.ui import db, safe

MAX_LISTED = 500


def pick_disagreement(store: Store) -> int | None:
    ids = list(islice(store.disagreements(), MAX_LISTED))
    if not ids:
        st.success("No disagreements: every claim's reviewers agree.")
        return None
    # Options computed here: a format_func must not touch the store, it may run on another thread.
    names = {i: f"#{i} {'✔ ' if store.verdict(i) else ''}{store.claim(i).text[:90]}" for i in ids}
    settled = sum(name.split(" ", 2)[1] == "✔" for name in names.values())
    st.caption(f"{len(ids)} claims where reviewers disagree · {settled} settled")
    return st.selectbox("Claim", ids, key="adjudicate-claim", format_func=names.__getitem__)


def labels_side_by_side(store: Store, claim_id: int) -> None:
    claim = store.claim(claim_id)
    article = store.article(claim.article_id)
    safe.heading(article.title, level=4)
    safe.paragraph_with_claim(article.text, store.paragraph(claim), claim)
    labels = store.labels(claim_id)
    for column, label in zip(st.columns(len(labels)), labels):
        with column, st.container(border=True):
            safe.plain(f"{label.reviewer}\n{label.status.value.upper()}\n{label.note or '(no note)'}")
            if label.source_url:
                st.link_button("Open source", label.source_url, key=f"source-{claim_id}-{label.reviewer}")
            st.caption(label.updated_at)


def verdict_form(store: Store, claim_id: int, editor: str) -> None:
    verdict = store.verdict(claim_id)
    if verdict is not None:
        st.info(f"Final verdict: **{verdict.status.value}** by {safe.escape_markdown(verdict.by)} at {verdict.at}")
    statuses = list(Status)
    status = st.radio("Final verdict", statuses, horizontal=True, key=f"verdict-status-{claim_id}",
                      index=statuses.index(verdict.status) if verdict else None, format_func=lambda s: s.value)
    note = st.text_area("Why", value=verdict.note if verdict else "", key=f"verdict-note-{claim_id}",
                        max_chars=2000)
    if st.button("Set verdict", key="verdict-save", type="primary", disabled=status is None):
        with db.reported():
            store.adjudicate(claim_id, status=status, note=note, by=editor)
            st.rerun()
