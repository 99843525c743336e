"""The Streamlit entry point: it only routes between the pages."""

import streamlit as st

st.set_page_config(page_title="Fact-checking workbench", page_icon="🔎", layout="wide")
# Page paths are relative to this file, as st.Page resolves them against the main script.
st.navigation([
    st.Page("app_pages/review.py", title="Review", icon="✅", default=True),
    st.Page("app_pages/articles.py", title="Articles", icon="📰", url_path="articles"),
    st.Page("app_pages/export.py", title="Export", icon="⬇️", url_path="export"),
]).run()
