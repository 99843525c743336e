"""The spaCy pipelines: built once per language, with our components, agreeing with the segments."""

from __future__ import annotations

import pytest

from workbench.models import GENERIC_LANGUAGE, SUPPORTED_LANGUAGES
from workbench.splitting import get_pipeline, split_text

TEXT = "Titolo dell'articolo\n\nIl dott. Rossi ha parlato. «Non ci sono soldi.» Poi è uscito.\nCondividi"


@pytest.mark.parametrize("language", [*SUPPORTED_LANGUAGES, GENERIC_LANGUAGE])
def test_pipeline_is_built_once_with_our_components(language: str) -> None:
    # Cached: building a blank pipeline per article would cost more than splitting it.
    nlp = get_pipeline(language)
    assert nlp is get_pipeline(language)
    assert nlp.lang == language
    assert nlp.pipe_names == ["workbench_layout", "workbench_sentences"]


def test_doc_sents_agree_with_segments() -> None:
    # Components mark tokens too, so spaCy users of the Doc see the same sentences.
    doc = get_pipeline("it")(TEXT)
    sentences = [sent.text.strip() for sent in doc.sents if sent.text.strip()]
    assert sentences == [segment.text for segment in split_text(TEXT, language="it").segments]


def test_doc_carries_paragraph_kinds() -> None:
    # The layout component records each paragraph's kind and offsets on the Doc.
    doc = get_pipeline("it")(TEXT)
    kinds = [paragraph.kind.value for paragraph in doc._.paragraphs]
    assert kinds == ["heading", "claim", "boilerplate"]


def test_empty_and_blank_texts_have_no_segments() -> None:
    # Nothing visible, nothing to split; no error either.
    for text in ("", "   ", "\n\n\t", "\ufeff"):
        assert split_text(text, language="it").segments == ()
