"""Links to a claim on the Review page that keep who is reviewing and the interface language, so a link
opened in a new tab does not ask for the name again nor fall back to English."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from workbench.ui import i18n, session


def claim_link(claim_id: int) -> str:
    query = {"claim": str(claim_id)}
    reviewer = st.session_state.get(session.REVIEWER) or st.query_params.get(session.REVIEWER, "")
    if reviewer:
        query[session.REVIEWER] = reviewer
    query[i18n.LANG] = i18n.language()
    return "/?" + urlencode(query)
