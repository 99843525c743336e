"""Checks before the web server starts: where it listens and whether team-mode secrets are sound."""

from __future__ import annotations

import ipaddress
import tomllib
from pathlib import Path

from .errors import InvalidInput

PROJECT = Path(__file__).resolve().parents[1]
MIN_COOKIE_SECRET_BYTES = 32


def project_folder() -> Path:
    """The folder holding `.streamlit/`: the checkout when installed from one, else the current folder."""
    return PROJECT if (PROJECT / ".streamlit" / "config.toml").is_file() else Path.cwd()


def read_secrets(folder: Path) -> dict:
    path = folder / ".streamlit" / "secrets.toml"
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"{path} is not valid TOML: {exc}") from None


def is_loopback(address: str) -> bool:
    if address == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def check_serve_settings(address: str) -> Path:
    """Refuse settings that would expose the workbench unsafely; return the folder to run from."""
    folder = project_folder()
    auth = read_secrets(folder).get("auth")
    if auth is not None:
        secret = str(auth.get("cookie_secret", ""))
        if len(secret.encode("utf-8")) < MIN_COOKIE_SECRET_BYTES:
            raise InvalidInput(
                f"team mode: [auth] cookie_secret in .streamlit/secrets.toml must be at least "
                f"{MIN_COOKIE_SECRET_BYTES} bytes (e.g. `python -c 'import secrets; print(secrets.token_hex(32))'`)"
            )
    elif not is_loopback(address):
        raise InvalidInput(
            f"refusing to listen on {address}: without team mode anyone who reaches it could read and label; "
            "use 127.0.0.1, or configure [auth] in .streamlit/secrets.toml"
        )
    return folder
