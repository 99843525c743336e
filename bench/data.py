"""Test data for the performance benchmarks, generated from the UD sentences in ../shared/ud.

Articles are runs of real sentences of one language, grouped into paragraphs under a short
headline; the same generator feeds the import benchmark (as text) and the big fixture
databases (as pre-split segments, bulk-inserted, so building a million claims takes seconds).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bench.ud import _paragraphs, language_of  # the UD reader of bench/ud.py, reused for its sentences

ROOT = Path(__file__).resolve().parents[1]
UD_DIR = ROOT.parent / "shared" / "ud"
SENTENCES_PER_ARTICLE = 20
SENTENCES_PER_PARAGRAPH = 4
# The cache of fixture databases; bench/run.py points it at a fresh folder for each run.
CACHE_ENV = "WORKBENCH_BENCH_CACHE"


def cache_dir() -> Path:
    folder = Path(os.environ.get(CACHE_ENV) or Path(tempfile.gettempdir()) / "workbench-bench")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@lru_cache(maxsize=1)
def sentences_by_language() -> dict[str, tuple[str, ...]]:
    """Every UD sentence text, per language, in file order."""
    if not UD_DIR.is_dir():
        raise SystemExit(f"UD data not found at {UD_DIR}; nothing to measure")
    pools: dict[str, list[str]] = {}
    for path in sorted(UD_DIR.glob("*.conllu")):
        pool = pools.setdefault(language_of(path), [])
        for document in _paragraphs(path):
            for paragraph in document:
                pool.extend(s for s in paragraph if s.strip())
    return {language: tuple(pool) for language, pool in pools.items()}


@dataclass(frozen=True)
class GeneratedArticle:
    title: str
    language: str
    text: str
    paragraphs: tuple[tuple[str, ...], ...]  # sentences per paragraph, after the headline


def articles(count: int, sentences: int = SENTENCES_PER_ARTICLE) -> Iterator[GeneratedArticle]:
    """`count` distinct articles, languages in turn, each a window of consecutive sentences."""
    pools = sentences_by_language()
    languages = sorted(pools)
    for number in range(count):
        language = languages[number % len(languages)]
        pool = pools[language]
        # A stride that is not a multiple of the article length: windows overlap differently each time.
        first = (number // len(languages)) * 7 % len(pool)
        picked = [pool[(first + k) % len(pool)] for k in range(sentences)]
        paragraphs = tuple(
            tuple(picked[k : k + SENTENCES_PER_PARAGRAPH]) for k in range(0, sentences, SENTENCES_PER_PARAGRAPH)
        )
        title = f"Dispatch {number + 1}"  # a headline line, and what makes every text distinct
        text = title + "\n\n" + "\n\n".join(" ".join(p) for p in paragraphs) + "\n"
        yield GeneratedArticle(title, language, text, paragraphs)


def corpus_texts() -> list[tuple[str, str]]:
    """(language, document text) for every UD document, as bench/ud.py rebuilds them."""
    from bench.ud import read_documents

    return [
        (language_of(path), document.text)
        for path in sorted(UD_DIR.glob("*.conllu"))
        for document in read_documents(path)
    ]
