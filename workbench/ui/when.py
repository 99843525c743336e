"""Timestamps as a reader reads them: local time in the interface language ("25 nov 2026, 17:42").

The database and every export keep ISO 8601 UTC; only pages convert. The reader's time zone comes
from the browser (st.context.timezone); without one (AppTest, scripts) UTC is shown, and says so.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from workbench.ui.i18n import t


def reader_zone() -> tzinfo:
    try:
        name = st.context.timezone
    except Exception:  # no browser behind this run
        name = None
    try:
        return ZoneInfo(name) if name else UTC
    except (ZoneInfoNotFoundError, ValueError):  # a browser can send anything
        return UTC


def parse(stamp: object) -> datetime | None:
    """A stored ISO 8601 timestamp as an aware datetime; None for anything else (a restored file may hold any text)."""
    if not isinstance(stamp, str) or not stamp or len(stamp) > 40:
        return None
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def local_time(stamp: object, zone: tzinfo | None = None) -> str:
    """The timestamp in the reader's zone and language; a value that is no timestamp comes back as it is,
    for the caller to escape like any other text."""
    moment = parse(stamp)
    if moment is None:
        return "" if stamp is None else str(stamp)
    local = moment.astimezone(zone or reader_zone())
    months = t("time.months").split()
    shown = t(
        "time.format",
        day=local.day,
        month=months[local.month - 1],
        year=local.year,
        time=local.strftime("%H:%M"),
    )
    return shown if local.utcoffset() else f"{shown} UTC"
