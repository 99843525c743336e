"""Who is using the workbench: signed in through OpenID Connect (team mode) or picked by name (local mode).

Team mode is on when `[auth]` is configured in .streamlit/secrets.toml: nobody sees an article
or writes anything before signing in with an e-mail an admin has added. In local mode people
pick their name from the accounts; until the first account exists, anyone may type a name.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from workbench.models import Role
from workbench.permissions import Action, allows
from workbench.rules import normalise_name
from workbench.store import Store
from workbench.ui import safe, session
from workbench.ui.i18n import role_name, t

ACTOR = "actor"


@dataclass(frozen=True)
class Actor:
    name: str
    role: Role | None  # None while the local workbench has no accounts: open to whoever runs it

    def may(self, action: Action) -> bool:
        return self.role is None or allows(self.role, action)


def team_mode() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises rather than returning empty
        return False


def gate(store: Store) -> Actor:
    """The signed-in person; stops the page for anyone who may not use the workbench."""
    actor = _team_member(store) if team_mode() else _local_person(store)
    if actor is None:
        st.stop()
    st.session_state[ACTOR] = actor
    with st.sidebar:
        role = role_name(actor.role.value) if actor.role else t("identity.no_accounts")
        st.caption(t("identity.signed_in", name=safe.escape_markdown(actor.name), role=role))
        if team_mode():
            st.button(t("identity.sign_out"), key="sign-out", on_click=st.logout)
    return actor


def current() -> Actor:
    """The actor the gate let through on this run."""
    return st.session_state[ACTOR]


def _team_member(store: Store) -> Actor | None:
    if not st.user.is_logged_in:
        st.title(t("app.title"))
        st.info(t("identity.sign_in_info"))
        st.button(t("identity.sign_in"), key="sign-in", type="primary", on_click=st.login)
        return None
    email = str(st.user.get("email") or "")
    account = store.account(email) if email and store.accounts_enforced() else None
    if account is None:
        st.error(t("identity.not_on_team", email=safe.escape_markdown(email or t("identity.this_account"))))
        st.button(t("identity.sign_out"), key="sign-out-refused", on_click=st.logout)
        return None
    return Actor(account.email, account.role)


def _local_person(store: Store) -> Actor | None:
    current_name = session.reviewer()
    if store.accounts_enforced():
        accounts = {a.email: a for a in store.accounts()}
        names = list(accounts)
        with st.sidebar:
            name = st.selectbox(
                t("identity.your_name"),
                names,
                key="reviewer-name",
                placeholder=t("identity.pick_name"),
                index=names.index(current_name) if current_name in accounts else None,
            )
        if name != current_name:
            session.set_reviewer(name or "")
        if not name:
            st.info(t("identity.pick_name_info"))
            return None
        return Actor(name, accounts[name].role)
    known = store.reviewers()
    options = known if not current_name or current_name in known else [current_name, *known]
    with st.sidebar:
        name = st.selectbox(
            t("identity.your_name"),
            options,
            key="reviewer-name",
            accept_new_options=True,
            index=options.index(current_name) if current_name else None,
            placeholder=t("identity.type_name"),
            help=t("identity.name_help"),
        )
    name = normalise_name(name or "")  # the form labels are stored under (an address case-folded)
    if name != current_name:
        session.set_reviewer(name)
    if not name:
        st.info(t("identity.enter_name"))
        return None
    return Actor(name, None)
