"""Undo of this session's last save: one button (key U) that puts back what the save replaced."""

from __future__ import annotations

import streamlit as st

from workbench.errors import LabelConflict, WorkbenchError
from workbench.store import Store
from workbench.ui import db, safe, session
from workbench.ui.i18n import status_name, t


def _ask() -> None:
    st.session_state[session.PRESSED_UNDO] = True


def apply(store: Store, reviewer: str) -> None:
    """Undo the last save if Undo was pressed, and show that claim again, as it now is."""
    if not st.session_state.pop(session.PRESSED_UNDO, False):
        return
    last = st.session_state.pop(session.UNDO, None)
    if last is None:
        return
    claim_id, version, _status = last
    try:
        label = store.undo_label(claim_id, reviewer=reviewer, expected_version=version)
    except LabelConflict:
        st.warning(t("review.undo_conflict", claim=safe.md(claim_id)), icon="⚠️")
        return
    except WorkbenchError as exc:
        db.show_error(exc)
        return
    st.session_state.pop(f"source-{claim_id}", None)  # show the restored link and note, not the ones typed
    st.session_state.pop(f"note-{claim_id}", None)
    st.session_state.pop(f"archive-{claim_id}", None)  # the archive link too (ui/evidence.py's field)
    st.session_state[session.seen_version(claim_id)] = label.version if label else 0
    st.query_params["claim"] = str(claim_id)
    shown = status_name(label.status.value) if label else status_name("none")
    st.toast(t("review.undone", claim=safe.md(claim_id), status=shown), icon="↩️")


def offer() -> None:
    """The Undo button for this session's last save, while there is one."""
    last = st.session_state.get(session.UNDO)
    if last is None:
        return
    claim_id, _version, status = last
    left, right = st.columns([5, 1], vertical_alignment="center")
    left.caption(t("review.undo_offer", claim=safe.md(claim_id), status=status_name(status)))
    right.button(t("review.undo"), key="undo-last", shortcut="U", on_click=_ask, width="stretch")
