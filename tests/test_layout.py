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


@pytest.mark.parametrize("module", DOMAIN)
def test_domain_module_does_not_import_streamlit(module: str) -> None:
    # A fresh interpreter: in this one, other tests have imported Streamlit already.
    code = f"import sys, {module}; sys.exit('streamlit' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@pytest.mark.parametrize("page", sorted((PACKAGE / "app_pages").glob("*.py")), ids=lambda p: p.name)
def test_pages_are_short(page: Path) -> None:
    assert len(page.read_text(encoding="utf-8").splitlines()) <= 40
