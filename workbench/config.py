"""Settings: one table of name, default and help; each can be overridden by an environment variable."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .errors import InvalidInput


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str
    help: str
    parse: Callable[[str], object] = str


def _positive_int(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise ValueError("must be a positive whole number")
    return number


def _whole_number(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError("must be a whole number, 0 or more")
    return number


def _flag(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError("must be one of 1/0, true/false, yes/no, on/off")


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "db",
        "WORKBENCH_DB",
        "annotations/workbench.db",
        "SQLite database file; `--db` on the command line wins over it.",
    ),
    Setting(
        "demo_articles",
        "WORKBENCH_DEMO_ARTICLES",
        "on",
        "Fill a newly created database with the three demo articles on first start.",
        _flag,
    ),
    Setting(
        "max_upload_mb",
        "WORKBENCH_MAX_UPLOAD_MB",
        "5",
        "Largest file accepted by the Articles page and `workbench import`, in MB.",
        _positive_int,
    ),
    Setting(
        "max_article_chars",
        "WORKBENCH_MAX_ARTICLE_CHARS",
        "500000",
        "Longest article text accepted, in characters.",
        _positive_int,
    ),
    Setting(
        "max_claims_per_article",
        "WORKBENCH_MAX_CLAIMS",
        "5000",
        "Most segments one article may be split into.",
        _positive_int,
    ),
    Setting(
        "busy_timeout_ms",
        "WORKBENCH_BUSY_TIMEOUT_MS",
        "10000",
        "How long a write waits for another writer's lock before it gives up, in ms.",
        _positive_int,
    ),
    Setting(
        "pg_pool",
        "WORKBENCH_PG_POOL",
        "8",
        "On PostgreSQL, how many idle connections each app process keeps for its next page runs; 0 keeps none.",
        _whole_number,
    ),
    Setting(
        "allow_private_urls",
        "WORKBENCH_ALLOW_PRIVATE_URLS",
        "off",
        "Let import by URL fetch private, loopback and link-local addresses (tests, an intranet).",
        _flag,
    ),
    Setting(
        "fetch_timeout_s",
        "WORKBENCH_FETCH_TIMEOUT_S",
        "10",
        "Longest time import by URL spends fetching one page (redirects included), in seconds.",
        _positive_int,
    ),
    Setting(
        "link_checks",
        "WORKBENCH_LINK_CHECKS",
        "on",
        "Check source links when a label is saved and with `workbench links check`; off fetches nothing.",
        _flag,
    ),
    Setting(
        "link_check_workers",
        "WORKBENCH_LINK_CHECK_WORKERS",
        "4",
        "How many links `workbench links check` fetches at once (the web app uses at most 2).",
        _positive_int,
    ),
    Setting(
        "link_check_host_interval_ms",
        "WORKBENCH_LINK_CHECK_HOST_INTERVAL_MS",
        "1000",
        "Least time between two requests to the same host during `workbench links check`, in ms.",
        _positive_int,
    ),
    Setting(
        "link_text_chars",
        "WORKBENCH_LINK_TEXT_CHARS",
        "100000",
        "Most characters of a linked page's main text kept with each check, so the evidence stays readable.",
        _positive_int,
    ),
    Setting(
        "matching",
        "WORKBENCH_MATCHING",
        "on",
        "Look for the same claim in other articles and languages (needs the `matching` extra); off turns it off.",
        _flag,
    ),
    Setting(
        "run_trace",
        "WORKBENCH_RUN_TRACE",
        "off",
        "File to which each run of the Review page's claim panel appends its time and SQL statements (benchmarks);"
        " off: none.",
    ),
)

_BY_NAME = {setting.name: setting for setting in SETTINGS}


def get(name: str, environ: dict[str, str] | None = None) -> object:
    """The value of one setting: its environment variable if set, else its default."""
    setting = _BY_NAME[name]
    env = os.environ if environ is None else environ
    raw = env.get(setting.env) or setting.default
    try:
        return setting.parse(raw)
    except ValueError as exc:
        raise InvalidInput(f"setting {setting.env}={raw!r}: {exc}") from None


def is_postgres_url(value: object) -> bool:
    """Whether a --db / WORKBENCH_DB value names a PostgreSQL database rather than an SQLite file."""
    return isinstance(value, str) and value.startswith(("postgresql://", "postgres://"))


def shown_target(target: str | os.PathLike[str]) -> str:
    """A database as messages may name it: a file's path, or a PostgreSQL URL without its password."""
    if not is_postgres_url(target):
        return str(target)
    parts = urlsplit(str(target))
    if parts.password is None:
        return str(target)
    return urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@", 1)))


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path | str:
    """`--db` if given, else WORKBENCH_DB, else annotations/workbench.db: an SQLite file's Path, or a
    PostgreSQL URL (`postgresql://user:password@host:port/dbname`) as it was given."""
    value = str(explicit) if explicit else str(get("db"))
    return value if is_postgres_url(value) else Path(value)


def is_default_db(path: Path | str) -> bool:
    return path == Path(_BY_NAME["db"].default)
