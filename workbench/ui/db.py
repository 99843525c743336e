"""The database for one script run: a fresh connection each run, never shared across threads."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from workbench.database import open_store
from workbench.errors import WorkbenchError
from workbench.store import Store
from workbench.ui import safe
from workbench.ui.i18n import status_name, t


@contextmanager
def store() -> Iterator[Store]:
    """Open the database for this run; a database that can't be opened stops the page with its message."""
    try:
        opened = open_store(demo=True)
    except WorkbenchError as exc:
        st.error(t("db.unusable", error=error_text(exc)))
        st.stop()
    try:
        yield opened
    finally:
        opened.close()


def show_error(exc: WorkbenchError) -> None:
    """The one place where a domain error becomes a message on the page."""
    st.error(error_text(exc), icon="⚠️")


def error_text(exc: WorkbenchError, **given: object) -> str:
    """A domain error in the reader's language when the domain named its message (else its English text),
    escaped: a refused link or name is the user's own text, and st.error renders markdown. `given`
    replaces some of its values (an import refusal already names its file: where="")."""
    if exc.key is None:
        return safe.escape_markdown(str(exc))
    values = {
        name: status_name(str(value)) if name == "status" else safe.escape_markdown(str(value))
        for name, value in {**exc.values, **given}.items()
    }
    return t(exc.key, **values)


@contextmanager
def reported() -> Iterator[None]:
    """Show a domain error raised inside the block, and carry on with the page."""
    try:
        yield
    except WorkbenchError as exc:
        show_error(exc)
