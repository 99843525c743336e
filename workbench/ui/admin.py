"""Widgets of the Admin page: accounts and their roles, and the review settings."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from workbench.models import ReviewSettings, Role
from workbench.store import Store
from workbench.store.accounts import MAX_REVIEWS_PER_CLAIM
from workbench.ui import db


def accounts(store: Store, admin: str) -> None:
    st.subheader("Accounts")
    listed = store.accounts()
    if listed:
        st.dataframe(pd.DataFrame([{"account": a.email, "role": a.role.value, "added": a.created_at}
                                   for a in listed]), hide_index=True, width="stretch")
    else:
        st.info("No accounts yet: anyone may label. Add the first account, an admin, to turn accounts on.")
    left, middle, right = st.columns([3, 2, 1], vertical_alignment="bottom")
    email = left.text_input("E-mail (or name, in local mode)", key="account-email")
    roles = list(Role)
    role = middle.selectbox("Role", roles, key="account-role", format_func=lambda r: r.value,
                            index=roles.index(Role.ADMIN) if not listed else 0)
    if right.button("Add", key="account-add", type="primary", width="stretch"):
        with db.reported():
            store.add_account(email, role, by=admin)
            st.rerun()
    if listed:
        left, right = st.columns([5, 1], vertical_alignment="bottom")
        gone = left.selectbox("Remove an account (their labels stay)", [a.email for a in listed], index=None,
                              key="account-remove-pick")
        if right.button("Remove", key="account-remove", disabled=gone is None, width="stretch"):
            with db.reported():
                store.remove_account(gone, by=admin)
                st.rerun()


def settings(store: Store, admin: str) -> None:
    st.subheader("Review settings")
    current = store.review_settings()
    blind = st.toggle("Blind review: reviewers see others' labels only after giving their own", value=current.blind,
                      key="settings-blind")
    per_claim = st.number_input("Reviews each claim needs", min_value=1, max_value=MAX_REVIEWS_PER_CLAIM,
                                value=current.reviews_per_claim, key="settings-per-claim")
    if st.button("Save settings", key="settings-save"):
        with db.reported():
            store.set_review_settings(ReviewSettings(blind=blind, reviews_per_claim=int(per_claim)), by=admin)
            st.success("Settings saved.")
