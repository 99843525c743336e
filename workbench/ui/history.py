"""A claim's history as a table in the reader's language: local times, translated actions and statuses."""

from __future__ import annotations

import re

import pandas as pd

from workbench.models import Status
from workbench.ui import safe
from workbench.ui.i18n import status_name, t
from workbench.ui.when import local_time

_STATUS_WORD = re.compile(r"\b(" + "|".join(s.value for s in Status) + r")\b")
_CORRECTION = "split correction: "


def what(value: str) -> str:
    """An action as stored ("label", "verdict", "split correction: merge"), as the reader's language says it."""
    if value.startswith(_CORRECTION):
        key = f"history.correction.{value[len(_CORRECTION) :]}"
    else:
        key = f"history.{value}"
    return t(key) if _known(key) else safe.cell(value)


def detail(value: object) -> str:
    """Statuses inside a detail ("verified → disputed") in the reader's language; the rest as text."""
    return _STATUS_WORD.sub(lambda m: status_name(m.group(1)), safe.cell(value))


def table(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("col.when"): [safe.cell(local_time(r.get("at"))) for r in rows],
            t("col.who"): [safe.cell(r.get("who")) for r in rows],
            t("col.what"): [what(str(r.get("what", ""))) for r in rows],
            t("col.detail"): [detail(r.get("detail", "")) for r in rows],
            # History follows the claim's lineage: each row names the segment it is about.
            t("col.segment"): [safe.cell(r.get("claim", "")) for r in rows],
        }
    )


def _known(key: str) -> bool:
    from workbench.messages import MESSAGES

    return key in MESSAGES
