"""The interface's texts: every one in the catalogue, in English, Italian and Portuguese, and the switch works."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.testing.v1 import AppTest

from workbench.exporting import EXPORT_FORMATS
from workbench.messages import LANGUAGES, MESSAGES
from workbench.metadata import METADATA_LANGUAGES
from workbench.models import SUPPORTED_LANGUAGES, Role, SegmentKind, Status

PACKAGE = Path(__file__).resolve().parents[1] / "workbench"
UI_FILES = sorted([PACKAGE / "app.py", *(PACKAGE / "ui").glob("*.py"), *(PACKAGE / "app_pages").glob("*.py")])
APP = str(PACKAGE / "app.py")

# st.x(...), st.sidebar.x(...), column.x(...), st.column_config.x(...): what a Streamlit call is named.
STREAMLIT_CALLS = {
    name for name in (*dir(st), *dir(DeltaGenerator), *dir(st.column_config)) if not name.startswith("_")
}
# Arguments of a Streamlit call that people read; a literal string there bypasses the catalogue.
TEXT_KEYWORDS = {
    "label",
    "help",
    "placeholder",
    "body",
    "text",
    "title",
    "page_title",
    "caption",
    "display_text",
    "value_label",
    "show_spinner",
}
# Calls whose first argument is not text a person reads.
NOT_TEXT_FIRST = {
    "html",
    "Page",
    "query_params",
    "set_page_config",
    "page_link",
    "switch_page",
    "form",
    "dataframe",
    "bar_chart",
    "cache_data",
    "columns",
    "tabs",
    "context",
}
# Literals that are not words: icons, URL placeholders, date patterns, column names of tables.
ALLOWED_LITERALS = {"https://…", "YYYY-MM-DD", "open", "ignore"}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_in_every_language_with_the_same_placeholders(key: str) -> None:
    texts = MESSAGES[key]
    assert set(texts) == set(LANGUAGES), key
    assert all(texts[lang].strip() for lang in LANGUAGES), key
    assert {lang: _fields(texts[lang]) for lang in LANGUAGES} == {lang: _fields(texts["en"]) for lang in LANGUAGES}


def test_every_status_kind_role_format_and_language_has_a_name() -> None:
    for value in [*(s.value for s in Status), "unlabelled"]:
        assert f"status.{value}" in MESSAGES
    for kind in SegmentKind:
        assert f"kind.{kind.value}" in MESSAGES
    for role in Role:
        assert f"role.{role.value}" in MESSAGES
    for fmt in EXPORT_FORMATS:
        assert f"format.{fmt}" in MESSAGES
    for code in (*SUPPORTED_LANGUAGES, *METADATA_LANGUAGES):
        assert f"lang.{code}" in MESSAGES, code


def _is_streamlit_call(call: ast.Call) -> bool:
    return isinstance(call.func, ast.Attribute) and call.func.attr in STREAMLIT_CALLS


def _results(node: ast.AST) -> list[ast.AST]:
    """What a label function returns: both branches of `a if cond else b`, never the condition."""
    return _results(node.body) + _results(node.orelse) if isinstance(node, ast.IfExp) else [node]


def _literal_text(node: ast.AST) -> str | None:
    """A string literal, or an f-string's literal parts, that reads as words."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    elif isinstance(node, ast.BinOp):
        return _literal_text(node.left) or _literal_text(node.right)
    else:
        return None
    if text in ALLOWED_LITERALS or not any(ch.isalpha() for ch in text):
        return None
    return text


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Name) and node.func.id == "t":
            key = node.args[0]
            if path.name == "i18n.py" and isinstance(key, ast.JoinedStr):
                continue  # status_name, kind_name...: checked by test_every_status_kind_role_format_and_language_has_a_name
            if path.name == "db.py" and ast.unparse(key) == "exc.key":
                continue  # a domain error's own id: checked by test_every_error_the_domain_names_is_in_the_catalogue
            if path.name == "i18n.py" and node.args and ast.unparse(key).startswith("singular if"):
                continue  # tn(): its key is checked where tn is called, and .one forms by test_counts_have_plurals
            if path.name == "history.py" and ast.unparse(key) == "key":
                continue  # history.<action>: checked by test_every_history_action_has_a_name
            if not (isinstance(key, ast.Constant) and key.value in MESSAGES):
                found.append(f"{path.name}:{node.lineno}: t() of {ast.unparse(key)} is not in the catalogue")
            continue
        if isinstance(node.func, ast.Name) and node.func.id == "tn":
            key = node.args[0]
            if not (isinstance(key, ast.Constant) and key.value in MESSAGES):
                found.append(f"{path.name}:{node.lineno}: tn() of {ast.unparse(key)} is not in the catalogue")
            continue
        if not _is_streamlit_call(node):
            continue
        name = node.func.attr
        candidates = [] if name in NOT_TEXT_FIRST or not node.args else [node.args[0]]
        candidates += [k.value for k in node.keywords if k.arg in TEXT_KEYWORDS]
        # format_func=labels(options, lambda ...: "All articles" ...): literal words in a label function
        for k in node.keywords:
            if k.arg == "format_func":
                candidates += [r for f in ast.walk(k.value) if isinstance(f, ast.Lambda) for r in _results(f.body)]
        for candidate in candidates:
            text = _literal_text(candidate)
            if text is not None:
                found.append(f"{path.name}:{node.lineno}: {name}() shows {text!r}, not a catalogue text")
    return found


def test_the_interface_takes_every_text_from_the_catalogue() -> None:
    offences = [line for path in UI_FILES for line in _offences(path)]
    assert not offences, "\n".join(offences)


def domain_error_calls() -> list[tuple[str, ast.Call]]:
    """Every `SomeError.of("key", ...)` outside the interface, with its file."""
    domain = [path for path in PACKAGE.rglob("*.py") if path not in UI_FILES]
    return [
        (path.name, node)
        for path in domain
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "of"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id.endswith(("Error", "Input", "Label"))
    ]


def test_every_error_the_domain_names_is_in_the_catalogue_with_its_values() -> None:
    calls = domain_error_calls()
    assert len(calls) >= 13  # the label rules at least
    for name, call in calls:
        key = call.args[0]
        assert isinstance(key, ast.Constant) and key.value in MESSAGES, f"{name}:{call.lineno}"
        assert {k.arg for k in call.keywords} == _fields(MESSAGES[key.value]["en"]), f"{name}:{call.lineno}"


def test_the_scan_catches_a_literal() -> None:
    sample = PACKAGE.parent / "tests" / "_i18n_sample.py"
    sample.write_text(
        'import streamlit as st\nleft = st\nst.button("Save")\nleft.caption(f"{1} rows")\n'
        'st.selectbox("x", [None], format_func=labels([None], lambda c: "Any" if c is None else c))\n'
        't("no.such.key")\n',
        encoding="utf-8",
    )
    try:
        assert len(_offences(sample)) == 5
    finally:
        sample.unlink()


@pytest.mark.parametrize(
    ("lang", "buttons", "next_label"),
    [
        ("it", {"Verificato", "Non verificato", "Contestato"}, "Successiva →"),
        ("pt", {"Verificado", "Não verificado", "Contestado"}, "Seguinte →"),
        ("en", {"Verified", "Unverified", "Disputed"}, "Next →"),
    ],
)
def test_the_review_page_speaks_the_chosen_language(db_path, lang: str, buttons: set[str], next_label: str) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["reviewer"] = "ann"
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    labels = {b.label for b in at.button}
    assert buttons <= labels and next_label in labels, labels
    assert at.sidebar.selectbox(key="ui-language").value == lang


def test_switching_language_in_the_sidebar_translates_the_page_and_the_url(db_path) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["reviewer"] = "ann"
    at.run()
    assert "Verified" in {b.label for b in at.button}
    at.sidebar.selectbox(key="ui-language").select("it").run()
    assert not at.exception, at.exception
    assert "Verificato" in {b.label for b in at.button}
    assert at.query_params["lang"] == "it"
    at.sidebar.selectbox(key="ui-language").select("pt").run()
    assert "Verificado" in {b.label for b in at.button}
    assert at.query_params["lang"] == "pt"


@pytest.mark.parametrize("lang", ["it", "pt"])
@pytest.mark.parametrize("page", ["articles", "dashboard", "export", "adjudication", "admin"])
def test_every_page_runs_in_each_language(db_path, page: str, lang: str) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["reviewer"] = "ann"
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    assert at.title[0].value == MESSAGES[f"page.{page}"][lang]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("it", "per «contestato» serve un link alla fonte"),
        ("pt", "«contestado» exige uma ligação para a fonte"),
        ("en", "a source link is required for disputed"),
    ],
)
def test_a_refused_label_is_explained_in_the_chosen_language(db_path, lang: str, expected: str) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["reviewer"] = "ann"
    at.query_params["lang"] = lang
    at.run()
    claim = at.query_params["claim"]
    at.button(key=f"label-disputed-{claim}").click().run()
    assert expected in at.error[0].value, at.error[0].value


@pytest.mark.parametrize(
    ("lang", "single", "batch"),
    [
        ("it", "UTF-8 non valido al byte 3 (0xe9)", "il file contiene un byte NUL al byte 5"),
        ("pt", "UTF-8 inválido no byte 3 (0xe9)", "o ficheiro contém um byte NUL no byte 5"),
    ],
)
def test_a_refused_upload_is_explained_in_the_chosen_language(db_path, lang: str, single: str, batch: str) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["reviewer"] = "ann"
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("app_pages/articles.py").run()
    uploader = at.file_uploader(key="upload-files")
    uploader.upload("bad.txt", "caf\xe9 latin-1".encode("latin-1"), "text/plain")
    uploader.upload("rows.csv", b"text\n\x00\x00\x00\x00\x00\n", "text/csv").run()
    errors = [e.value for e in at.error]
    assert any(single in e and e.startswith("bad\\.txt") for e in errors), errors
    # A batch's refusal names its file once, in front, and gives the reason in the chosen language.
    assert any(batch in e and e.count("rows") == 1 for e in errors), errors


# "{count} claims" read "1 claims": a number directly before a plural noun needs a singular form.
COUNTED = re.compile(r"\{count\} (\w+s)\b")


def counted_keys() -> list[str]:
    return sorted(k for k, texts in MESSAGES.items() if COUNTED.search(texts["en"]) and not k.startswith("err."))


def test_counts_have_plurals() -> None:
    """Every "{count} things" message has a ".one" form, and the interface asks for it through tn(), never t()."""
    keys = counted_keys()
    assert "find.count" in keys  # the scan finds the message that showed "1 claims"
    assert [k for k in keys if f"{k}.one" not in MESSAGES] == []
    called_with_t = []
    for path in UI_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t":
                key = node.args[0]
                if isinstance(key, ast.Constant) and key.value in keys:
                    called_with_t.append(f"{path.name}:{node.lineno}: t({key.value!r}) ignores the count; use tn()")
    assert not called_with_t, "\n".join(called_with_t)


def test_every_history_action_has_a_name() -> None:
    """Each action claim_history can report, in every language (History showed "label" and
    "split correction: split" in English on Italian and Portuguese pages)."""
    import sqlite3

    from workbench.migrations import migrate  # the CHECK on segment_events lists every correction

    conn = sqlite3.connect(":memory:")
    migrate(conn)
    schema = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'segment_events'").fetchone()[0]
    corrections = re.search(r"action IN \(([^)]*)\)", schema).group(1)
    actions = [a.strip(" '") for a in corrections.split(",")]
    assert actions
    for action in actions:
        assert f"history.correction.{action}" in MESSAGES, action
    for what in ("label", "undo", "verdict"):
        assert f"history.{what}" in MESSAGES, what


@pytest.mark.parametrize(
    ("lang", "english"),
    [
        ("it", {"label", "split correction: split", "at", "who", "what", "detail", "unverified"}),
        ("pt", {"label", "split correction: split", "at", "who", "what", "detail", "unverified"}),
    ],
)
def test_history_speaks_the_chosen_language(db_path, lang: str, english: set[str]) -> None:
    from workbench.database import open_store

    with open_store(demo=True) as store:
        claim = next(store.claims())
        store.save_label(claim.id, status="unverified", reviewer="ann")
        first = store.split_segment(claim.id, claim.text.index(" ") + 1, reviewer="ann")[0]
        store.save_label(first.id, status="unverified", reviewer="ann")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["reviewer"] = "ann"
    at.query_params["lang"] = lang
    at.query_params["claim"] = str(first.id)
    at.run()
    assert not at.exception, at.exception
    at.toggle(key="show-history").set_value(True).run()
    table = at.dataframe[0].value
    shown = set(table.columns) | {str(v) for v in table.to_numpy().ravel()}
    assert not shown & english, shown & english
    assert MESSAGES["history.label"][lang] in shown
    assert MESSAGES["history.correction.split"][lang] in shown
