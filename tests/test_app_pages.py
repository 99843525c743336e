"""Each page under AppTest against a real database file (no browser: the e2e tests do that)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from workbench.database import open_store
from workbench.store import Store
from workbench.store.accounts import OPERATOR

APP = str(Path(__file__).resolve().parents[1] / "workbench" / "app.py")


def app(page: str | None = None, **query: str) -> AppTest:
    if page:
        query.setdefault("reviewer", "ann")  # every page is behind the name gate
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def html_bodies(at: AppTest) -> list[str]:
    return [element.proto.body for element in at.get("html")]


def source_input(at: AppTest):
    return next(t for t in at.text_input if str(t.key).startswith("source-"))


def note_input(at: AppTest):
    return next(t for t in at.text_area if str(t.key).startswith("note-"))


def first_claim(db_path: Path) -> int:
    with Store(db_path) as store:
        return next(store.claims()).id


def test_review_asks_for_a_name_first(db_path: Path) -> None:
    at = app()
    assert "Enter your name" in at.info[0].value
    assert not any("wb-claim" in body for body in html_bodies(at))


def test_review_shows_first_claim_in_its_paragraph(db_path: Path) -> None:
    at = app(reviewer="ann")
    claim = first_claim(db_path)
    assert at.query_params["claim"] == str(claim)
    paragraph = next(body for body in html_bodies(at) if "wb-paragraph" in body)
    with Store(db_path) as store:
        assert f">{store.claim(claim).text}</mark>" in paragraph.replace("&#x27;", "'")


def test_labelling_saves_and_moves_on(db_path: Path) -> None:
    at = app(reviewer="ann")
    claim = first_claim(db_path)
    source_input(at).input("https://example.org/evidence")
    note_input(at).input("matches the council minutes")
    at.button(key=f"label-verified-{claim}").click().run()
    assert not at.error, [e.value for e in at.error]
    with Store(db_path) as store:
        label = store.label(claim, "ann", viewer=OPERATOR)
        assert (label.status.value, label.source_url, label.note) == (
            "verified",
            "https://example.org/evidence",
            "matches the council minutes",
        )
        assert at.query_params["claim"] == str(store.next_unlabelled("ann").id)
    assert "Saved claim" in at.toast[0].value


def test_refused_label_keeps_input_and_stores_nothing(db_path: Path) -> None:
    at = app(reviewer="ann")
    claim = first_claim(db_path)
    note_input(at).input("my careful note")
    at.button(key=f"label-disputed-{claim}").click().run()
    assert "source link is required" in at.error[0].value
    assert note_input(at).value == "my careful note"
    assert at.query_params["claim"] == str(claim)
    with Store(db_path) as store:
        assert store.labels(claim, viewer=OPERATOR) == []


def test_a_refused_link_is_shown_as_text_not_markdown(db_path: Path) -> None:
    # The refusal quotes the reviewer's input back; st.error renders markdown, so unescaped this became a link.
    at = app(reviewer="ann")
    claim = first_claim(db_path)
    source_input(at).input("[click](https://evil.example/x)")
    at.button(key=f"label-disputed-{claim}").click().run()
    shown = at.error[0].value
    assert "did you mean https://" in shown and "evil" in shown
    assert "[click](" not in shown and "\\[click\\]\\(" in shown
    with Store(db_path) as store:
        assert store.labels(claim, viewer=OPERATOR) == []


def test_deep_link_shows_saved_label(db_path: Path) -> None:
    with open_store(demo=True) as store:
        claim = list(store.claims())[4].id
        store.save_label(claim, status="unverified", reviewer="ann", note="no record found")
    at = app(reviewer="ann", claim=str(claim))
    assert at.query_params["claim"] == str(claim)
    assert "Saved: **unverified**" in at.success[0].value
    assert note_input(at).value == "no record found"


@pytest.mark.parametrize(
    "wanted, message",
    [
        ("abc", "must be a claim number"),  # garbage in the URL
        ("999999", "does not exist"),  # a claim that isn't there
    ],
)
def test_bad_deep_links_say_why(db_path: Path, wanted: str, message: str) -> None:
    at = app(reviewer="ann", claim=wanted)
    assert message in at.error[0].value
    assert any("wb-claim" in body for body in html_bodies(at))  # and the queue goes on


def test_articles_paste_preview_and_save(db_path: Path) -> None:
    at = app("articles")
    at.text_area(key="paste-text").input(
        "Council budget\n\nThe council approved a budget of 3 million. Critics say it is too small."
    ).run()
    table = next(body for body in html_bodies(at) if "wb-segments" in body)
    # Whole texts, in order with their kinds (the split preview once cut sentences at the column edge).
    assert re.findall(r"<td[^>]*>(heading|claim)</td>", table) == ["heading", "claim", "claim"]
    assert "The council approved a budget of 3 million.</td>" in table
    assert "detected: English" in at.selectbox(key="paste-language").format_func("auto")
    at.button(key="paste-save").click().run()
    assert "Imported" in at.success[0].value
    with Store(db_path) as store:
        assert store.articles()[-1].title == "Council budget"
        assert store.articles()[-1].claims == 2


def test_articles_upload_reports_each_file(db_path: Path) -> None:
    at = app("articles")
    uploader = at.file_uploader(key="upload-files")
    uploader.upload(
        "good.txt", b"Ein Titel\n\nDer Rat hat am 5. November entschieden. Das Budget steigt.", "text/plain"
    )
    uploader.upload("bad.txt", "caf\xe9 latin-1".encode("latin-1"), "text/plain").run()
    assert any("byte 3" in e.value for e in at.error)  # the refused file says where
    at.button(key="upload-save").click().run()
    assert any(s.value.startswith("Imported good") for s in at.success)
    with Store(db_path) as store:
        assert [a.language for a in store.articles()][-1] == "de"


def test_articles_list_shows_progress(db_path: Path) -> None:
    at = app("articles")
    texts = [p.text for p in at.get("progress")] if at.get("progress") else []
    assert any("0 of 6 claims labelled" in str(p.proto.text) for p in at.get("progress")), texts


def test_export_preview_and_filters(db_path: Path) -> None:
    with open_store(demo=True) as store:
        claim = next(store.claims()).id
        store.save_label(claim, status="disputed", reviewer="ann", source_url="https://example.org/x")
    at = app("export")
    frame = at.dataframe[0].value
    assert len(frame) == 17 and set(frame["status"]) == {"disputed", ""}
    at.selectbox(key="export-status").select("disputed").run()
    assert at.dataframe[0].value["claim_id"].tolist() == [claim]


def test_hostile_title_is_escaped(db_path: Path) -> None:
    at = app("articles")
    at.text_input(key="paste-title").input("<img src=x onerror=alert(1)> [x](javascript:alert(1))")
    at.text_area(key="paste-text").input("The mayor said <script>alert(1)</script> twice. It rained.").run()
    at.button(key="paste-save").click().run()
    with Store(db_path) as store:
        hostile = next(store.claims(article_id=store.articles()[-1].id)).id
    at = app(reviewer="ann", claim=str(hostile))
    # Only the elements that carry article text; our own keyboard script is not article text.
    bodies = " ".join(b for b in html_bodies(at) if "wb-title" in b or "wb-paragraph" in b)
    assert "<script>" not in bodies and "<img" not in bodies
    assert "&lt;img src=x onerror=alert(1)&gt;" in bodies or "&lt;script&gt;" in bodies


def test_two_tabs_never_overwrite_silently(db_path: Path) -> None:
    tab = app(reviewer="ann")
    claim = first_claim(db_path)
    # The other tab saves first.
    with Store(db_path) as store:
        store.save_label(claim, status="disputed", reviewer="ann", source_url="https://other.example/tab")
    source_input(tab).input("https://example.org/mine")
    tab.button(key=f"label-verified-{claim}").click().run()
    assert "changed in another tab" in tab.warning[0].value
    with Store(db_path) as store:
        assert store.label(claim, "ann", viewer=OPERATOR).status.value == "disputed"  # nothing overwritten yet
    tab.button(key="conflict-overwrite").click().run()
    with Store(db_path) as store:
        label = store.label(claim, "ann", viewer=OPERATOR)
        assert (label.status.value, label.source_url) == ("verified", "https://example.org/mine")
        assert [h["new_status"] for h in store.history(claim, viewer=OPERATOR)] == ["disputed", "verified"]


def test_look_alike_host_is_stored_as_punycode_with_a_warning(db_path: Path) -> None:
    at = app(reviewer="ann")
    claim = first_claim(db_path)
    source_input(at).input("https://ex\u0430mple.com/report")  # Cyrillic а
    at.button(key=f"label-verified-{claim}").click().run()
    assert "xn--exmple-4nf.com" in at.warning[0].value.replace("\\", "")  # markdown-escaped
    with Store(db_path) as store:
        assert store.label(claim, "ann", viewer=OPERATOR).source_url == "https://xn--exmple-4nf.com/report"


def test_fix_the_split_from_the_review_page(db_path: Path) -> None:
    at = app(reviewer="ann")
    claim = first_claim(db_path)
    with Store(db_path) as store:
        text = store.claim(claim).text
    at.toggle(key="fix-open").set_value(True).run()
    picker = at.pills(key=f"split-at-{claim}")
    assert list(picker.options[:2]) == [safe_md(w) for w in text.split()[1:3]]  # the claim's own words
    picker.set_value(split_points(text)[2]).run()  # the word the second part starts with: the 4th
    assert any(text.split(maxsplit=3)[3] in body for body in html_bodies(at))  # both parts shown whole
    at.button(key="fix-split").click().run()
    with Store(db_path) as store:
        new_first = store.claim(int(at.query_params["claim"]))
        assert new_first.text == " ".join(text.split()[:3])
        assert store.corrections(new_first.article_id)[0]["reviewer"] == "ann"
    at.button(key="fix-merge").click().run()
    with Store(db_path) as store:
        assert store.claim(int(at.query_params["claim"])).text == text


def test_many_articles_are_picked_by_number(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Past PICKER_TITLES articles, every article picker asks for a number instead of sending each title
    # on each run; the dashboard charts only the articles with most claims still to label.
    from workbench.ui import dashboard, search

    monkeypatch.setattr(search, "PICKER_TITLES", 2)
    monkeypatch.setattr(dashboard, "CHART_ARTICLES", 2)
    with open_store(demo=True) as store:
        ids = list(store.article_titles())
        assert len(ids) == 3
        store.save_label(next(store.claims(article_id=ids[0])).id, status="unverified", reviewer="ann")
        texts, title = [s.text for s in store.segments(ids[2])], store.article(ids[2]).title
    at = app("export")
    assert not [s for s in at.selectbox if s.key == "export-article"]
    at.number_input(key="export-article-id").set_value(ids[1]).run()
    assert set(at.dataframe[0].value["article_id"]) == {ids[1]}

    at = app("articles")
    assert not any(list(frame.value.iloc[:, -1]) == texts for frame in at.dataframe)  # nothing picked yet
    at.number_input(key="segments-article-id").set_value(ids[2]).run()
    assert any(list(frame.value.iloc[:, -1]) == texts for frame in at.dataframe)
    at.number_input(key="segments-article-id").set_value(999).run()
    assert any("article 999 does not exist" in e.value for e in at.error)
    at.number_input(key="meta-article-id").set_value(ids[2]).run()
    assert at.text_input(key=f"meta-title-{ids[2]}").value == title

    at = app("dashboard")
    assert any("The 2 of 3 articles" in c.value for c in at.caption)


def test_claim_links_keep_the_reviewer_and_the_language(db_path: Path) -> None:
    """Find and Segments link to /?claim=ID: opened in a new tab, the link must not ask for the name again
    nor switch the interface back to English (issue 15, item 10)."""
    at = app(reviewer="ann o'neil & co", lang="it")
    at.text_input(key="find-search").input("the").run()
    found = at.dataframe[0].value.iloc[:, 0].tolist()
    assert found and all(link.startswith("/?claim=") for link in found)
    assert all("reviewer=ann+o%27neil+%26+co" in link and "lang=it" in link for link in found), found
    at.switch_page("app_pages/articles.py").run()
    at.selectbox(key="segments-article").select(at.selectbox(key="segments-article").options[0]).run()
    segments = next(frame.value for frame in at.dataframe if len(frame.value) > 1).iloc[:, 0].tolist()
    assert all("reviewer=ann+o%27neil+%26+co" in link and "lang=it" in link for link in segments), segments


def test_whole_article_marks_every_segment_and_links_each_claim(db_path: Path) -> None:
    """Issue 15 item 6: the article with each segment marked (your verdict, unlabelled, heading,
    boilerplate), each claim a link that opens it for review; and the paragraphs around on demand."""
    at = app(reviewer="ann")
    claim = int(at.query_params["claim"])
    with Store(db_path) as store:
        first = store.claim(claim)
        store.save_label(claim, status="unverified", reviewer="ann")
        store.save_label(claim, status="disputed", reviewer="bob", source_url="https://example.org/b")
        segments = store.segments(first.article_id)
    at.toggle(key="whole-article").set_value(True).run()
    view = next(body for body in html_bodies(at) if "wb-article" in body)
    claims = [s for s in segments if s.kind.value == "claim"]
    assert view.count('class="wb-seg-claim"') == len(claims)
    assert f'data-segment="{claim}"' in view and "? unverified" in view  # your own verdict, word beside colour
    assert "disputed" not in view.split("wb-article", 1)[1]  # bob's label is not yours to be shown here
    assert f"/?claim={claims[1].id}&amp;reviewer=ann&amp;lang=en" in view
    assert "wb-seg-heading" in view or all(s.kind.value != "heading" for s in segments)
    # The paragraphs before and after: the claim's box grows to hold the neighbouring paragraphs' text.
    later = next(s for s in segments if s.paragraph == first.paragraph + 1)
    at.toggle(key="more-context").set_value(True).run()
    paragraph = next(body for body in html_bodies(at) if "wb-paragraph" in body)
    assert safe_text(later.text) in paragraph


def split_points(text: str) -> list[int]:
    from workbench.ui.corrections import split_points as points

    return points(text)


def safe_md(text: str) -> str:
    from workbench.ui.safe import escape_markdown

    return escape_markdown(text)


def safe_text(text: str) -> str:
    import html

    return html.escape(text, quote=True)
