"""The few things a session remembers: who is reviewing and the last save. Labels live in SQLite only."""

from __future__ import annotations

import streamlit as st

REVIEWER = "reviewer"  # also mirrored in the URL (?reviewer=) so a reload keeps it
LAST_SAVED = "last_saved"


def reviewer() -> str:
    name = st.session_state.get(REVIEWER) or st.query_params.get(REVIEWER, "")
    if name and st.query_params.get(REVIEWER) != name:
        st.query_params[REVIEWER] = name
    st.session_state[REVIEWER] = name
    return name


def set_reviewer(name: str) -> None:
    st.session_state[REVIEWER] = name
    st.query_params[REVIEWER] = name
