"""Hostile and careless input to the command line: one line on stderr, exit 1 (refused) or 2 (usage), nothing
half-done. Issue 12 findings 1, 2 (label --from), 8, 11, and issue 15 item 12 (tables, help, skipped files)."""

from __future__ import annotations

import argparse
import json
import threading
import unicodedata
from contextlib import closing
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import connect_raw
from tests.test_cli import ARTICLE, IMPORTED, cells
from workbench.cli import build_parser, main


def call(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """main() as the real command behaves: argparse's exit 2 becomes a return code."""
    try:
        code = main(list(argv))
    except SystemExit as exit_info:
        code = exit_info.code  # type: ignore[assignment]
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert "Traceback" not in err and "internal error" not in err, err
    return err


def labels(db: Path) -> list[tuple]:
    with closing(connect_raw(db)) as conn:
        return conn.execute("SELECT segment_id, reviewer, status, version FROM labels ORDER BY 1, 2").fetchall()


@pytest.fixture
def imported(tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A database (WORKBENCH_DB) with one article of two claims, ids 2 and 3."""
    article = tmp_path / "harbour.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert call(capsys, "import", str(article))[0] == 0
    return db_path


# Each from the issue: today each printed a traceback.
REFUSED = [
    (["label", "2", "--status", "verified", "--reviewer", "r", "--source", "http://[::1"], 1, "source link"),
    (["label", "2", "--status", "verified", "--reviewer", "r", "--source", "http://exämple.com:99999/"], 1, "link"),
    (["import", "--url", "http://example.com:abc/"], 1, "refused: http://example.com:abc/"),
    (["export", "--article", "99999999999999999999999"], 1, "article 99999999999999999999999 does not exist"),
    (["claims", "--article", "99999999999999999999999"], 1, "does not exist"),
    (["claims", "--article", "77"], 1, "article 77 does not exist"),  # was: no output, exit 0
    (["label", "1" + "0" * 30, "--status", "unverified", "--reviewer", "r"], 1, "does not exist"),
    (["label", "9" * 5000, "--status", "unverified", "--reviewer", "r"], 1, "does not exist"),  # > int()'s 4300 digits
    (["adjudicate", "1" + "0" * 30, "--status", "disputed", "--note", "n", "--by", "e"], 1, "does not exist"),
    (["label", "²", "--status", "unverified", "--reviewer", "r"], 2, "is not a claim number"),
    (["claims", "--article", "-1"], 2, "is not an article number"),
    (["serve", "--port", "99999"], 1, "not a port number"),
]


@pytest.mark.parametrize("argv, code, words", REFUSED, ids=lambda v: " ".join(v)[:50] if isinstance(v, list) else "")
def test_refusals_are_one_line(capsys, imported: Path, argv: list[str], code: int, words: str) -> None:
    before = labels(imported)
    got, out, err = call(capsys, *argv)
    assert (got, out) == (code, "") and words in one_line(err)
    assert labels(imported) == before


BAD_FILES = [
    (b"\xff\xfe{\x00}\x00\n", "UTF-16"),
    (b'{"claim_id": 2, "status": "unverified", "note": "caf\xe9"}\n', "not UTF-8 (byte 53 is 0xe9)"),
    (b"[" * 100_000 + b"\n", "nested too deeply"),
    (b'{"claim_id": 1e999, "status": "unverified"}\n', "JSON integer, not inf"),
    (b'{"claim_id": 1000000000000000000000000000000, "status": "unverified"}\n', "does not exist"),
    (b'{"claim_id": 2.9, "status": "unverified"}\n', "JSON integer, not 2.9"),  # was stored on claim 2
    (b'{"claim_id": "2", "status": "unverified"}\n', "not the string '2'"),  # was accepted
    (b'{"claim_id": true, "status": "unverified"}\n', "not true"),  # was stored on claim 1
    (b'{"claim_id": 2, "status": "unverified", "note": 5}\n', "note must be a string"),
    (b"[2]\n", "not a label object"),
]


@pytest.mark.parametrize("content, words", BAD_FILES, ids=[w for _, w in BAD_FILES])
def test_label_from_refuses_a_bad_line_in_words(capsys, imported: Path, tmp_path: Path, content, words) -> None:
    batch = tmp_path / "labels.jsonl"
    batch.write_bytes(content)
    before = labels(imported)
    code, out, err = call(capsys, "label", "--from", str(batch), "--reviewer", "r")
    assert (code, out) == (1, "") and f"refused: {batch} line 1: " in one_line(err) and words in err
    assert labels(imported) == before


def test_label_from_refuses_each_line_on_its_own(capsys, imported: Path, tmp_path: Path) -> None:
    # Today the first bad line stopped the batch: the good lines after it were lost.
    lines = [
        {"claim_id": 2, "status": "unverified"},
        {"claim_id": 2.9, "status": "unverified"},
        {"claim_id": 3, "status": "nonsense"},
        {"claim_id": 3, "status": "unverified"},
    ]
    batch = tmp_path / "labels.jsonl"
    batch.write_text("".join(json.dumps(line) + "\n" for line in lines) + "\n", encoding="utf-8")
    code, out, err = call(capsys, "label", "--from", str(batch), "--reviewer", "r")
    assert code == 1 and [json.loads(line)["claim_id"] for line in out.splitlines()] == [2, 3]
    assert [line.split(": ")[2] for line in err.splitlines()] == [f"{batch} line 2", f"{batch} line 3"]
    assert [row[:3] for row in labels(imported)] == [(2, "r", "unverified"), (3, "r", "unverified")]


# Any JSON value that is not a JSON integer is no claim id, whatever Python's int() would make of it.
not_integers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(claim_id=not_integers)
def test_label_from_takes_json_integers_only(capsys, imported: Path, claim_id: object) -> None:
    batch = imported.parent / "labels.jsonl"
    batch.write_text(json.dumps({"claim_id": claim_id, "status": "unverified"}) + "\n", encoding="utf-8")
    before = labels(imported)
    code, out, err = call(capsys, "label", "--from", str(batch), "--reviewer", "r")
    assert (code, out) == (1, "") and "claim_id" in one_line(err)
    assert labels(imported) == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(claim_id=st.one_of(st.integers(max_value=0), st.integers(min_value=2**63)))
def test_label_from_refuses_ids_out_of_range(capsys, imported: Path, claim_id: int) -> None:
    batch = imported.parent / "labels.jsonl"
    batch.write_text(json.dumps({"claim_id": claim_id, "status": "unverified"}) + "\n", encoding="utf-8")
    code, out, err = call(capsys, "label", "--from", str(batch), "--reviewer", "r")
    assert (code, out) == (1, "") and one_line(err)


# -- finding 11: a mistyped --db ------------------------------------------------------------------------------

READ_ONLY = [
    ["articles"],
    ["claims"],
    ["claims", "--format", "table"],
    ["label", "1", "--status", "unverified", "--reviewer", "r"],
    ["adjudicate", "1", "--status", "disputed", "--note", "n", "--by", "e@x.org"],
    ["agreement"],
    ["export"],
    ["backup", "copy.db"],
    ["users", "list"],
    ["users", "remove", "e@x.org"],
]


@pytest.mark.parametrize("argv", READ_ONLY, ids=" ".join)
def test_a_missing_database_is_refused_not_created(capsys, tmp_path: Path, argv: list[str]) -> None:
    typo = tmp_path / "scrach.db"
    code, out, err = call(capsys, *argv, "--db", str(typo))
    assert (code, out) == (1, "") and f"the database {typo} does not exist" in one_line(err)
    assert list(tmp_path.iterdir()) == []


def test_the_default_database_is_not_created_by_a_listing(capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("WORKBENCH_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    code, _, err = call(capsys, "articles")
    assert code == 1 and f"(the default, in {tmp_path})" in one_line(err)
    assert list(tmp_path.iterdir()) == []


def test_the_commands_that_create_a_database_say_so(capsys, tmp_path: Path) -> None:
    article = tmp_path / "harbour.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    code, _, err = call(capsys, "import", str(article), "--db", str(fresh))
    assert code == 0 and err == f"workbench: created a new database at {fresh}\n"
    code, _, err = call(capsys, "import", str(article), "--db", str(fresh))
    assert code == 0 and err == ""
    other = tmp_path / "team.db"
    code, _, err = call(capsys, "users", "add", "e@x.org", "--role", "admin", "--db", str(other))
    assert code == 0 and err == f"workbench: created a new database at {other}\n"
    # Nothing to import: no database either.
    code, _, err = call(capsys, "import", str(tmp_path / "nothere.txt"), "--db", str(tmp_path / "third.db"))
    assert code == 1 and "nothere.txt: no such file or folder" in one_line(err)
    assert not (tmp_path / "third.db").exists()


# -- finding 8: terminal escapes ------------------------------------------------------------------------------

TERMINAL_CONTROLS = {"Cc", "Cs", "Zl", "Zp"}  # C0/C1 controls (ESC, BEL, CSI), surrogates, line breaks
BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
HOSTILE_HEADING = "Harbour \x1b]0;pwned\x07plan \x1b[2J\u202eevil\n\nThe port will double by 2030. Critics doubt it.\n"


def test_a_heading_title_loses_esc_and_bel_at_import(capsys, tmp_path: Path, db_path: Path) -> None:
    article = tmp_path / "hostile.md"
    article.write_text(HOSTILE_HEADING, encoding="utf-8")
    assert call(capsys, "import", str(article))[0] == 0
    with closing(connect_raw(db_path)) as conn:
        (title,) = conn.execute("SELECT title FROM articles").fetchone()
    assert title == "Harbour ]0;pwned plan [2J\u202eevil"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=30))
def test_table_output_shows_control_characters_escaped(capsys, imported: Path, text: str) -> None:
    # Titles and claim texts can hold any character (a batch row's title, an edit); a table prints them escaped.
    with closing(connect_raw(imported)) as conn, conn:
        conn.execute("UPDATE articles SET title = ?", (f"T{text}",))
        conn.execute("UPDATE segments SET text = ? WHERE id = 2", (f"C{text}",))
    for argv in (["articles"], ["claims", "--format", "table"]):
        code, out, _ = call(capsys, *argv)
        assert code == 0
        shown = out.replace("\n", "")
        assert not [ch for ch in shown if unicodedata.category(ch) in TERMINAL_CONTROLS or ch in BIDI], argv
        assert len(out.splitlines()) == (2 if argv == ["articles"] else 3)


def test_split_as_text_shows_control_characters_escaped(capsys, tmp_path: Path) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE_HEADING, encoding="utf-8")
    code, out, _ = call(capsys, "split", str(article), "--format", "text")
    assert code == 0 and "\x1b" not in out and "\x07" not in out and "\\x1b]0;pwned\\x07" in out


# -- issue 15 item 12: tables, help, skipped files ------------------------------------------------------------


def test_tables_have_headers_and_aligned_columns(capsys, imported: Path) -> None:
    _, out, _ = call(capsys, "articles")
    assert cells(out, ("article", "language", "labelled", "revision", "title")) == [
        ["1", "en", "0/2", "1", "Harbour plan"]
    ]
    _, out, _ = call(capsys, "claims", "--format", "table")
    lines = out.splitlines()
    assert [line.index("  en  ") for line in lines[1:]] == [lines[0].index("language") - 2] * 2
    call(capsys, "users", "add", "a@x.org", "--role", "admin")
    call(capsys, "users", "add", "longer.name@x.org", "--role", "reviewer")
    _, out, _ = call(capsys, "users", "list")
    lines = out.splitlines()
    assert len({line.index(role) for line, role in zip(lines, ("role", "admin", "reviewer"))}) == 1


def _every_parser(parser):
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _every_parser(sub)


def test_every_option_has_a_help_line() -> None:
    missing = [
        f"{parser.prog} {'/'.join(action.option_strings) or action.dest}"
        for parser in _every_parser(build_parser())
        for action in parser._actions
        if not action.help and action.dest != "command" and action.dest != "action"
    ]
    assert missing == []


def test_top_level_help_speaks_to_a_fact_checker(capsys) -> None:
    code, out, _ = call(capsys, "--help")
    assert code == 0 and "fact-checkers" in out and "a first session:" in out and "Exit codes" in out


def test_folder_import_lists_what_it_skips(capsys, tmp_path: Path, db_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "nested").mkdir(parents=True)
    (inbox / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    (inbox / "scan.pdf").write_bytes(b"%PDF-1.4")
    (inbox / ".DS_Store").write_bytes(b"\x00")
    (inbox / "broken.txt").symlink_to(tmp_path / "gone.txt")
    (inbox / "latin1.txt").write_bytes("caf\xe9 au lait. Il pleut.".encode("latin-1"))
    code, out, err = call(capsys, "import", str(inbox))
    assert [row[:4] for row in cells(out, IMPORTED)] == [["1", "en", "2", "imported"]]
    # A PostgreSQL test database comes migrated from its template: nothing is created there.
    created = [f"workbench: created a new database at {db_path}"] if isinstance(db_path, Path) else []
    assert code == 1 and err.splitlines() == [
        *created,
        f"workbench: skipped: {inbox / '.DS_Store'}: a hidden file",
        f"workbench: skipped: {inbox / 'broken.txt'}: not a regular file (a broken link, a device or a pipe)",
        f"workbench: skipped: {inbox / 'nested'}: a folder inside the folder (only the folder's own files are imported)",
        f"workbench: skipped: {inbox / 'scan.pdf'}: not a .txt, .md, .html, .htm, .csv, .jsonl file",
        # A refusal names the file as it was given, folder included (it said "latin1.txt: …" before).
        f"workbench: refused: {inbox / 'latin1.txt'}: not valid UTF-8 at byte 3 (0xe9); it may be Windows-1252 or "
        "Latin-1: save it as UTF-8 and try again",
    ]


class Redirects(BaseHTTPRequestHandler):
    """Every path redirects to the URL named by its query string (percent-decoded)."""

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        self.send_response(302)
        self.send_header("Location", unquote(self.path.partition("?")[2]))
        self.end_headers()


@pytest.mark.parametrize("location", ["http://[::1", "http://example.com:abc/", "http://example.com:99999/x"])
def test_a_redirect_to_a_malformed_url_is_refused_in_words(capsys, imported: Path, monkeypatch, location) -> None:
    monkeypatch.setenv("WORKBENCH_ALLOW_PRIVATE_URLS", "on")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Redirects)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/a?{quote(location)}"
        code, out, err = call(capsys, "import", "--url", url)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert (code, out) == (1, "") and f"refused: {url}: " in one_line(err) and "malformed" in err
