"""Timestamps on pages: local time in the reader's language; anything else stays text for the caller to escape."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from workbench.ui.when import local_time, parse

# The issue's own example: 16:42 UTC is 17:42 in Rome, shown "25 nov 2026, 17:42" in Italian.
SCRIPT = """
import streamlit as st
from workbench.ui.when import local_time
from zoneinfo import ZoneInfo
st.query_params["lang"] = "{lang}"
st.text(local_time("2026-11-25T16:42:38.540Z", ZoneInfo("{zone}")))
"""


@pytest.mark.parametrize(
    ("lang", "zone", "shown"),
    [
        ("it", "Europe/Rome", "25 nov 2026, 17:42"),
        ("pt", "Europe/Lisbon", "25 nov 2026, 16:42 UTC"),  # Lisbon is on UTC in November: said so
        ("en", "America/Sao_Paulo", "25 Nov 2026, 13:42"),
    ],
)
def test_local_time_in_the_readers_language(lang: str, zone: str, shown: str) -> None:
    at = AppTest.from_string(SCRIPT.format(lang=lang, zone=zone)).run()
    assert at.text[0].value == shown


@given(st.text(max_size=60))
def test_what_is_no_timestamp_comes_back_as_it_was(value: str) -> None:
    if parse(value) is None:
        assert local_time(value, UTC) == value


@given(st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(9999, 1, 1), timezones=st.just(UTC)))
def test_every_stored_timestamp_parses_back_to_its_moment(moment: datetime) -> None:
    stamp = moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    assert abs(parse(stamp) - moment) < timedelta(milliseconds=1)
    assert parse(stamp).astimezone(ZoneInfo("Europe/Rome"))
