"""CSV export: formula cells neutralised, RFC 4180 quoting, exact round trip through pandas."""

from __future__ import annotations

import csv
import fcntl
import io
import os
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.exporting import CSV_COLUMNS, LEFTOVER_AFTER_S, export_file, neutralise, restore, write_csv
from workbench.store import Store


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),  # the classic formula
        ("+1+1", "'+1+1"),  # a plus starts a formula too
        ("-1+1", "'-1+1"),  # so does a minus (bullet lists start with one)
        ("@SUM(A1)", "'@SUM(A1)"),  # Lotus-style function call
        ("\t=1+1", "'\t'=1+1"),  # a leading tab hides the formula; split on TAB, "=1+1" is a cell of its own
        ("\r=1+1", "'\r'=1+1"),  # as does a carriage return, which may start a row
        ("\x00=1", "'\x00=1"),  # and NUL
        ("'quoted", "''quoted"),  # our own prefix is prefixed too, so restore() is exact
        ("plain text = fine", "plain text = fine"),  # only a cell's or a piece's first character matters
        ("a;=1+1;b", "a;'=1+1;b"),  # split on ";" (Italian, Portuguese spreadsheets) the middle cell would run
        ("a\n-1", "a\n'-1"),  # where our quotes no longer hold, a line break starts a row
        ("a, -1; b", "a, -1; b"),  # a blank after the separator: no cell starts with a trigger
        ("", ""),  # empty stays empty
        (42, "42"),  # numbers are written as text
    ],
)
def test_neutralise(value: object, expected: str) -> None:
    assert neutralise(value) == expected
    assert restore(expected) == ("" if value is None else str(value))


def read_back(data: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(data), dtype=str, keep_default_na=False)


TRICKY = st.sampled_from(
    [
        "NA",
        "None",
        "null",
        "NaN",
        "",
        "=1+1",
        "-",
        "'",
        '"',
        '""',
        ",",
        "\n",
        "\r\n",
        "👍🏽",
        "مرحبا",
        "שלום",
        "a\u200bb",
        "e\u0301",
        "中文",
        "#N/A",
        "TRUE",
        " lead",
    ]
)
CELL = st.one_of(TRICKY, st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40))
ROW = st.fixed_dictionaries({column: CELL for column in CSV_COLUMNS})


@settings(max_examples=1000, deadline=None)
@given(ROW)
def test_round_trip_through_pandas(row: dict) -> None:
    buffer = io.StringIO()
    write_csv([row], buffer)
    frame = read_back(buffer.getvalue())
    assert list(frame.columns) == list(CSV_COLUMNS)
    assert [restore(cell) for cell in frame.iloc[0]] == [row[c] for c in CSV_COLUMNS]


def test_rfc4180_shape() -> None:
    buffer = io.StringIO()
    write_csv([{"claim_text": 'He said "no", twice\nand left', "note": "plain"}], buffer)
    data = buffer.getvalue()
    # Every text is quoted (the header too), inner quotes doubled, line breaks kept inside the quotes.
    assert data.endswith("\r\n") and data.split("\r\n")[0] == ",".join(f'"{c}"' for c in CSV_COLUMNS)
    assert ',"He said ""no"", twice\nand left",' in data
    assert next(csv.reader(io.StringIO(data.split("\r\n", 1)[1])))[5].startswith("He said")


def test_export_file_from_store(store: Store, article: int, tmp_path: Path) -> None:
    claims = [c.id for c in store.claims()]
    store.save_label(
        claims[0],
        status="disputed",
        reviewer="ann",
        source_url="https://a.example/x",
        note='=HYPERLINK("http://evil.example")',
    )
    out = tmp_path / "export.csv"
    assert export_file(store, out) == 3
    frame = read_back(out.read_text(encoding="utf-8"))
    assert list(frame["status"]) == ["disputed", "", ""]
    assert frame["note"][0] == '\'=HYPERLINK("http://evil.example")'
    assert list(frame["claim_id"]) == [str(c) for c in claims]
    assert not list(tmp_path.glob(".export.csv.*"))  # the temporary file was renamed, not left behind


def test_failed_export_keeps_the_previous_file(
    store: Store, article: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "export.csv"
    out.write_text("previous export\n")

    def broken_lines(*_: object, **__: object):
        yield [b"1,2,3\r\n"]
        raise RuntimeError("disk pulled mid-export")

    monkeypatch.setattr(store, "export_lines", broken_lines)
    with pytest.raises(RuntimeError):
        export_file(store, out)
    assert out.read_text() == "previous export\n"
    assert not list(tmp_path.glob(".export.csv.*"))


def test_a_killed_exports_leftover_is_removed_and_a_live_one_kept(store: Store, article: int, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "export.csv"
    long_ago = time.time() - 2 * LEFTOVER_AFTER_S
    files = {
        name: folder / name
        for name in (".export.csv.dead.tmp", ".export.csv.live.tmp", ".export.csv.new.tmp", ".other.csv.dead.tmp")
    }
    for name, path in files.items():
        path.write_bytes(b"partial")
        if name != ".export.csv.new.tmp":  # just created: maybe an export about to lock it
            os.utime(path, (long_ago, long_ago))
    with files[".export.csv.live.tmp"].open("rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # an export still writing, however long it takes
        assert export_file(store, out) == 3
    assert sorted(p.name for p in folder.iterdir()) == [
        ".export.csv.live.tmp",
        ".export.csv.new.tmp",
        ".other.csv.dead.tmp",
        "export.csv",
    ]
