"""The database for one script run: a fresh connection each run, never shared across threads."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import streamlit as st

from workbench.database import open_store
from workbench.errors import WorkbenchError
from workbench.store import Store
from workbench.ui import safe
from workbench.ui.i18n import status_name, t

# The store this script run already opened (app.py opens one around the page): a page or widget asking for
# the database again gets the same connection, so a run opens one, not two. Context variables belong to
# the thread (and a fragment's rerun, which does not pass through app.py, opens its own).
_RUN_STORE: ContextVar[Store | None] = ContextVar("workbench_run_store", default=None)


@contextmanager
def store() -> Iterator[Store]:
    """The database for this run, opened on first use; a database that can't be opened stops the page with
    its message."""
    current = _RUN_STORE.get()
    if current is not None:
        yield current
        return
    try:
        opened = open_store(demo=True)
    except WorkbenchError as exc:
        st.error(t("db.unusable", error=error_text(exc)))
        st.stop()
    token = _RUN_STORE.set(opened)
    try:
        yield opened
    finally:
        _RUN_STORE.reset(token)
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
