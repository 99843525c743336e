"""Formats out: CSV wide, the Excel BOM, JSONL that restores exactly, ClaimReview JSON-LD with its required fields."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import make_split
from workbench.exporting import EXPORT_FORMATS, excel_delimiter, export_file, export_text
from workbench.formats.batch import Refused
from workbench.formats.claimreview import REQUIRED, dumps_for_html
from workbench.importing import ImportResult, import_data
from workbench.metadata import ArticleMeta
from workbench.store import Store
from workbench.store.accounts import OPERATOR


@pytest.fixture
def labelled(store: Store, article: int) -> Store:
    """The fixture article with metadata, two reviewers who disagree on one claim and agree on another."""
    store.update_article_metadata(
        article,
        title="Rates",
        outlet="The Daily",
        url="https://daily.example/rates",
        published="2024-03-05",
        language="en",
    )
    bank, prices, _ = [c.id for c in store.claims(article_id=article)]
    store.save_label(bank, status="verified", reviewer="ann", source_url="https://a.example/bank")
    store.save_label(bank, status="disputed", reviewer="bob", source_url="https://b.example/bank", note="=1+1")
    store.save_label(prices, status="unverified", reviewer="ann", note="first look")
    store.save_label(prices, status="disputed", reviewer="ann", source_url="https://a.example/prices")  # history
    store.save_label(prices, status="disputed", reviewer="bob", source_url="https://b.example/prices")
    store.split_segment(store.segments(article)[3].id, len("Nobody "), reviewer="ann")  # a corrected split
    text = "Città più calda\nLa città è più calda del 2023. Il governo non ha agito."
    split = make_split(
        text,
        [
            ("heading", "Città più calda"),
            ("claim", "La città è più calda del 2023."),
            ("claim", "Il governo non ha agito."),
        ],
        language="it",
    )
    store.add_article(split, title="Caldo", meta=ArticleMeta(extra={"section": "ambiente"}))
    return store


def frame(data: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(data.lstrip("\ufeff")), dtype=str, keep_default_na=False)


def test_wide_csv(labelled: Store) -> None:
    wide = frame(export_text(labelled, "csv-wide", viewer=OPERATOR))
    # One row per claim: the current ones, and the one the split in the fixture superseded, marked.
    assert len(wide) == len(list(labelled.claims())) + 1
    assert list(wide.columns[-6:]) == [
        "final_status",
        "final_note",
        "superseded",
        "cluster_id",
        "revision",
        "changed_since_label",
    ]
    assert list(wide[wide["superseded"] != ""]["claim_text"]) == ["Nobody saw it coming."]
    bank = wide.iloc[0]
    assert (bank["ann:status"], bank["bob:status"], bank["bob:note"]) == ("verified", "disputed", "'=1+1")
    assert bank["final_status"] == "" and bank["final_note"] == ""  # no adjudication yet
    only_bob = frame(export_text(labelled, "csv-wide", reviewer="bob", viewer=OPERATOR))
    assert not any(c.startswith("ann:") for c in only_bob.columns) and len(only_bob) == 2


def test_excel_option_adds_a_bom_and_nothing_else(labelled: Store) -> None:
    for fmt in ("csv", "csv-wide"):
        plain, excel = (
            export_text(labelled, fmt, viewer=OPERATOR),
            export_text(labelled, fmt, excel=True, viewer=OPERATOR),
        )
        assert excel == "\ufeff" + plain and not plain.startswith("\ufeff")


def test_long_csv_filters_by_search(labelled: Store) -> None:
    rows = frame(export_text(labelled, "csv", text="citta", viewer=OPERATOR))
    assert list(rows["claim_text"]) == ["La città è più calda del 2023."]
    rows = frame(export_text(labelled, "csv", disagreement=True, viewer=OPERATOR))
    assert list(rows["reviewer"]) == ["ann", "bob"] and set(rows["claim_text"]) == {"The bank raised rates."}


def restore_into(tmp_path: Path, data: str) -> tuple[Store, list]:
    fresh = Store(tmp_path / "fresh.db")
    return fresh, list(import_data(fresh, data.encode(), "export.jsonl"))


def test_jsonl_round_trip_is_exact(labelled: Store, tmp_path: Path) -> None:
    original = export_text(labelled, "jsonl", viewer=OPERATOR)
    assert all(json.loads(line)["claim"]["text"] for line in original.splitlines())
    fresh, results = restore_into(tmp_path, original)
    with fresh:
        assert [type(r) for r in results] == [ImportResult, ImportResult]
        # Same articles, split (kinds and offsets), labels, history and ids: the same export, byte for byte.
        assert export_text(fresh, "jsonl", viewer=OPERATOR) == original
        assert export_text(fresh, "csv", viewer=OPERATOR) == export_text(labelled, "csv", viewer=OPERATOR)
        for article in labelled.articles():
            assert fresh.segments(article.id) == labelled.segments(article.id)
            assert fresh.article_meta(article.id) == labelled.article_meta(article.id)
        claim = next(labelled.claims())
        assert fresh.labels(claim.id, viewer=OPERATOR) == labelled.labels(claim.id, viewer=OPERATOR)
        assert len(fresh.history(claim.id, viewer=OPERATOR)) == len(labelled.history(claim.id, viewer=OPERATOR)) == 2
        again = list(import_data(fresh, original.encode(), "export.jsonl"))  # a second import stores nothing
        assert [r.created for r in again] == [False, False]


@pytest.mark.parametrize(
    "damage, reason",
    [
        (lambda r: r["claim"].update(start=r["claim"]["start"] + 1), "article[start:end]"),  # offsets moved
        (lambda r: r["claim"].update(kind="footnote"), "footnote"),  # a kind we do not know
        (
            lambda r: (
                r["labels"].append({**r["labels"][0], "reviewer": "eve", "source_url": "javascript:x"})
                if r["labels"]
                else None
            ),
            "http",
        ),  # a label breaking the link rule
        (lambda r: r["article"].update(language="klingon") if "text" in r["article"] else None, "klingon"),
    ],
)
def test_damaged_jsonl_is_refused_per_article(labelled: Store, tmp_path: Path, damage, reason: str) -> None:
    records = [json.loads(line) for line in export_text(labelled, "jsonl", viewer=OPERATOR).splitlines()]
    for record in records[:3]:  # the first article only
        damage(record)
    fresh, results = restore_into(tmp_path, "".join(json.dumps(r) + "\n" for r in records))
    with fresh:
        assert isinstance(results[0], Refused) and reason in results[0].reason
        assert isinstance(results[1], ImportResult)  # the other article still comes in
        assert [a.title for a in fresh.articles()] == ["Caldo"]


def test_claimreview_records(labelled: Store) -> None:
    records = json.loads(export_text(labelled, "claimreview", viewer=OPERATOR))
    # "Prices fell 2%." is the only claim whose reviewers agree on a status with a link; "The bank raised
    # rates." has no verdict (they disagree), the others no label.
    assert [r["claimReviewed"] for r in records] == ["Prices fell 2%."]
    for record in records:
        assert all(record.get(key) for key in REQUIRED), record
        assert record["@context"] == "https://schema.org" and record["@type"] == "ClaimReview"
        assert record["reviewRating"]["alternateName"] in {"verified", "unverified", "disputed"}
        assert record["itemReviewed"]["@type"] == "Claim"
        assert record["itemReviewed"]["appearance"]["url"] == "https://daily.example/rates"
        assert record["url"].startswith("https://") and len(record["datePublished"]) == 10
        authors = record["author"] if isinstance(record["author"], list) else [record["author"]]
        assert all(a["@type"] == "Person" and a["name"] for a in authors)


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_every_format_writes_a_file(labelled: Store, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    count = export_file(labelled, out, fmt, viewer=OPERATOR)
    assert count > 0 and out.read_bytes().decode("utf-8") == export_text(labelled, fmt, viewer=OPERATOR)


def test_final_verdict_in_every_format(labelled: Store, tmp_path: Path) -> None:
    bank = next(labelled.claims()).id  # ann and bob disagree on it: no ClaimReview until an editor decides
    labelled.adjudicate(bank, status="disputed", note="the bank held rates", by="(command line)")
    wide = frame(export_text(labelled, "csv-wide", viewer=OPERATOR))
    assert (wide.iloc[0]["final_status"], wide.iloc[0]["final_note"]) == ("disputed", "the bank held rates")
    reviews = json.loads(export_text(labelled, "claimreview", viewer=OPERATOR))
    decided = next(r for r in reviews if r["claimReviewed"] == "The bank raised rates.")
    assert decided["reviewRating"]["alternateName"] == "disputed"
    assert decided["url"] == "https://b.example/bank"  # the link of the label that said disputed
    original = export_text(labelled, "jsonl", viewer=OPERATOR)
    fresh, _ = restore_into(tmp_path, original)
    with fresh:
        assert (
            export_text(fresh, "jsonl", viewer=OPERATOR) == original
            and fresh.verdict(bank, viewer=OPERATOR).note == "the bank held rates"
        )


def test_long_csv_bytes(store: Store, article: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # The exact bytes of the long CSV: header, CRLF, a neutralised note, unlabelled rows, and the
    # editor's verdict in the last two columns (added with adjudication; empty until then).
    monkeypatch.setattr("workbench.store.labels.now", lambda: "2024-03-05T10:00:00.000Z")
    bank = next(store.claims()).id
    store.save_label(bank, status="disputed", reviewer="ann", source_url="https://a.example/x", note='=1+1, "no"')
    store.adjudicate(bank, status="disputed", note="rates held", by="ed")
    # Whole numbers bare, every text quoted (empty ones too), inner quotes doubled.
    header = ",".join(
        f'"{name}"'
        for name in (
            "article_id",
            "article_title",
            "language",
            "claim_id",
            "claim_index",
            "claim_text",
            "start",
            "end",
            "paragraph",
            "status",
            "source_url",
            "note",
            "reviewer",
            "labelled_at",
            "archive_url",
            "link_status",
            "link_checked_at",
            "final_status",
            "final_note",
            "superseded",
            "cluster_id",
            "revision",
            "changed_since_label",
        )
    )
    unlabelled = '"","","","","","","","","","","","",1,0'
    expected = (
        f"{header}\r\n"
        f'{article},"Rates","en",{bank},1,"The bank raised rates.",17,39,0,"disputed","https://a.example/x",'
        '"\'=1+1, ""no""","ann","2024-03-05T10:00:00.000Z","","unchecked","","disputed","rates held","","",1,0\r\n'
        f'{article},"Rates","en",{bank + 1},2,"Prices fell 2%.",40,55,0,{unlabelled}\r\n'
        f'{article},"Rates","en",{bank + 2},3,"Nobody saw it coming.",56,77,0,{unlabelled}\r\n'
    )
    assert export_text(store, "csv", viewer=OPERATOR) == expected
    assert export_text(store, "csv", excel=True, viewer=OPERATOR).encode("utf-8") == b"\xef\xbb\xbf" + expected.encode(
        "utf-8"
    )


# Text a page would misread if a ClaimReview were pasted raw into <script type="application/ld+json">:
# an end tag, a comment opener, entities; built from the characters that matter and a few harmless ones.
_HTML_TEXT = st.text(alphabet=st.sampled_from("<>&/!-script \"'\\éa\u2028"), max_size=40)


@settings(max_examples=200, deadline=None)
@given(records=st.lists(st.dictionaries(st.sampled_from(["claimReviewed", "name", "url"]), _HTML_TEXT), max_size=4))
def test_claimreview_json_is_safe_inside_a_script_element(records: list[dict]) -> None:
    text = dumps_for_html(records)
    assert not {"<", ">", "&"} & set(text)  # nothing that can end or bend the element...
    assert json.loads(text) == records  # ...and the same data once parsed


def test_claimreview_export_escapes_markup(labelled: Store) -> None:
    claim = next(c for c in labelled.claims() if c.text == "Prices fell 2%.")
    labelled.save_label(
        claim.id, status="disputed", reviewer="</script><b>x", source_url="https://b.example/p?a=1&b=</script>"
    )
    text = export_text(labelled, "claimreview", viewer=OPERATOR)
    assert "</script>" not in text and "&" not in text and "\\u003c/script\\u003e" in text
    [record] = json.loads(text)
    assert record["url"] in {
        "https://a.example/prices",
        "https://b.example/prices",
        "https://b.example/p?a=1&b=</script>",
    }
    assert {a["name"] for a in record["author"]} == {"</script><b>x", "ann", "bob"}


@pytest.mark.parametrize("language, delimiter", [("it", ";"), ("pt", ";"), ("en", ",")])
def test_excel_friendly_csv_follows_the_interface_language(labelled: Store, language: str, delimiter: str) -> None:
    # Excel in Italian or Portuguese splits on ";" (their decimal mark is the comma): a "," file opens as one column.
    assert excel_delimiter(language) == delimiter
    for fmt in ("csv", "csv-wide"):
        data = export_text(labelled, fmt, excel=True, delimiter=excel_delimiter(language), viewer=OPERATOR)
        assert data.startswith("\ufeff")
        read = pd.read_csv(io.StringIO(data.lstrip("\ufeff")), sep=delimiter, dtype=str, keep_default_na=False)
        assert read.equals(frame(export_text(labelled, fmt, viewer=OPERATOR)))  # the same table as the comma file


def test_export_delimiter_option(capsys: pytest.CaptureFixture[str], labelled: Store, tmp_path: Path) -> None:
    from workbench.cli import main

    for name, char in ((";", ";"), ("tab", "\t"), (",", ",")):
        out = tmp_path / f"out-{name}.csv"
        assert main(["export", "--delimiter", name, "--excel", "-o", str(out)]) == 0
        data = out.read_bytes().decode("utf-8")
        assert data.startswith("\ufeff") and data.splitlines()[0].split(char)[:2] == [
            '\ufeff"article_id"',
            '"article_title"',
        ]
        assert data.lstrip("\ufeff") == export_text(labelled, "csv", delimiter=name, viewer=OPERATOR)
    with pytest.raises(SystemExit) as usage:
        main(["export", "--delimiter", "|"])
    assert usage.value.code == 2 and "invalid choice" in capsys.readouterr().err
