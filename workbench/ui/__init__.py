"""Streamlit helpers shared by the pages: the database per run, the few session keys, safe text."""
