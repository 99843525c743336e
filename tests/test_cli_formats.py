"""The CLI over the new formats: import of batches, folders and URLs; claims --search; export --format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import ARTICLE, IMPORTED, cells, run
from tests.test_formats_in import CSV_BATCH
from workbench.cli import build_parser, main
from workbench.exporting import EXPORT_FORMATS


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "batch.csv").write_text(CSV_BATCH, encoding="utf-8")
    return folder


def test_import_folder_reports_each_article(capsys, inbox: Path, db_path: Path) -> None:
    code, out, err = run(capsys, "import", str(inbox))
    # A table of what was imported; refusals go to stderr, naming the file as given, and make the exit code 1.
    assert [row[:3] for row in cells(out, IMPORTED)] == [["1", "en", "2"], ["2", "fr", "2"], ["3", "en", "2"]]
    assert code == 1 and err.count(f"workbench: refused: {inbox / 'batch.csv'} line") == 2 and "Traceback" not in err
    code, out, _ = run(capsys, "import", str(inbox / "harbour.txt"))
    assert code == 0 and "already imported" in out


def test_import_needs_something(capsys, db_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["import"])
    assert exit_info.value.code == 2 and "--url" in capsys.readouterr().err


def test_import_url_refused_by_default(capsys, db_path: Path) -> None:
    code, out, err = run(capsys, "import", "--url", "http://127.0.0.1:9/a.html")
    assert code == 1 and out == "" and "private, loopback" in err


def test_claims_search_and_filters(capsys, inbox: Path, db_path: Path) -> None:
    run(capsys, "import", str(inbox))
    _, out, _ = run(capsys, "claims", "--search", "critiques", "--format", "table")
    assert [row[4] for row in cells(out, ("claim", "article", "index", "language", "text"))] == [
        "Les critiques en doutent."
    ]
    _, out, _ = run(capsys, "claims", "--language", "fr")
    assert {json.loads(line)["language"] for line in out.splitlines()} == {"fr"}
    first = json.loads(run(capsys, "claims")[1].splitlines()[0])["id"]
    run(capsys, "label", str(first), "--status", "unverified", "--reviewer", "ann")
    run(capsys, "label", str(first), "--status", "disputed", "--reviewer", "bob", "--source", "https://a.example/")
    _, out, _ = run(capsys, "claims", "--disagreement")
    assert [json.loads(line)["id"] for line in out.splitlines()] == [first]
    _, out, _ = run(capsys, "claims", "--reviewer", "bob", "--status", "unverified")
    assert out == ""
    code, out, _ = run(capsys, "claims", "--search", 'AND ( "')  # FTS5 syntax is plain text here
    assert code == 0 and out == ""


def test_export_formats(capsys, inbox: Path, db_path: Path, tmp_path: Path) -> None:
    run(capsys, "import", str(inbox))
    assert set(build_parser().parse_args(["export", "--format", "jsonl"]).__dict__) >= {"excel", "search"}
    for fmt in EXPORT_FORMATS:
        target = tmp_path / f"out-{fmt}"
        code, _, err = run(capsys, "export", "--format", fmt, "-o", str(target), "--excel")
        data = target.read_bytes()
        assert code == 0 and "wrote" in err
        assert data.startswith(b"\xef\xbb\xbf") == fmt.startswith("csv")  # the BOM only where Excel reads CSV
    fresh = tmp_path / "fresh.db"
    code, out, _ = run(capsys, "import", str(tmp_path / "out-jsonl"), "--db", str(fresh))
    assert code == 1  # not a .jsonl name: refused, not guessed
    (tmp_path / "out.jsonl").write_bytes((tmp_path / "out-jsonl").read_bytes())
    code, out, _ = run(capsys, "import", str(tmp_path / "out.jsonl"), "--db", str(fresh))
    assert code == 0 and len(out.splitlines()) == 1 + 3
    code, out, _ = run(capsys, "export", "--format", "jsonl", "--db", str(fresh))
    assert out.encode() == (tmp_path / "out-jsonl").read_bytes()
