"""Import: what is accepted as it is, what is refused with where and why, and stored once."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.errors import InvalidInput
from workbench.exporting import export_text
from workbench.importing import decode_article, import_bytes, import_data, prepare, safe_source_name
from workbench.store import Store
from workbench.store.accounts import OPERATOR

GOOD = "Budget approved\n\nThe council approved the budget on Monday. It grows by 2,5%.\n"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),  # nothing to review
        (b"  \n\t\n ", "empty"),  # whitespace only
        ("caf\xe9".encode("latin-1"), "byte 3"),  # Latin-1 / cp1252: say the byte offset
        ("\u201cquoted\u201d".encode("cp1252"), "byte 0"),  # cp1252 smart quotes
        ("hello".encode("utf-16"), "UTF-16"),  # a BOM-marked UTF-16 file
        (b"abc\x00def", "NUL byte at byte 3"),  # binary junk
        (b"\x89PNG\r\n\x1a\n....", "PNG"),  # an image renamed .txt
        (b"\xed\xa0\x80 lone surrogate", "not valid UTF-8"),  # a surrogate encoded in UTF-8 is invalid
        (("x" * 100_001).encode(), "100,000"),  # one absurdly long line
    ],
)
def test_refused(data: bytes, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        prepare(decode_article(data, "upload.txt"))


@pytest.mark.parametrize(
    "text",
    [
        "\ufeff" + GOOD,  # UTF-8 with BOM: the BOM is dropped
        GOOD.replace("\n", "\r\n"),  # Windows line ends
        GOOD.replace("\n", "\r"),  # old Mac line ends
    ],
)
def test_accepted_after_normalising(text: str) -> None:
    prepared = prepare(decode_article(text.encode("utf-8")))
    assert prepared.split.text == GOOD
    assert [s.text for s in prepared.split.claims] == [
        "The council approved the budget on Monday.",
        "It grows by 2,5%.",
    ]


def test_exotic_text_is_stored_exactly(store: Store) -> None:
    text = "Emoji 👍🏽 and CJK 中文 said the mayor. مرحبا بالعالم a\u200bb e\u0301 twice.\n"
    result = import_bytes(store, text.encode(), "exotic.txt", language="en")
    assert store.article(result.article_id).text == text


def test_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_MAX_UPLOAD_MB", "1")
    with pytest.raises(InvalidInput, match="limit is 1 MB"):
        decode_article(b"a. " * 400_000, "big.txt")


def test_claim_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_MAX_CLAIMS", "3")
    with pytest.raises(InvalidInput, match="limit is 3"):
        prepare("One. Two. Three. Four. Five.", language="en")


@pytest.mark.parametrize(
    "name, shown",
    [
        ("../../etc/passwd", "passwd"),  # never a path: only the last part is kept, for display
        ("C:\\Users\\x\\article.txt", "article.txt"),  # Windows paths too
        ("a" * 300 + ".txt", "a" * 200),  # bounded
        ("bad\x1b[31mname.txt", "bad[31mname.txt"),  # no terminal escapes
    ],
)
def test_source_names_are_for_display_only(name: str, shown: str) -> None:
    assert safe_source_name(name) == shown


def test_same_text_twice_is_stored_once(store: Store) -> None:
    first = import_bytes(store, GOOD.encode(), "a.txt")
    again = import_bytes(store, GOOD.replace("\n", "\r\n").encode(), "b.txt")
    assert first.created and not again.created and again.article_id == first.article_id
    assert len(store.articles()) == 1


def test_title_defaults_to_leading_heading() -> None:
    assert prepare(GOOD).title == "Budget approved"
    # A file name is often a code (000_8b8689c0ad63b8e0): the text's first sentence comes before it.
    assert prepare("Just one sentence here.", source_name="notes/report.txt").title == "Just one sentence here."


def test_a_batch_title_loses_its_control_characters(store: Store) -> None:
    # JSON can carry any character; a NUL in a title would also have cut its cell short in the CSV export.
    row = b'{"text": "La citta e calda. Il governo non ha agito.", "title": "Caldo\\u0000 record\\u0007\\tin citta"}\n'
    [result] = list(import_data(store, row, "rows.jsonl"))
    assert result.title == "Caldo record in citta"
    assert store.articles()[0].title == "Caldo record in citta"
    assert '"Caldo record in citta"' in export_text(store, "csv", viewer=OPERATOR)


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        # The first line reads as a heading (short, no full stop) although the splitter took it for a claim.
        (
            "Council approves the new budget\nThe council approved the budget on Monday. It passed.",
            "000_8b8.txt",
            "Council approves the new budget",
        ),
        # No heading: the first sentence, cut at a word with an ellipsis, never mid-word.
        (
            "The regional council approved on Monday a budget that raises spending on hospitals and schools by "
            "four percent. It passed.",
            "000_8b8.txt",
            "The regional council approved on Monday a budget that raises spending on…",
        ),
    ],
)
def test_titles_come_from_the_text_before_the_file_name(text: str, name: str, title: str) -> None:
    assert prepare(text, source_name=name).title == title


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=12), min_size=15, max_size=40))
def test_a_guessed_title_is_never_cut_inside_a_word(words: list[str]) -> None:
    text = " ".join(words) + ". Second sentence here."
    title = prepare(text, language="en").title
    assert len(title) <= 80
    kept = title.removesuffix("…").split()
    assert kept and kept == text.split()[: len(kept)], (title, text)  # whole words of the text, from its start
