"""The `workbench` command: contracts of its output, exit codes 0/1/2, never a traceback."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli import main

ARTICLE = "Harbour plan\n\nThe port will double in size by 2030. Critics doubt it.\n\nShare this article\n"


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "harbour.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def cells(out: str, header: tuple[str, ...]) -> list[list[str]]:
    """The rows of a table the CLI printed, after checking its header; columns are 2+ spaces apart."""
    lines = out.splitlines()
    assert re.split(r"\s{2,}", lines[0].strip()) == list(header), lines[0]
    return [re.split(r"\s{2,}", line.strip()) for line in lines[1:]]


IMPORTED = ("article", "language", "claims", "result", "title")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_split_jsonl_contract(capsys, article_file: Path) -> None:
    code, out, _ = run(capsys, "split", str(article_file))
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [r["kind"] for r in rows] == ["heading", "claim", "claim", "boilerplate"]
    for index, row in enumerate(rows):
        assert set(row) == {"source", "index", "kind", "text", "start", "end", "language", "paragraph"}
        assert row["index"] == index and row["source"] == str(article_file) and row["language"] == "en"
        assert ARTICLE[row["start"] : row["end"]] == row["text"]


def test_split_reads_stdin_and_normalises(monkeypatch, capsys) -> None:
    raw = "\ufeffTitle line\r\n\r\nFirst claim here. Second claim here.\r\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw.encode())))
    code, out, _ = run(capsys, "split", "-", "--lang", "en")
    normalised = raw.lstrip("\ufeff").replace("\r\n", "\n")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows[0]["source"] == "-"
    assert all(normalised[r["start"] : r["end"]] == r["text"] for r in rows)


def test_import_twice_says_stored_once(capsys, article_file: Path, db_path: Path) -> None:
    code, out, _ = run(capsys, "import", str(article_file), "--db", str(db_path))
    assert code == 0 and cells(out, IMPORTED) == [["1", "en", "2", "imported", "Harbour plan"]]
    code, out, _ = run(capsys, "import", str(article_file), "--db", str(db_path))
    assert code == 0 and cells(out, IMPORTED) == [["1", "en", "2", "already imported", "Harbour plan"]]


def test_claims_label_export_round(capsys, article_file: Path, db_path: Path) -> None:
    run(capsys, "import", str(article_file))  # WORKBENCH_DB names db_path
    _, out, _ = run(capsys, "claims")
    claims = [json.loads(line) for line in out.splitlines()]
    assert [set(c) for c in claims] == [{"id", "article_id", "index", "kind", "text", "start", "end", "language"}] * 2
    code, out, _ = run(
        capsys,
        "label",
        str(claims[0]["id"]),
        "--status",
        "disputed",
        "--reviewer",
        "ann",
        "--source",
        "https://example.org/port",
        "--note",
        "=2+2",
    )
    assert code == 0 and json.loads(out)["status"] == "disputed"
    _, out, _ = run(capsys, "claims", "--status", "disputed", "--format", "table")
    assert cells(out, ("claim", "article", "index", "language", "text"))[0][0] == str(claims[0]["id"])
    target = db_path.parent / "out.csv"
    code, _, err = run(capsys, "export", "-o", str(target))
    rows = list(csv.DictReader(target.open(encoding="utf-8", newline="")))
    assert code == 0 and "2 rows" in err
    assert [(r["status"], r["reviewer"], r["note"]) for r in rows] == [("disputed", "ann", "'=2+2"), ("", "", "")]


@pytest.mark.parametrize(
    "argv, code, message",
    [
        (["label", "1", "--status", "verified", "--reviewer", "ann"], 1, "source link is required"),  # refused
        (["label", "1", "--status", "verified", "--reviewer", "ann", "--source", "javascript:x"], 1, "http"),
        (["label", "999", "--status", "unverified", "--reviewer", "ann"], 1, "does not exist"),  # unknown claim
        (["label", "1", "--status", "true", "--reviewer", "ann"], 2, "invalid choice"),  # bad usage
        (["split", "/no/such/file.txt"], 1, "cannot read"),
        (["frobnicate"], 2, "invalid choice"),
    ],
)
def test_errors_are_one_line(
    capsys, argv: list[str], code: int, message: str, article_file: Path, db_path: Path
) -> None:
    run(capsys, "import", str(article_file))
    if code == 2:
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2
        assert message in capsys.readouterr().err
        return
    got, _, err = run(capsys, *argv)
    assert got == code and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_not_a_database_is_refused_by_the_real_command(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("not a database")
    result = subprocess.run(
        [sys.executable, "-m", "workbench.cli", "claims", "--db", str(notes)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1 and "not an SQLite database" in result.stderr
    assert "Traceback" not in result.stderr and notes.read_text() == "not a database"


def test_serve_refuses_a_public_address_without_team_mode(capsys, db_path: Path) -> None:
    code, _, err = run(capsys, "serve", "--address", "0.0.0.0")
    assert code == 1 and "refusing to listen on 0.0.0.0" in err


def test_users_adjudicate_agreement(capsys, article_file: Path, db_path: Path) -> None:
    run(capsys, "import", str(article_file))
    assert run(capsys, "users", "add", "boss@news.example", "--role", "admin")[0] == 0
    run(capsys, "users", "add", "ann@news.example", "--role", "reviewer")
    run(capsys, "users", "add", "ed@news.example", "--role", "editor")
    _, out, _ = run(capsys, "users", "list")
    assert [row[:2] for row in cells(out, ("email", "role", "added"))] == [
        ["ann@news.example", "reviewer"],
        ["boss@news.example", "admin"],
        ["ed@news.example", "editor"],
    ]
    claim = json.loads(run(capsys, "claims")[1].splitlines()[0])["id"]
    run(
        capsys,
        "label",
        str(claim),
        "--status",
        "verified",
        "--reviewer",
        "ann@news.example",
        "--source",
        "https://a.example",
    )
    run(
        capsys,
        "label",
        str(claim),
        "--status",
        "disputed",
        "--reviewer",
        "ed@news.example",
        "--source",
        "https://b.example",
    )
    code, _, err = run(capsys, "label", str(claim), "--status", "unverified", "--reviewer", "stranger")
    assert code == 1 and "no account" in err
    code, _, err = run(
        capsys, "adjudicate", str(claim), "--status", "disputed", "--note", "n", "--by", "ann@news.example"
    )
    assert code == 1 and "cannot adjudicate" in err
    code, out, _ = run(
        capsys, "adjudicate", str(claim), "--status", "disputed", "--note", "report says so", "--by", "ed@news.example"
    )
    assert code == 0 and json.loads(out)["by"] == "ed@news.example"
    code, out, _ = run(capsys, "agreement", "--format", "json")
    figures = json.loads(out)
    assert code == 0 and {"krippendorff_alpha", "fleiss_kappa", "cohen_kappa", "per_article"} <= set(figures)
    # One claim reviewed twice: below the minimum, so no figure, and the pair is counted, not listed.
    assert (figures["n"], figures["too_few"], figures["fleiss_kappa"]) == (1, True, None)
    assert figures["cohen_kappa"] == [] and figures["pairs_below_minimum"] == 1
    code, out, _ = run(capsys, "agreement")
    assert code == 0 and "Fleiss' kappa\ttoo few claims reviewed twice (n=1)" in out
    assert run(capsys, "users", "remove", "boss@news.example")[0] == 1  # the last admin stays


def test_label_warns_of_a_look_alike_host(capsys, article_file: Path, db_path: Path, tmp_path: Path) -> None:
    run(capsys, "import", str(article_file))  # WORKBENCH_DB names db_path
    _, out, _ = run(capsys, "claims")
    first, second = (json.loads(line)["id"] for line in out.splitlines())
    code, out, err = run(
        capsys, "label", str(first), "--status", "verified", "--reviewer", "ann", "--source", "https://exаmple.com/a"
    )  # a Cyrillic "а"
    assert code == 0 and json.loads(out)["claim_id"] == first
    assert f"warning: claim {first}: " in err and "xn--exmple-4nf.com" in err
    batch = tmp_path / "labels.jsonl"
    batch.write_text(
        json.dumps({"claim_id": second, "status": "verified", "source": "https://example.com/b"})
        + "\n"
        + json.dumps({"claim_id": first, "status": "verified", "source": "https://exаmple.com/c"})
        + "\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "label", "--from", str(batch), "--reviewer", "ann")
    assert code == 0 and err.count("warning") == 1 and f"{batch} line 2: " in err
