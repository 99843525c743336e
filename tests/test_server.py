"""Checks before serving: loopback by default, team mode only with a strong cookie secret."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench import server
from workbench.errors import InvalidInput


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".streamlit").mkdir()
    monkeypatch.setattr(server, "project_folder", lambda: tmp_path)
    return tmp_path


def write_secrets(project: Path, text: str) -> None:
    (project / ".streamlit" / "secrets.toml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("address", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_is_fine_without_team_mode(project: Path, address: str) -> None:
    assert server.check_serve_settings(address) == project


@pytest.mark.parametrize("address", ["0.0.0.0", "192.168.1.10", "example.org"])
def test_public_address_needs_team_mode(project: Path, address: str) -> None:
    with pytest.raises(InvalidInput, match="refusing to listen"):
        server.check_serve_settings(address)


def test_short_cookie_secret_is_refused(project: Path) -> None:
    write_secrets(project, '[auth]\ncookie_secret = "too-short"\nredirect_uri = "http://x/oauth2callback"\n')
    with pytest.raises(InvalidInput, match="at least 32 bytes"):
        server.check_serve_settings("127.0.0.1")


def test_team_mode_with_strong_secret_may_listen_publicly(project: Path) -> None:
    write_secrets(project, f'[auth]\ncookie_secret = "{"s" * 32}"\n')
    assert server.check_serve_settings("0.0.0.0") == project


def test_broken_secrets_file_is_a_clear_error(project: Path) -> None:
    write_secrets(project, "[auth\n")
    with pytest.raises(InvalidInput, match="not valid TOML"):
        server.check_serve_settings("127.0.0.1")
