"""The CSV dialect's two writers: SQLite's line_sql (with neutralise_lines) gives the very bytes Python's
write_rows gives, with each delimiter; every cell reads back; no cell a spreadsheet could split off runs."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.conftest import make_split
from workbench.exporting import export_text
from workbench.formats.csv_cells import DELIMITERS, SEPARATORS, neutralise_lines, restore, write_rows
from workbench.store import Store
from workbench.store.accounts import OPERATOR
from workbench.store.csv_lines import sqlite_line_sql as line_sql

TRICKY = st.sampled_from(
    [
        "",
        "=1+1",
        "+1",
        "-1",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        "'",
        "''x",
        '"',
        '""',
        ",",
        "\n",
        "\r\n",
        "a,b",
        'say "hi"',
        "%s",
        "%w",
        "%",
        "NULL",
        "👍🏽",
        "e\u0301",
        "中文",
        " lead",
        "a;=1+1;b",  # three cells, the middle one a formula, where a spreadsheet splits on ";"
        "a\t=1+1",  # two, split on TAB
        "a,=1+1",  # two, split on "," (when we write with ";")
        "a\n=1+1",  # a new row, where our quotes no longer hold
        "x\r\n-1",  # CRLF inside a cell
        'a;"=1+1',  # a quote in between hides nothing from Excel
        'a;""@x',
        "a;'=1",  # our prefix after a separator is doubled, so restore() stays exact
        ";\t=",  # a separator that is also a trigger, chained
        "a;",  # a separator at the very end: nothing follows it
        'a;"',  # ... nor after its quote, which must not be mistaken for the cell's closing quote
    ]
)
# NUL is left out: the workbench refuses it in everything it stores, and SQLite's printf ends a text there.
TEXT = st.one_of(TRICKY, st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30))
VALUE = st.one_of(st.none(), TEXT, st.integers(min_value=-(2**63), max_value=2**63 - 1))
# Each column: is it declared a whole number, and its value (a foreign tool may put text in a number column).
COLUMNS = st.lists(st.tuples(st.booleans(), VALUE), min_size=1, max_size=8)


def sqlite_line(columns: list[tuple[bool, object]], delimiter: str = ",") -> bytes:
    """One row as the long export writes it: line_sql, then neutralise_lines."""
    return neutralise_lines([sqlite_raw_line(columns, delimiter)], delimiter)


def sqlite_raw_line(columns: list[tuple[bool, object]], delimiter: str = ",") -> bytes:
    """One row rendered by line_sql, from a table whose untyped columns keep each value as given."""
    with sqlite3.connect(":memory:") as conn:
        names = [f"c{i}" for i in range(len(columns))]
        conn.execute(f"CREATE TABLE t ({', '.join(names)})")
        conn.execute(f"INSERT INTO t VALUES ({', '.join('?' * len(names))})", [value for _, value in columns])
        rendered = line_sql([(name, whole) for name, (whole, _) in zip(names, columns)], delimiter)
        return conn.execute(f"SELECT CAST({rendered} AS BLOB) FROM t").fetchone()[0]


def python_line(columns: list[tuple[bool, object]], delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    # Python's writer sees what sqlite3 hands it: a declared text column holding an int still reads back an int,
    # so it is given as text here, which is how line_sql writes any value of a text column.
    write_rows([[value if whole or value is None else str(value) for whole, value in columns]], buffer, delimiter)
    return buffer.getvalue().encode("utf-8")


DELIMITER = st.sampled_from(sorted(DELIMITERS.values()))


@settings(max_examples=1000, deadline=None)
@given(COLUMNS, DELIMITER)
def test_sqlite_writes_the_bytes_python_writes(columns: list[tuple[bool, object]], delimiter: str) -> None:
    assert sqlite_line(columns, delimiter) == python_line(columns, delimiter)


@settings(max_examples=200, deadline=None)
@given(st.lists(COLUMNS, min_size=1, max_size=6), DELIMITER)
# A line that starts with an empty cell: after the previous line's LF, its two quotes are no doubled quote.
@example([[(False, "")], [(False, "")]], ",")
@example([[(False, None)], [(False, None), (False, "\n")]], "\t")
def test_a_batch_of_lines_is_neutralised_as_each_line_alone(rows: list, delimiter: str) -> None:
    # The export hands neutralise_lines 5,000 lines at a time; the fast path must not change any of them.
    lines = [sqlite_raw_line(columns, delimiter) for columns in rows]
    assert neutralise_lines(lines, delimiter) == b"".join(python_line(columns, delimiter) for columns in rows)


def pieces(line: str, separator: str) -> list[str]:
    """What a spreadsheet may make of our line when it splits on `separator` and our quotes do not hold:
    a new cell after each separator, a new row after each CR or LF; quote marks around a piece dropped."""
    for mark in ("\r", "\n"):
        line = line.replace(mark, separator + mark)
    return [piece.lstrip('"') for piece in line.split(separator)]


@settings(max_examples=500, deadline=None)
@given(COLUMNS, DELIMITER)
def test_every_cell_reads_back(columns: list[tuple[bool, object]], delimiter: str) -> None:
    line = sqlite_line(columns, delimiter).decode("utf-8")
    cells = next(csv.reader(io.StringIO(line, newline=""), delimiter=delimiter))
    assert [restore(cell, delimiter) for cell in cells] == ["" if value is None else str(value) for _, value in columns]
    # Nothing a spreadsheet would run: a cell starts with a trigger only behind our prefix...
    assert not any(cell and cell[0] in "=+-@\t\r" for cell in cells)
    # ...and so does every piece it could cut out of the line, whatever other separator it picks.
    for separator in (sep for sep in SEPARATORS if sep != delimiter):
        assert not any(piece[:1] in ("=", "+", "-", "@") for piece in pieces(line.removesuffix("\r\n"), separator))


@pytest.mark.parametrize(
    "whole, value, expected",
    [
        (True, 7, b"7"),  # a whole number is bare
        (True, -7, b'"\'-7"'),  # a negative one would start a formula: text, neutralised
        (True, 2.5, b'"2.5"'),  # a fraction is text
        (True, "=cmd()", b'"\'=cmd()"'),  # text where a number belongs is still neutralised
        (True, None, b'""'),  # NULL is an empty text
        (False, 7, b'"7"'),  # a number in a text column is text
        (False, "=1+1", b'"\'=1+1"'),
        (False, 'a "b", c', b'"a ""b"", c"'),
        (False, "%s%w%d", b'"%s%w%d"'),  # printf's own markers inside a value are plain text
    ],
)
def test_cells(whole: bool, value: object, expected: bytes) -> None:
    assert sqlite_line([(whole, value)]) == expected + b"\r\n"


def test_utf16_database_exports_utf8(tmp_path: Path) -> None:
    # A database created as UTF-16 hands SQLite's bytes over in UTF-16; the export must still be UTF-8.
    path = tmp_path / "utf16.db"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA encoding = 'UTF-16le'")
        conn.execute("CREATE TABLE fixing_the_encoding (x)")
        conn.execute("DROP TABLE fixing_the_encoding")
    conn.close()
    with Store(path) as store:
        assert store.conn.execute("PRAGMA encoding").fetchone()[0] == "UTF-16le"
        text = "Città più calda. Il governo non ha agito."
        store.add_article(
            make_split(text, [("claim", "Città più calda."), ("claim", "Il governo non ha agito.")], language="it"),
            title="Caldo",
        )
        first = next(store.claims()).id
        store.save_label(first, status="unverified", reviewer="ann", note="=più")
        rows = list(csv.reader(io.StringIO(export_text(store, "csv", viewer=OPERATOR), newline="")))
    assert [row[5] for row in rows[1:]] == ["Città più calda.", "Il governo non ha agito."]
    assert rows[1][11] == "'=più"
