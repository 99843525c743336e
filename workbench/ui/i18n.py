"""The interface language: `t(key)` in the session's language, and the sidebar switch, kept in the URL (?lang=)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

import streamlit as st

from workbench.messages import LANGUAGE_LABELS, LANGUAGES, MESSAGES

Option = TypeVar("Option")

LANG = "lang"  # the query parameter: a reload keeps the language
SWITCH = "ui-language"  # the switch's widget key


def _browser_default() -> str:
    try:
        locale = (st.context.locale or "").lower()
    except Exception:  # no browser behind this run (AppTest, scripts)
        locale = ""
    return next((code for code in ("it", "pt") if locale.startswith(code)), "en")


def language() -> str:
    """The session's language: the switch, else ?lang=, else the browser's locale, else English."""
    chosen = st.session_state.get(SWITCH) or st.query_params.get(LANG, "")
    return chosen if chosen in LANGUAGES else _browser_default()


def t(key: str, **values: object) -> str:
    """The message `key` in the session's language, with `values` filled in (escape untrusted ones first)."""
    text = MESSAGES[key].get(language()) or MESSAGES[key]["en"]
    return text.format(**values) if values else text


def tn(key: str, count: int, **values: object) -> str:
    """A message about `count` things: `key + ".one"` for exactly one, else `key` ("1 claim", "2 claims")."""
    singular = f"{key}.one"
    from workbench.ui import safe  # safe needs no catalogue; imported here to keep i18n importable first

    return t(singular if count == 1 and singular in MESSAGES else key, count=safe.md(count), **values)


def status_name(value: str) -> str:
    """A status (or "unlabelled"), as shown; the stored value stays English."""
    return t(f"status.{value}")


def kind_name(value: str) -> str:
    return t(f"kind.{value}")


def role_name(value: str) -> str:
    return t(f"role.{value}")


def format_name(fmt: str) -> str:
    """An export format's label, e.g. "CSV (one row per label)"."""
    return t(f"format.{fmt}")


def language_name(code: str) -> str:
    """A content language's name; codes the catalogue does not know are shown as they are."""
    return t(f"lang.{code}") if f"lang.{code}" in MESSAGES else code


def labels(options: Iterable[Option], label: Callable[[Option], str]) -> Callable[[Option], str]:
    """A format_func whose texts are computed now, in this run's language: Streamlit may call a
    format_func outside the run (another thread, a test), where the session's language is unknown."""
    shown = {option: label(option) for option in options}
    return shown.__getitem__


def switch() -> None:
    """The language selector in the sidebar; the choice goes to the URL, like ?reviewer=."""
    current = language()
    with st.sidebar:
        # The label is the same in every language, so the widget keeps its identity when the language changes.
        chosen = st.selectbox(
            t("app.language"),
            LANGUAGES,
            index=LANGUAGES.index(current),
            key=SWITCH,
            format_func=LANGUAGE_LABELS.__getitem__,
        )
    if st.query_params.get(LANG, _browser_default()) != chosen:
        st.query_params[LANG] = chosen
