"""The few named exceptions the domain raises; the UI and the CLI each turn them into a message in one place."""

from __future__ import annotations

from typing import Self

from .messages import MESSAGES


class WorkbenchError(Exception):
    """Base of every error the workbench reports to a person.

    One raised with `of(key, **values)` takes its text from workbench/messages.py, so the interface can
    show it in the reader's language; str() is always the English text (the CLI's, the logs').
    """

    key: str | None = None
    values: dict[str, object] = {}

    @classmethod
    def of(cls, key: str, **values: object) -> Self:
        error = cls(MESSAGES[key]["en"].format(**values))
        error.key, error.values = key, values
        return error


class InvalidInput(WorkbenchError):
    """Text, a file or a form value that the workbench refuses."""


class InvalidLabel(InvalidInput):
    """A label that breaks the rules for a label (status, source link, note)."""


class NotFound(WorkbenchError):
    """An article, claim or label that does not exist."""


class DatabaseError(WorkbenchError):
    """The database cannot be opened, migrated or written."""


class IntegrityError(DatabaseError):
    """A write broke one of the database's own rules (a constraint, an append-only table), on either engine:
    a bug in our code or another program's write, never a fault to explain to a reviewer."""


class NotAWorkbenchDatabase(DatabaseError):
    """The file exists but is not a workbench database: never touched."""


class SchemaTooNew(DatabaseError):
    """The database was migrated by a newer workbench: never downgraded."""


class LabelConflict(WorkbenchError):
    """The label changed since the reviewer saw it (another tab or session saved first)."""

    def __init__(self, message: str, current: object) -> None:
        super().__init__(message)
        self.current = current


class NotAuthorized(WorkbenchError):
    """The acting account's role does not allow this, or there is no such account."""


class CorrectionRefused(NotAuthorized):
    """A reviewer's split, merge or change of kind of a segment that holds someone else's work."""
