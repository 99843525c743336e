"""The architecture holds: the domain never imports Streamlit; pages stay short."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "workbench"
UI_PARTS = {"app.py", "ui", "app_pages"}
DOMAIN = sorted(
    ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    for path in PACKAGE.rglob("*.py")
    if path.relative_to(PACKAGE).parts[0] not in UI_PARTS
)


def test_domain_modules_do_not_import_streamlit() -> None:
    # A fresh interpreter (in this one other tests have imported Streamlit), importing each
    # domain module in turn and naming the first one that pulls Streamlit in.
    code = (
        "import importlib, sys\n"
        f"for name in {DOMAIN!r}:\n"
        "    importlib.import_module(name)\n"
        "    if 'streamlit' in sys.modules:\n"
        "        sys.exit(name)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"imports Streamlit: {result.stderr.strip()}"
    assert len(DOMAIN) > 10  # the walk found the package


@pytest.mark.parametrize("page", sorted((PACKAGE / "app_pages").glob("*.py")), ids=lambda p: p.name)
def test_pages_are_short(page: Path) -> None:
    assert len(page.read_text(encoding="utf-8").splitlines()) <= 40
