"""Text for a terminal: nothing printed can move the cursor, retitle the window or reorder the line."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from workbench.terminal import Columns, printable, table, width

DANGEROUS = {"Cc", "Cs", "Zl", "Zp"}
BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@given(st.text(st.characters(codec=None)))
def test_printable_leaves_no_control_character(text: str) -> None:
    shown = printable(text)
    assert not [ch for ch in shown if unicodedata.category(ch) in DANGEROUS or ch in BIDI]


@given(st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")).filter(lambda ch: ch not in BIDI)))
def test_printable_keeps_ordinary_text_as_it_is(text: str) -> None:
    assert printable(text) == text


def test_escapes_are_readable() -> None:
    assert printable("a\x1b]0;x\x07b\u202ec\ud800") == "a\\x1b]0;x\\x07b\\u202ec\\ud800"


names = st.text(st.characters(categories=("L", "M", "N", "Cc")), max_size=12)  # wide, combining, control


@given(st.lists(st.tuples(st.integers(0, 10**9), names), min_size=1, max_size=6))
def test_table_columns_line_up(rows: list[tuple[int, str]]) -> None:
    lines = table(("id", "name", "last"), [(number, name, "x") for number, name in rows], (True,))
    # Every row's last cell starts at the same terminal column (wide characters take two, combining marks none).
    assert len({width(line[: line.rindex(" ") + 1]) for line in lines}) == 1
    assert [line.rsplit(" ", 1)[1] for line in lines] == ["last"] + ["x"] * len(rows)


def test_streamed_columns_have_fixed_widths() -> None:
    columns = Columns(("claim", "text"), (7,), (True,))
    assert columns.header == "claim    text"
    assert columns.row((12, "Prices fell.")) == "     12  Prices fell."
