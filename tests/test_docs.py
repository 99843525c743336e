"""The README stays true: its two opening commands, every CLI command, every setting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workbench.cli import build_parser
from workbench.config import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


def test_readme_opens_with_the_two_commands() -> None:
    blocks = re.findall(r"```bash\n(.*?)\n```", README, flags=re.S)
    assert blocks[:2] == ["pip install -e . && workbench serve", "pip install -e '.[test]' && python -m pytest"]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[test]' && python -m pytest" in ci


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented(command: str) -> None:
    assert f"`workbench {command}" in README


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.env)
def test_every_setting_is_documented(setting) -> None:
    row = next((line for line in README.splitlines() if line.startswith(f"| `{setting.env}`")), None)
    assert row is not None and f"`{setting.default}`" in row


def test_upload_limit_matches_server_config() -> None:
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    default = next(s.default for s in SETTINGS if s.env == "WORKBENCH_MAX_UPLOAD_MB")
    assert re.search(rf"^maxUploadSize = {default}$", config, flags=re.M)
