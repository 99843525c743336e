"""Junk into every entry point: each command-line command and each page's query parameters.

For the command line, every case below puts Hypothesis-generated junk where a value is expected, chosen so that
no junk can be a valid request (a number that is no claim, a path that is not there, a status that is not one);
the command must answer with exit code 1 or 2, exactly one line on stderr, nothing on stdout, no traceback,
and leave every file as it was. For the pages, junk query parameters must not crash a page (no exception) and
must write nothing. Arguments are what a real argv can hold: any text but NUL, including the lone surrogates
Python makes of bytes that are not UTF-8 (os.fsdecode's surrogateescape).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.test_cli import ARTICLE
from workbench.cli import STATUS_CHOICES, build_parser, main
from workbench.errors import WorkbenchError
from workbench.exporting import EXPORT_FORMATS
from workbench.metadata import check_article_url
from workbench.models import SUPPORTED_LANGUAGES, Role
from workbench.rules import check_reviewer, check_source_url
from workbench.server import is_loopback

# -- what a command line can hold ------------------------------------------------------------------------------

SURROGATE_ESCAPES = st.sampled_from([chr(code) for code in range(0xDC80, 0xDD00)])
characters = st.one_of(
    st.characters(exclude_characters="\x00", exclude_categories=("Cs",)),
    SURROGATE_ESCAPES,
    st.sampled_from("\x1b\x07\n\r\t\u202e /.-0123456789"),
)
junk = st.text(characters, min_size=1, max_size=40)
# Junk that argparse takes as a value, not as an option.
value = junk.filter(lambda text: not text.startswith("-"))

CLAIM_IDS = {1, 2, 3, 4}  # the template's segments: a heading, two claims, a boilerplate line
COMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


def names_a_number(text: str, numbers: set[int]) -> bool:
    digits = text.strip()
    return digits.isascii() and digits.isdigit() and (digits.lstrip("0") or "0") in {str(n) for n in numbers}


def refused_by(check: Callable[[str], object], text: str) -> bool:
    try:
        check(text)
    except WorkbenchError:
        return True
    except ValueError:
        return True
    return False


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with one imported article (segments 1–4) and one label, made once for the module."""
    folder = tmp_path_factory.mktemp("template")
    (folder / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    db = folder / "workbench.db"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["import", str(folder / "harbour.txt"), "--db", str(db)]) == 0
        assert main(["label", "2", "--status", "unverified", "--reviewer", "ann", "--db", str(db)]) == 0
    (folder / "harbour.txt").unlink()
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes (SQLite's -wal and -shm come and go with a connection), and the
    database's rows."""
    files = {
        str(path.relative_to(folder)): path.read_bytes() if path.is_file() else b"<not a file>"
        for path in sorted(folder.rglob("*"))
        if not path.name.endswith(("-wal", "-shm"))
    }
    with contextlib.closing(sqlite3.connect(folder / "workbench.db")) as conn:
        files["<rows>"] = hashlib.sha256("\n".join(conn.iterdump()).encode()).digest()
    return files


@contextlib.contextmanager
def workspace(template: Path) -> Iterator[Path]:
    """A copy of the template as the current folder and WORKBENCH_DB, for one example."""
    before, env = Path.cwd(), os.environ.get("WORKBENCH_DB")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "ws"
        shutil.copytree(template, folder)
        os.chdir(folder)
        os.environ["WORKBENCH_DB"] = str(folder / "workbench.db")
        try:
            yield folder
        finally:
            os.chdir(before)
            if env is None:
                os.environ.pop("WORKBENCH_DB", None)
            else:
                os.environ["WORKBENCH_DB"] = env


def refuse(template: Path, argv: list[str], files: dict[str, bytes] | None = None) -> None:
    """Run one command on a fresh copy of the template; check the promise of every refusal."""
    with workspace(template) as folder:
        for name, content in (files or {}).items():
            (folder / name).write_bytes(content)
        before = snapshot(folder)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exit_info:
                code = exit_info.code  # type: ignore[assignment]
        assert code in (1, 2), (argv, code, err.getvalue())
        assert err.getvalue().count("\n") == 1 and err.getvalue().endswith("\n"), (argv, err.getvalue())
        assert "Traceback" not in err.getvalue() and "internal error" not in err.getvalue(), err.getvalue()
        assert out.getvalue() == "", (argv, out.getvalue())
        assert snapshot(folder) == before, argv


FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def not_there(text: str) -> bool:
    """Relative to the example's folder (the current one); "-" is standard input, "" the default."""
    return text not in ("-", "") and not os.path.lexists(text)


# -- the command line ------------------------------------------------------------------------------------------


@FUZZ
@given(word=junk)
def test_unknown_command(template: Path, word: str) -> None:
    assume(word not in COMMANDS and not word.startswith("-"))
    refuse(template, [word])


@FUZZ
@given(command=st.sampled_from(COMMANDS), option=junk.map(lambda text: "--" + text.lstrip("-")))
def test_unknown_option(template: Path, command: str, option: str) -> None:
    parser = build_parser()._subparsers._group_actions[0].choices[command]  # type: ignore[union-attr]
    known = [o for action in parser._actions for o in action.option_strings]
    assume(not any(o.startswith(option.split("=")[0]) for o in known))
    # argparse reads a dash-word holding a space as a positional value (a file named '-- ' is a fine backup name).
    assume(" " not in option)
    refuse(template, [command, option] + (["list"] if command == "users" else []))


@FUZZ
@given(command=st.sampled_from(["articles", "claims", "agreement", "export", "users"]), db=value)
def test_missing_or_unusable_database(template: Path, command: str, db: str) -> None:
    with workspace(template):
        assume(not_there(db) or os.path.isdir(db))
    argv = [command, "--db", db] + (["list"] if command == "users" else [])
    refuse(template, argv)


CHOICES = [
    (["claims", "--status"], (*STATUS_CHOICES, "unlabelled")),
    (["claims", "--format"], ("jsonl", "table")),
    (["claims", "--language"], (*SUPPORTED_LANGUAGES, "xx")),
    (["export", "--format"], EXPORT_FORMATS),
    (["export", "--status"], (*STATUS_CHOICES, "unlabelled")),
    (["split", "x.txt", "--lang"], ("auto", *SUPPORTED_LANGUAGES)),
    (["import", "x.txt", "--lang"], ("auto", *SUPPORTED_LANGUAGES)),
    (["agreement", "--format"], ("json", "table")),
    (["label", "2", "--reviewer", "r", "--status"], STATUS_CHOICES),
    (["adjudicate", "2", "--note", "n", "--by", "e", "--status"], STATUS_CHOICES),
    (["users", "add", "a@b.org", "--role"], tuple(r.value for r in Role)),
]


@FUZZ
@given(case=st.sampled_from(CHOICES), choice=value)
def test_a_choice_that_is_not_one(template: Path, case: tuple[list[str], tuple[str, ...]], choice: str) -> None:
    argv, choices = case
    assume(choice not in choices)
    refuse(template, [*argv, choice])


ID_SLOTS = [
    lambda j: ["claims", "--article", j],
    lambda j: ["export", "--article", j],
    lambda j: ["label", j, "--status", "unverified", "--reviewer", "r"],
    lambda j: ["adjudicate", j, "--status", "disputed", "--note", "n", "--by", "e"],
]


@FUZZ
@given(slot=st.sampled_from(ID_SLOTS), number=st.one_of(value, st.integers(min_value=5).map(str)))
def test_an_id_that_is_no_claim_or_article(template: Path, slot, number: str) -> None:
    assume(not names_a_number(number, CLAIM_IDS if "article" not in slot("") else {1}))
    refuse(template, slot(number))


@FUZZ
@given(source=value)
def test_a_source_link_that_is_no_link(template: Path, source: str) -> None:
    assume(refused_by(check_source_url, source.strip()) and source.strip())
    refuse(template, ["label", "2", "--status", "verified", "--reviewer", "r", "--source", source])


@FUZZ
@given(reviewer=value)
def test_a_reviewer_name_that_is_refused(template: Path, reviewer: str) -> None:
    assume(refused_by(check_reviewer, reviewer))
    refuse(template, ["label", "2", "--status", "unverified", "--reviewer", reviewer])


@FUZZ
@given(url=value)
def test_import_of_a_url_that_is_no_url(template: Path, url: str) -> None:
    assume(refused_by(check_article_url, url) or not url.strip())
    refuse(template, ["import", "--url", url])


@FUZZ
@given(command=st.sampled_from(["import", "split", "label-from"]), path=value)
def test_a_file_that_is_not_there(template: Path, command: str, path: str) -> None:
    with workspace(template):
        assume(not_there(path))
    argv = ["label", "--reviewer", "r", "--from", path] if command == "label-from" else [command, path]
    refuse(template, argv)


@FUZZ
@given(command=st.sampled_from(["export -o", "backup"]), name=value)
def test_an_output_in_a_folder_that_is_not_there(template: Path, command: str, name: str) -> None:
    target = Path("nothere") / name
    # Never a path outside the example's folder: junk must not reach a real file.
    assume(not name.startswith("/") and target.parts[0] == "nothere" and len(target.parts) > 1)
    assume(".." not in target.parts)
    refuse(template, [*command.split(), str(target)])


@FUZZ
@given(
    suffix=st.sampled_from([".txt", ".md", ".html"]),
    text=st.binary(max_size=200),
    bad=st.sampled_from([b"\xff", b"\x00", b"\xc3(", b"\xed\xa0\x80"]),
    at=st.integers(0, 200),
)
def test_import_of_a_file_that_is_not_utf8_text(template: Path, suffix: str, text: bytes, bad: bytes, at: int) -> None:
    content = text[:at] + bad + text[at:]
    refuse(template, ["import", f"junk{suffix}"], files={f"junk{suffix}": content})


def label_lines(draw_line: bytes) -> bool:
    """Whether a line is a label the batch would store (then it is no junk)."""
    try:
        item = json.loads(draw_line.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return False
    return (
        isinstance(item, dict)
        and type(item.get("claim_id")) is int
        and item.get("claim_id") in CLAIM_IDS
        and item.get("status") in STATUS_CHOICES
    )


json_values = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(characters, max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["claim_id", "status", "x"]), inner),
    max_leaves=8,
)


@FUZZ
@given(line=st.one_of(st.binary(min_size=1, max_size=200), json_values.map(lambda v: json.dumps(v).encode())))
def test_label_from_a_line_of_junk(template: Path, line: bytes) -> None:
    line = line.replace(b"\n", b" ")
    # A UTF-8 byte order mark alone is an empty UTF-8 file, which a batch reads as no lines (seen: b"\xef\xbb\xbf").
    assume(line.removeprefix(b"\xef\xbb\xbf").strip() and not label_lines(line))
    refuse(template, ["label", "--reviewer", "r", "--from", "batch.jsonl"], files={"batch.jsonl": line + b"\n"})


def _is_port(text: str) -> bool:
    try:
        return 1 <= int(text) <= 65535
    except ValueError:
        return False


@FUZZ
@given(port=st.one_of(value, st.integers(max_value=0).map(str), st.integers(min_value=65536).map(str)))
def test_serve_on_a_port_that_is_no_port(template: Path, port: str) -> None:
    # A junk string can still be a port (" 5", "+5", "٥": int() reads them); as root, serve would then start.
    assume(not _is_port(port))
    refuse(template, ["serve", "--port", port, "--db", "new.db"])


@FUZZ
@given(address=value)
def test_serve_on_a_public_or_junk_address(template: Path, address: str) -> None:
    assume(not is_loopback(address))
    refuse(template, ["serve", "--address", address, "--db", "new.db"])


# -- the pages -------------------------------------------------------------------------------------------------

PAGES = ["review", "articles", "dashboard", "export", "adjudication", "admin"]
APP = str(Path(__file__).resolve().parents[1] / "workbench" / "app.py")
# What a URL can carry: any text but NUL (a browser sends U+FFFD for bytes that are not UTF-8, never a surrogate).
url_text = st.text(
    st.one_of(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), st.sampled_from("\x1b\u202e")),
    min_size=1,
    max_size=40,
)
query_values = st.one_of(
    url_text,
    st.integers().map(str),
    st.integers(min_value=2**63 - 2, max_value=10**40).map(str),
    st.sampled_from(["²", "١٢", "1e3", "0x10", " 2", "-1", "0", "9" * 5000]),
)
query = st.fixed_dictionaries(
    {},
    optional={
        "claim": query_values,
        "reviewer": query_values,
        "lang": query_values,
        "article": query_values,
        "page": query_values,
    },
)


@pytest.fixture(scope="module")
def page_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database as the app makes it on first start (demo articles), with a label."""
    from workbench.database import open_store

    folder = tmp_path_factory.mktemp("pages")
    with open_store(folder / "workbench.db", demo=True) as store:
        store.save_label(next(store.claims()).id, status="unverified", reviewer="ann")
        # The claims embedded for matching, as a page run would have left them: the Review page fills the
        # embedding queue (derived data), so a first view of a new database writes, whatever the URL says.
        # Filled here, any write the pages make below would come from the junk they are given.
        from workbench.matching import enabled

        if enabled():
            store.fill_embeddings()
    return folder


@pytest.mark.slow
@settings(max_examples=24, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(page=st.sampled_from(PAGES), params=query)
def test_junk_query_parameters_never_crash_a_page(page_template: Path, page: str, params: dict[str, str]) -> None:
    from streamlit.testing.v1 import AppTest

    with workspace(page_template) as folder:
        before = snapshot(folder)
        at = AppTest.from_file(APP, default_timeout=60)
        for key, text in {"reviewer": "ann", **params}.items():
            at.query_params[key] = text
        at.run()
        assert not at.exception, (params, at.exception)
        if page != "review":
            at.switch_page(f"app_pages/{page}.py").run()
            assert not at.exception, (page, params, at.exception)
        assert snapshot(folder) == before, (page, params)


@pytest.mark.parametrize("claim", ["²", "١٢", "9" * 30, "9" * 5000, str(2**63), "-3", "1e3"])
def test_review_page_refuses_a_claim_number_in_words(page_template: Path, claim: str) -> None:
    # `?claim=²` and a huge number crashed the Review page (int('²'), and SQLite's 64-bit integers).
    from streamlit.testing.v1 import AppTest

    with workspace(page_template):
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["reviewer"] = "ann"
        at.query_params["claim"] = claim
        at.run()
        assert not at.exception, at.exception
        assert len(at.error) == 1 and ("does not exist" in at.error[0].value or "claim number" in at.error[0].value)
        assert any("wb-claim" in element.proto.body for element in at.get("html"))  # and the queue goes on
