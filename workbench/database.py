"""Opening the workbench database: which file, its default folder, and the demo articles on first start."""

from __future__ import annotations

import os
from pathlib import Path

from . import config
from .errors import DatabaseError
from .store import Store


def open_store(db: str | os.PathLike[str] | None = None, *, demo: bool = False, create: bool = True) -> Store:
    """Open (creating and migrating if needed) the database; with `demo`, fill a new one with demo articles.

    With `create=False` a database that does not exist is refused, naming the path: a mistyped --db must
    not read as an empty project (the commands that only read or label open it so).
    """
    path = config.db_path(db)
    if not create and isinstance(path, Path) and not path.exists():
        raise DatabaseError(missing_database(path))
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


def missing_database(path: Path | str) -> str:
    where = f"{path} (the default, in {Path.cwd()})" if config.is_default_db(path) else str(path)
    return (
        f"the database {where} does not exist; check --db or WORKBENCH_DB "
        "(`workbench import`, `workbench serve` and `workbench users add` create one)"
    )
