"""Accounts, roles and their checks; review settings; retiring articles; the general event log.

Authorization lives here, not in the pages: every write names its acting account and the
store refuses what that account's role does not allow. Until the first account is added, a
local workbench is open (one person on their own machine); from then on it is enforced.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence

from ..errors import InvalidInput, NotAuthorized, NotFound
from ..models import Account, ReviewSettings, Role
from ..permissions import Action, allows
from ..rules import check_reviewer, normalise_name
from .connection import Database, now, read_meta

ACCOUNTS_ENFORCED = "accounts_enforced"
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Whoever runs the `workbench` command on this machine can read and write the file anyway: the
# command line acts with an admin's rights under this name, which no account can take.
OPERATOR = "(command line)"
DEFAULT_SETTINGS = ReviewSettings(blind=True, reviews_per_claim=1)
MAX_REVIEWS_PER_CLAIM = 10


# The account of an address, in the form it is stored in first; the exact form second: an account from before
# normalisation that its migration had to leave.
_ACCOUNT = "SELECT email, role, created_at FROM accounts WHERE email IN (?, ?) ORDER BY email = ? DESC LIMIT 1"


def _account_params(email: str) -> tuple[str, str, str]:
    normal = normalise_name(email)
    return normal, email.strip(), normal


def actor_join(actor: str) -> tuple[str, str, list[object]]:
    """(columns, tables, parameters) that read whether accounts are enforced and `actor`'s account, for a
    query of their own (require()) or as the first four columns of a write's first query (a label save):
    on PostgreSQL each query inside a write is a round trip, and every save asks. `tables` always gives
    one row, so a query may LEFT JOIN what else it reads."""
    return (
        "m.value, acc.email, acc.role, acc.created_at",
        f"(SELECT 1 AS one) o LEFT JOIN meta m ON m.key = ? LEFT JOIN ({_ACCOUNT}) acc ON TRUE",
        [ACCOUNTS_ENFORCED, *_account_params(actor)],
    )


def allowed(actor: str, action: Action, row: Sequence[object]) -> Account | None:
    """The policy of require(), on the four columns of actor_join(): the acting account if its role allows
    `action`, None while accounts are not enforced (or for the operator); NotAuthorized otherwise."""
    enforced, email, role, created_at = row[:4]
    if actor == OPERATOR or enforced != "yes":
        return None
    if email is None:
        raise NotAuthorized(f"{actor!r} has no account here; an admin adds it with `workbench users add`")
    account = Account(str(email), Role(role), str(created_at))
    if not allows(account.role, action):
        shown = account.role.value
        raise NotAuthorized(f"{account.email} is a {shown}: a {shown} cannot {action.value}")
    return account


def log_event(conn: sqlite3.Connection, actor: str, action: str, subject: str, **details: object) -> None:
    """Append one event (who did what to which subject) inside the caller's write transaction."""
    conn.execute(
        "INSERT INTO events (at, actor, action, subject, details) VALUES (?, ?, ?, ?, ?)",
        (now(), actor, action, subject, json.dumps(details, ensure_ascii=False, sort_keys=True)),
    )


class Accounts:
    """Accounts and their roles, the review settings, and retiring an article (an admin's act)."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.conn = database.conn

    # -- accounts -----------------------------------------------------------

    def accounts_enforced(self) -> bool:
        return read_meta(self.conn, ACCOUNTS_ENFORCED) == "yes"

    def account(self, email: str) -> Account | None:
        """The account of `email` in any case or Unicode form (normalise_name); None when there is none."""
        row = self.conn.execute(_ACCOUNT, _account_params(email)).fetchone()
        return Account(row[0], Role(row[1]), row[2]) if row else None

    def accounts(self) -> list[Account]:
        rows = self.conn.execute("SELECT email, role, created_at FROM accounts ORDER BY email")
        return [Account(r[0], Role(r[1]), r[2]) for r in rows]

    def require(self, actor: str, action: Action) -> Account | None:
        """The acting account if its role allows `action`; NotAuthorized otherwise. None while open."""
        if actor == OPERATOR:
            return None
        columns, tables, params = actor_join(actor)
        return allowed(actor, action, self.conn.execute(f"SELECT {columns} FROM {tables}", params).fetchone())

    def can(self, actor: str, action: Action) -> bool:
        try:
            self.require(actor, action)
        except NotAuthorized:
            return False
        return True

    def add_account(self, email: str, role: Role | str, *, by: str) -> Account:
        """Add (or change the role of) an account; the very first one may be added by anyone and must be an admin."""
        return self.put_account(email, role, by=by)[0]

    def put_account(self, email: str, role: Role | str, *, by: str) -> tuple[Account, Role | None]:
        """Add an account or change its role: (the account, its role before, or None when it is new).

        The address is normalised (trimmed, NFKC, case-folded), so one person has one account whatever
        case they type or sign in with; it must be an e-mail address without invisible characters. The
        last admin cannot be demoted (nor removed): someone must still reach the Admin page.
        """
        email, role = check_reviewer(email), Role(role)
        if email == OPERATOR:
            raise InvalidInput(f"{OPERATOR} is reserved")
        if not EMAIL.match(email):
            raise InvalidInput.of("err.not_an_email", email=repr(email))
        with self.database.write() as conn:
            first = not self.accounts_enforced()
            if first and role is not Role.ADMIN:
                raise InvalidInput("the first account must be an admin, so that someone can manage the others")
            if not first:
                self.require(by, Action.MANAGE_ACCOUNTS)
            old = self.account(email)
            if old is not None and old.role is role:
                return old, old.role  # nothing to change, nothing to log
            if old is not None and old.role is Role.ADMIN and self._admins(conn) == 1:
                raise InvalidInput.of("err.last_admin", email=old.email)
            conn.execute(
                "INSERT INTO accounts (email, role, created_at) VALUES (?, ?, ?)"
                " ON CONFLICT (email) DO UPDATE SET role = excluded.role",
                (old.email if old else email, role.value, now()),
            )
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, 'yes') ON CONFLICT (key) DO NOTHING", (ACCOUNTS_ENFORCED,)
            )
            log_event(
                conn,
                by if not first else email,
                "account added" if old is None else "role changed",
                f"account:{old.email if old else email}",
                role=role.value,
                old_role=old.role.value if old else None,
            )
        account = self.account(email)
        assert account is not None
        return account, old.role if old else None

    @staticmethod
    def _admins(conn: sqlite3.Connection) -> int:
        return conn.execute("SELECT COUNT(*) FROM accounts WHERE role = 'admin'").fetchone()[0]

    def remove_account(self, email: str, *, by: str) -> None:
        """Remove an account; its labels stay (they are history). The last admin cannot be removed."""
        with self.database.write() as conn:
            self.require(by, Action.MANAGE_ACCOUNTS)
            account = self.account(email)
            if account is None:
                raise NotFound(f"no account {email!r}")
            if account.role is Role.ADMIN and self._admins(conn) == 1:
                raise InvalidInput.of("err.last_admin", email=account.email)
            conn.execute("DELETE FROM accounts WHERE email = ?", (account.email,))
            log_event(conn, by, "account removed", f"account:{account.email}", role=account.role.value)

    # -- settings -----------------------------------------------------------

    def review_settings(self) -> ReviewSettings:
        blind = read_meta(self.conn, "blind_review")
        per_claim = read_meta(self.conn, "reviews_per_claim")
        return ReviewSettings(
            blind=DEFAULT_SETTINGS.blind if blind is None else blind == "on",
            reviews_per_claim=int(per_claim) if per_claim else DEFAULT_SETTINGS.reviews_per_claim,
            suggestions_first=read_meta(self.conn, "suggestions_first") == "on",
        )

    def set_review_settings(self, settings: ReviewSettings, *, by: str) -> None:
        if not 1 <= settings.reviews_per_claim <= MAX_REVIEWS_PER_CLAIM:
            raise InvalidInput(f"reviews per claim must be between 1 and {MAX_REVIEWS_PER_CLAIM}")
        with self.database.write() as conn:
            self.require(by, Action.CHANGE_SETTINGS)
            for key, value in (
                ("blind_review", "on" if settings.blind else "off"),
                ("reviews_per_claim", str(settings.reviews_per_claim)),
                ("suggestions_first", "on" if settings.suggestions_first else "off"),
            ):
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES (?, ?)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )
            log_event(
                conn,
                by,
                "settings changed",
                "settings",
                blind=settings.blind,
                reviews_per_claim=settings.reviews_per_claim,
                suggestions_first=settings.suggestions_first,
            )

    # -- articles -----------------------------------------------------------

    def retire_article(self, article_id: int, *, by: str) -> None:
        """Retire an article (admins): it leaves every list, queue, search, count and export, but nothing is
        deleted: its segments, labels, verdicts and history stay in the database, and the retirement is an
        event. Deleting would erase what people said about its claims."""
        with self.database.write() as conn:
            self.require(by, Action.DELETE_ARTICLE)
            row = conn.execute(
                "SELECT title, sha256 FROM articles WHERE id = ? AND retired_at IS NULL", (article_id,)
            ).fetchone()
            if row is None:
                raise NotFound(f"article {article_id} does not exist")
            conn.execute("UPDATE articles SET retired_at = ? WHERE id = ?", (now(), article_id))
            log_event(conn, by, "article retired", f"article:{article_id}", title=row[0], sha256=row[1])

    delete_article = retire_article  # the old name: an article is never deleted
