"""Opening the workbench database: which file, its default folder, and the demo articles on first start."""

from __future__ import annotations

import os

from . import config
from .store import Store


def open_store(db: str | os.PathLike[str] | None = None, *, demo: bool = False) -> Store:
    """Open (creating and migrating if needed) the database; with `demo`, fill a new one with demo articles."""
    path = config.db_path(db)
    if config.is_default_db(path):
        # The embedded default lives in the project; its folder may be missing in a bare checkout.
        path.parent.mkdir(parents=True, exist_ok=True)
    store = Store(path)
    if demo and config.get("demo_articles"):
        from .demo import load_demo_articles  # here: it loads spaCy, which most commands never need

        try:
            load_demo_articles(store)
        except BaseException:
            store.close()
            raise
    return store
