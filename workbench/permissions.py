"""Who may do what: one table from role to actions, checked by the store for every write."""

from __future__ import annotations

from enum import Enum

from .models import Role


class Action(str, Enum):
    LABEL = "label"
    CORRECT_SPLIT = "correct the split"
    # Split, merge or change the kind of a segment that another reviewer labelled or an editor settled.
    CORRECT_REVIEWED_SEGMENT = "correct a segment others have labelled"
    IMPORT = "import articles"
    # Re-importing an article under its URL with different text makes a new revision (store/revisions.py).
    REVISE = "revise articles"
    ADJUDICATE = "adjudicate"
    DELETE_ARTICLE = "retire articles"  # an article is retired, never deleted (store/accounts.py)
    MANAGE_ACCOUNTS = "manage accounts"
    CHANGE_SETTINGS = "change settings"
    SEE_ALL_LABELS = "see every reviewer's labels"
    # Writing labels, verdicts and history in other people's names, with ids of its choosing: a backup's restore.
    RESTORE = "restore labels, verdicts, history and ids from an export"


_REVIEWER = {Action.LABEL, Action.CORRECT_SPLIT, Action.IMPORT, Action.REVISE}  # who may import may revise
_EDITOR = _REVIEWER | {Action.ADJUDICATE, Action.SEE_ALL_LABELS, Action.CORRECT_REVIEWED_SEGMENT}
_ADMIN = _EDITOR | {Action.DELETE_ARTICLE, Action.MANAGE_ACCOUNTS, Action.CHANGE_SETTINGS, Action.RESTORE}

ALLOWED: dict[Role, frozenset[Action]] = {
    Role.REVIEWER: frozenset(_REVIEWER),
    Role.EDITOR: frozenset(_EDITOR),
    Role.ADMIN: frozenset(_ADMIN),
}


def allows(role: Role, action: Action) -> bool:
    return action in ALLOWED[role]
