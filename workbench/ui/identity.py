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
from workbench.store import Store
from workbench.ui import safe, session

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
        role = actor.role.value if actor.role else "no accounts yet: everyone may do everything"
        st.caption(f"Signed in as {safe.escape_markdown(actor.name)} · {role}")
        if team_mode():
            st.button("Sign out", key="sign-out", on_click=st.logout)
    return actor


def current() -> Actor:
    """The actor the gate let through on this run."""
    return st.session_state[ACTOR]


def _team_member(store: Store) -> Actor | None:
    if not st.user.is_logged_in:
        st.title("Fact-checking workbench")
        st.info("Sign in with your newsroom account to review.")
        st.button("Sign in", key="sign-in", type="primary", on_click=st.login)
        return None
    email = str(st.user.get("email") or "")
    account = store.account(email) if email and store.accounts_enforced() else None
    if account is None:
        st.error(f"{safe.escape_markdown(email or 'This account')} is not on this team. Ask an admin to add you.")
        st.button("Sign out", key="sign-out-refused", on_click=st.logout)
        return None
    return Actor(account.email, account.role)


def _local_person(store: Store) -> Actor | None:
    current_name = session.reviewer()
    if store.accounts_enforced():
        accounts = {a.email: a for a in store.accounts()}
        names = list(accounts)
        with st.sidebar:
            name = st.selectbox("Your name", names, key="reviewer-name", placeholder="Pick your name",
                                index=names.index(current_name) if current_name in accounts else None)
        if name != current_name:
            session.set_reviewer(name or "")
        if not name:
            st.info("Pick your name in the sidebar. An admin adds names on the Admin page.")
            return None
        return Actor(name, accounts[name].role)
    known = store.reviewers()
    options = known if not current_name or current_name in known else [current_name, *known]
    with st.sidebar:
        name = st.selectbox("Your name", options, key="reviewer-name", accept_new_options=True,
                            index=options.index(current_name) if current_name else None,
                            placeholder="Type or pick your name", help="Shown next to every label you give.")
    name = (name or "").strip()
    if name != current_name:
        session.set_reviewer(name)
    if not name:
        st.info("Enter your name in the sidebar to start reviewing. Every label you give is saved under it.")
        return None
    return Actor(name, None)
