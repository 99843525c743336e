"""Widgets of the Admin page: accounts and their roles, and the review settings."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from workbench.models import ReviewSettings, Role
from workbench.store import Store
from workbench.store.accounts import MAX_REVIEWS_PER_CLAIM
from workbench.ui import db, matches, safe
from workbench.ui.i18n import labels, role_name, t
from workbench.ui.when import local_time


def accounts(store: Store, admin: str) -> None:
    st.subheader(t("admin.accounts"))
    listed = store.accounts()
    if listed:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("col.account"): safe.cell(a.email),
                        t("col.role"): role_name(a.role.value),
                        t("col.added"): safe.cell(local_time(a.created_at)),
                    }
                    for a in listed
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    else:
        st.info(t("admin.no_accounts"))
    left, middle, right = st.columns([3, 2, 1], vertical_alignment="bottom")
    email = left.text_input(t("admin.email"), key="account-email")
    roles = list(Role)
    role = middle.selectbox(
        t("admin.role"),
        roles,
        key="account-role",
        format_func=labels(roles, lambda r: role_name(r.value)),
        index=roles.index(Role.ADMIN) if not listed else 0,
    )
    if right.button(t("admin.add"), key="account-add", type="primary", width="stretch"):
        with db.reported():
            store.add_account(email, role, by=admin)
            st.rerun()
    if listed:
        left, right = st.columns([5, 1], vertical_alignment="bottom")
        emails = [a.email for a in listed]
        gone = left.selectbox(
            t("admin.remove_pick"), emails, index=None, key="account-remove-pick", format_func=labels(emails, safe.cell)
        )
        if right.button(t("admin.remove"), key="account-remove", disabled=gone is None, width="stretch"):
            with db.reported():
                store.remove_account(gone, by=admin)
                st.rerun()


def settings(store: Store, admin: str) -> None:
    st.subheader(t("admin.settings"))
    current = store.review_settings()
    blind = st.toggle(t("admin.blind"), value=current.blind, key="settings-blind")
    per_claim = st.number_input(
        t("admin.per_claim"),
        min_value=1,
        max_value=MAX_REVIEWS_PER_CLAIM,
        value=current.reviews_per_claim,
        key="settings-per-claim",
    )
    first = matches.setting(current.suggestions_first)
    if st.button(t("admin.save"), key="settings-save"):
        with db.reported():
            store.set_review_settings(
                ReviewSettings(blind=blind, reviews_per_claim=int(per_claim), suggestions_first=first), by=admin
            )
            st.success(t("admin.saved"))
