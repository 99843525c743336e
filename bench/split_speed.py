"""Split throughput: `workbench split`'s pipeline vs spaCy blank(lang) + sentencizer, characters per second.

Run: python -m bench.split_speed [--quick]

Both split UD documents (see bench/ud.py) with their language given. The workbench calls
`split_text` per document, as `workbench split` does; the baseline cuts the text at line
breaks and runs `nlp.pipe` over the lines (its fastest ordinary use). Each repeat builds both
pipelines afresh, warms them on the even-numbered documents and times the odd-numbered ones:
a long import meeting new text. Re-splitting the very same texts instead would time spaCy's
tokenizer cache, not splitting. Time is CPU time of this process (both are single-threaded and
CPU-bound; the machine is shared, and wall time moves with the neighbours' load), best of the
repeats. Target: ratio ≥ 1.0×.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import spacy  # noqa: E402

from bench.data import corpus_texts  # noqa: E402
from bench.result import Result, emit, parse_args  # noqa: E402
from workbench.splitting import split_text  # noqa: E402
from workbench.splitting.pipeline import get_pipeline  # noqa: E402

TARGET = 1.0


Texts = list[tuple[str, str]]


def workbench_system(languages: set[str]) -> Callable[[Texts], None]:
    get_pipeline.cache_clear()  # a fresh build: nothing cached from an earlier repeat
    for language in languages:
        get_pipeline(language)

    def split(texts: Texts) -> None:
        for language, text in texts:
            split_text(text, language)

    return split


def baseline_system(languages: set[str]) -> Callable[[Texts], None]:
    pipelines = {}
    for language in languages:
        nlp = spacy.blank(language)
        nlp.add_pipe("sentencizer")
        pipelines[language] = nlp

    def split(texts: Texts) -> None:
        by_language: dict[str, list[str]] = defaultdict(list)
        for language, text in texts:
            by_language[language].extend(text.split("\n"))
        for language, lines in by_language.items():
            for doc in pipelines[language].pipe(lines):
                list(doc.sents)

    return split


def cpu_seconds(make: Callable[[set[str]], Callable[[Texts], None]], warm: Texts, timed: Texts, repeats: int) -> float:
    languages = {language for language, _ in warm + timed}
    best = float("inf")
    for _ in range(repeats):
        split = make(languages)
        split(warm)
        started = time.process_time()
        split(timed)
        best = min(best, time.process_time() - started)
    return best


def measure(quick: bool) -> Result:
    texts = corpus_texts()
    warm, timed = texts[0::2], texts[1::2]
    chars = sum(len(text) for _, text in timed)
    repeats = 1 if quick else 5
    ours = chars / cpu_seconds(workbench_system, warm, timed, repeats)
    base = chars / cpu_seconds(baseline_system, warm, timed, repeats)
    ratio = ours / base
    detail = (
        f"split: {len(timed)} UD documents timed ({chars:,} characters) after {len(warm)} to warm up;"
        f" CPU time, best of {repeats}\n"
        f"  workbench split_text {ours:,.0f} chars/s; spaCy blank+sentencizer {base:,.0f} chars/s"
    )
    return Result(
        "split", f"{ratio:.2f}× ({ours / 1e6:.2f} M chars/s)", f"≥ {TARGET:.1f}× sentencizer", ratio >= TARGET, detail
    )


if __name__ == "__main__":
    emit(measure(parse_args(__doc__).quick))
