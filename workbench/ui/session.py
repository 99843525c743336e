"""The few things a session remembers: who is reviewing and the last save. Labels live in SQLite only."""

from __future__ import annotations

import streamlit as st

REVIEWER = "reviewer"  # also mirrored in the URL (?reviewer=) so a reload keeps it
LAST_SAVED = "last_saved"  # (claim id, status, look-alike host or "") of the save just made, shown once
CONFLICT = "conflict"  # (claim id, status) of a save refused because the label changed elsewhere
UNDO = "undo"  # (claim id, version, status) of this session's last save, which the Undo button puts back
PRESSED = "pressed"  # (claim id, status, version seen) of a verdict key pressed, saved by the run it starts
PRESSED_NEXT = "pressed-next"  # "next unlabelled" pressed: the run it starts finds it
PRESSED_UNDO = "pressed-undo"  # Undo pressed


def seen_version(claim_id: int) -> str:
    """Key of the label version this tab last showed for a claim."""
    return f"seen-version-{claim_id}"


def reviewer() -> str:
    name = st.session_state.get(REVIEWER) or st.query_params.get(REVIEWER, "")
    if name and st.query_params.get(REVIEWER) != name:
        st.query_params[REVIEWER] = name
    st.session_state[REVIEWER] = name
    return name


def set_reviewer(name: str) -> None:
    st.session_state[REVIEWER] = name
    st.query_params[REVIEWER] = name
