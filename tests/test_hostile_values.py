"""Every page under AppTest with hostile values in every column the pages read: none is rendered as markup.

Issue 11: restored rows reach pages as they are ("Saved … at …" loaded an image from an address in a file
and applied :red[]). Each value is written straight into the database file, as a restore or another program
could, so no validation on the way in can hide a page that renders a value as markdown or HTML.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from google.protobuf.message import Message
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from tests.conftest import connect_raw
from workbench.database import open_store

APP = str(Path(__file__).resolve().parents[1] / "workbench" / "app.py")

# One value holding every kind of markup a page could fall for: markdown links and images, Streamlit's
# colour directive, raw HTML, the end of a script element, a heading, emphasis, bare URLs and e-mail
# addresses (GFM links them), a bell control character and a right-to-left override.
HOSTILE = (
    "[lnk](https://evil.example/a) ![img](https://evil.example/i.png) :red[RED] <b>bold</b> "
    "</script><script>alert(1)</script> **strong** www.evil.example me@evil.example \x07bell \u202eevil\u202c"
)
# Markup the hostile value turns into when a renderer takes it as markdown or HTML.
RENDERED = (
    re.compile(r'<a href="https://evil'),
    re.compile(r'<img src="https://evil'),
    re.compile(r"<script>alert"),
    re.compile(r"<b>bold"),
    re.compile(r"<strong>strong"),
)
RAW_IN_HTML = ("<b>bold", "<script>alert", "</script><script>")
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
# Elements whose text Streamlit renders as markdown (a label, a message, a caption, a tab, an option).
MARKDOWN_FIELDS = {"body", "label", "text", "title", "value", "help", "options", "placeholder", "description"}
MARKDOWN = MarkdownIt("commonmark", {"html": True})
# Texts Streamlit shows as typed, not as markdown: drop-down options, and a field's value (the reviewer's own
# stored note or link, shown for editing: changing it there would change what a save stores).
PLAIN = {("Selectbox", "options"), ("MultiSelect", "options"), ("Selectbox", "default"), ("Metric", "body")}
EDITABLE = {("TextInput", "default"), ("TextArea", "default")}


def hostile(tag: str) -> str:
    return f"{HOSTILE} {tag}"


def poison(path: Path) -> int:
    """Hostile values in every column a page shows; returns the claim they sit on."""
    open_store(path, demo=True).close()  # the demo articles, as the app would add them
    conn = connect_raw(path)
    try:
        claim, article = conn.execute("SELECT id, article_id FROM segments WHERE kind = 'claim' ORDER BY id").fetchone()
        conn.execute(
            "UPDATE articles SET title = ?, language = ?, source_name = ?, url = ?, outlet = ?, author = ?,"
            " published = ? WHERE id = ?",
            (
                hostile("title"),
                hostile("lang"),
                hostile("src"),
                hostile("url"),
                hostile("outlet"),
                hostile("author"),
                hostile("published"),
                article,
            ),
        )
        for number, (reviewer, status) in enumerate(
            (("ann", "verified"), (hostile("r1"), "disputed"), (hostile("r2"), "unverified"))
        ):
            conn.execute(
                "INSERT INTO labels (segment_id, reviewer, status, source_url, note, created_at, updated_at, version)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
                (
                    claim,
                    reviewer,
                    status,
                    hostile(f"url{number}"),
                    hostile(f"note{number}"),
                    hostile("created"),
                    hostile(f"updated{number}"),
                ),
            )
            conn.execute(
                "INSERT INTO label_events (segment_id, reviewer, old_status, old_source_url, old_note, new_status,"
                " new_source_url, new_note, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    claim,
                    reviewer,
                    hostile("old"),
                    hostile("old url"),
                    hostile("old note"),
                    status,
                    hostile("new url"),
                    hostile("new note"),
                    hostile(f"event at {number}"),
                ),
            )
        conn.execute(
            "INSERT INTO verdicts (segment_id, status, note, by, at) VALUES (?, 'disputed', ?, ?, ?)",
            (claim, hostile("verdict note"), hostile("editor"), hostile("verdict at")),
        )
        conn.execute(
            "INSERT INTO events (at, actor, action, subject, details) VALUES (?, ?, ?, ?, ?)",
            (
                hostile("event at"),
                hostile("actor"),
                hostile("action"),
                f"claim:{claim}",
                '{"status": "'
                + hostile("detail")
                .replace("\\", "")
                .replace('"', "'")
                .replace("\x07", " ")
                .replace("\u202e", " ")
                .replace("\u202c", " ")
                + '"}',
            ),
        )
        conn.execute(
            "INSERT INTO segment_events (article_id, action, reviewer, before, after, at) VALUES (?, ?, ?, '[]', ?, ?)",
            (article, "split", hostile("fixer"), f'[{{"id": {claim}}}]', hostile("fixed at")),
        )
        conn.commit()
    finally:
        conn.close()
    return claim


def accounts_on(path: Path) -> None:
    """Accounts turned on, with a hostile e-mail and creation time beside ann, the admin."""
    conn = connect_raw(path)
    try:
        conn.execute("INSERT INTO accounts (email, role, created_at) VALUES ('ann', 'admin', ?)", (hostile("added"),))
        conn.execute(
            "INSERT INTO accounts (email, role, created_at) VALUES (?, 'editor', ?)",
            (hostile("mail"), hostile("added2")),
        )
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('accounts_enforced', 'yes')"
            " ON CONFLICT (key) DO UPDATE SET value = 'yes'"
        )
        conn.commit()
    finally:
        conn.close()


def strings(message: Message, field: str = "") -> list[tuple[str, str]]:
    """Every (field name, text) in a protobuf element, nested messages and repeated fields included."""
    found = []
    for descriptor, value in message.ListFields():
        values = value if isinstance(value, (list, tuple)) or hasattr(value, "extend") else [value]
        for item in values:
            if isinstance(item, Message):
                found += strings(item, descriptor.name)
            elif isinstance(item, str):
                found.append((descriptor.name, item))
    return found


def offences(at: AppTest) -> list[str]:
    found: list[str] = []

    def visit(node) -> None:
        proto = getattr(node, "proto", None)
        if isinstance(proto, Message):
            kind = type(proto).__name__
            for name, text in strings(proto):
                if (kind, name) in EDITABLE or name == "id":
                    continue
                if INVISIBLE.search(text):
                    found.append(f"{kind}.{name} holds a control or bidi character: {text[:120]!r}")
                if kind == "Html":
                    found.extend(f"Html.{name} holds raw {raw!r}" for raw in RAW_IN_HTML if raw in text)
                    continue
                if name not in MARKDOWN_FIELDS or (kind, name) in PLAIN:
                    continue
                html = MARKDOWN.render(text)
                found.extend(f"{kind}.{name} renders {p.pattern!r}: {text[:120]!r}" for p in RENDERED if p.search(html))
                if re.search(r"(?<!\\):red(?<!\\)\[", text):
                    found.append(f"{kind}.{name} keeps :red[ as a directive: {text[:120]!r}")
                if "https://evil" in text or "www\\.evil" in text or "@evil" in text:
                    found.append(f"{kind}.{name} holds a bare URL GFM would link: {text[:120]!r}")
        for child in getattr(node, "children", {}).values():
            visit(child)

    visit(at._tree)
    for frame in at.dataframe:
        # str() per cell: under pandas 3, astype(str) keeps a missing cell (an empty cluster_id) as NaN.
        cells = [str(c) for c in frame.value.to_numpy().ravel().tolist()]
        found += [f"dataframe cell holds a control or bidi character: {c[:80]!r}" for c in cells if INVISIBLE.search(c)]
    return found


def run_page(page: str, lang: str = "en", **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["reviewer"] = "ann"
    at.query_params["lang"] = lang
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page != "review":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["en", "it"])
@pytest.mark.parametrize("page", ["review", "adjudication", "dashboard", "export", "articles", "admin"])
def test_no_database_value_is_rendered_as_markup(db_path: Path, page: str, lang: str) -> None:
    claim = poison(db_path)
    accounts_on(db_path)
    at = run_page(page, lang, claim=str(claim)) if page == "review" else run_page(page, lang)
    if page == "review":  # the panels that show other reviewers, the verdict and the history
        assert any("wb-claim" in e.proto.body for e in at.get("html"))
        at.toggle(key="show-history").set_value(True).run()
        assert len(at.dataframe) >= 1
    if page == "articles":  # the segments table and the metadata form of the poisoned article
        at.selectbox(key="segments-article").select(at.selectbox(key="segments-article").options[0]).run()
    found = offences(at)
    assert not found, "\n".join(found)


def test_the_check_catches_a_value_rendered_as_markdown() -> None:
    """The scan itself: a page that put a stored value into st.success unescaped would be caught."""
    script = AppTest.from_string(f"import streamlit as st\nst.success({HOSTILE!r})\nst.caption('x')")
    script.run()
    found = offences(script)
    assert any("renders" in line for line in found) and any(":red[" in line for line in found), found
    assert any("control or bidi" in line for line in found)
