"""The first open, before a name: what the workbench is for, in one sentence, beside the list of pages."""

from __future__ import annotations

import streamlit as st

from workbench.ui.i18n import t


def intro() -> None:
    st.title(t("app.title"))
    st.markdown(t("welcome.what"))
