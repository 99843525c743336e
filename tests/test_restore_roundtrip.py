"""A JSONL export restores whatever the length of its lines: detection reads the first complete line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import run
from workbench.exporting import export_text
from workbench.formats.jsonl import is_export
from workbench.importing import ImportResult, import_data, prepare, save
from workbench.store import Store

WORDS = "the città council said rates rose by two percent while preços of bread and fuel fell again in março".split()


def long_article(chars: int) -> str:
    """English paragraphs of varied sentences, about `chars` long; every paragraph well under the line limit."""
    sentences, n = [], 0
    while sum(map(len, sentences)) < chars:
        words = [WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(6 + n % 9)]
        sentences.append(" ".join(words).capitalize() + f" in {1900 + n % 120}. ")
        n += 1
    paragraphs = ["".join(sentences[i : i + 12]).strip() for i in range(0, len(sentences), 12)]
    return "Rates and prices\n\n" + "\n\n".join(paragraphs)


@pytest.mark.parametrize("chars", [3_500, 100_000, 300_000])  # the lengths: over 4 kB, and far over
def test_jsonl_round_trip_is_byte_for_byte(store: Store, tmp_path: Path, chars: int) -> None:
    text = long_article(chars)
    result = save(store, prepare(text, language="en", source_name="long.txt"))
    claim = next(store.claims(article_id=result.article_id))
    store.save_label(claim.id, status="verified", reviewer="ann", source_url="https://a.example/x", note="ok")
    original = export_text(store, "jsonl")
    assert len(original.encode().split(b"\n", 1)[0]) > max(chars, 4096)  # the first line carries the whole text
    assert is_export(original.encode())
    with Store(tmp_path / "fresh.db") as fresh:
        outcomes = list(import_data(fresh, original.encode(), "export.jsonl"))
        assert [type(o) for o in outcomes] == [ImportResult]
        assert export_text(fresh, "jsonl") == original


def test_cli_round_trip_of_a_long_article(capsys, store: Store, db_path: Path, tmp_path: Path) -> None:
    save(store, prepare(long_article(20_000), language="en"))
    exported, again = tmp_path / "backup.jsonl", tmp_path / "again.jsonl"
    assert run(capsys, "export", "--format", "jsonl", "-o", str(exported))[0] == 0
    fresh = str(tmp_path / "fresh.db")
    code, out, err = run(capsys, "import", "--db", fresh, str(exported))
    assert code == 0 and out.splitlines()[1].split()[:2] == ["1", "en"] and "refused" not in err
    assert run(capsys, "export", "--db", fresh, "--format", "jsonl", "-o", str(again))[0] == 0
    assert again.read_bytes() == exported.read_bytes()


@pytest.mark.parametrize(
    "data, expected",
    [
        (b'{"format": "workbench-claim/1"}', True),  # one line, no newline at the end
        (b'\n\n{"format": "workbench-claim/1"}\n', True),  # leading blank lines
        (b'\xef\xbb\xbf{"format": "workbench-claim/1"}\n', True),  # a BOM from an editor
        (b'{"text": "a batch row"}\n{"format": "workbench-claim/1"}\n', False),  # a batch: its first line decides
        (b'{"format": "workbench-claim/1", "text": "' + b"x" * 10_000, False),  # cut short: not a complete record
        (b"[1, 2]\n", False),
        (b"\xff\xfe\n", False),
    ],
)
def test_detection_reads_the_first_complete_line(data: bytes, expected: bool) -> None:
    assert is_export(data) is expected


def test_a_long_first_line_is_not_read_as_a_batch() -> None:
    line = json.dumps({"format": "workbench-claim/1", "article": {"text": "x" * 5_000}})
    assert is_export((line + "\n").encode())
