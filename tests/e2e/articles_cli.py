"""Our own test articles into a database through the real `workbench import`, before a server starts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def import_file(db: Path, path: Path) -> int:
    """Import one file (English) and return its article id."""
    out = subprocess.run(
        [sys.executable, "-m", "workbench.cli", "import", "--db", str(db), "--lang", "en", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return int(out.splitlines()[1].split()[0])  # the row under the table's header: article id first


def import_articles(db: Path, folder: Path, articles: dict[str, str]) -> list[int]:
    """Write each text to `folder` under its name and import it; return the article ids in order."""
    ids = []
    for name, text in articles.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        ids.append(import_file(db, path))
    return ids
