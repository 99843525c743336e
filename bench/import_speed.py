"""Import: articles split and stored vs split only, wall time.

Run: python -m bench.import_speed [--quick]

10,000 generated articles (500 with --quick; see bench/data.py) go through what
`workbench import` does per file (`prepare`: check, detect the language, split; then `save`:
one transaction with synchronous=FULL) into a new database, and through `prepare` alone.
The two are interleaved in chunks so the shared machine's load falls on both alike; each chunk
is imported first and split second, so any cache warmed by the first pass helps the baseline.
Target: import time ≤ 1.5× split time.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.data import articles  # noqa: E402
from bench.result import Result, emit, parse_args  # noqa: E402
from workbench.importing import prepare, save  # noqa: E402
from workbench.store import Store  # noqa: E402

TARGET = 1.5
CHUNK = 250


def measure(quick: bool) -> Result:
    texts = [article.text for article in articles(500 if quick else 10_000)]
    prepare(texts[0])  # build the language detector and a pipeline outside the timing
    imported = split_only = 0.0
    claims = 0
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "import.db") as store:
        for first in range(0, len(texts), CHUNK):
            chunk = texts[first:first + CHUNK]
            started = time.perf_counter()
            for text in chunk:
                claims += save(store, prepare(text)).claims
            imported += time.perf_counter() - started
            started = time.perf_counter()
            for text in chunk:
                prepare(text)
            split_only += time.perf_counter() - started
    ratio = imported / split_only
    detail = (f"import: {len(texts):,} articles, {claims:,} claims, {sum(map(len, texts)):,} characters\n"
              f"  split+stored {imported:.1f} s ({len(texts) / imported:,.0f} articles/s);"
              f" split only {split_only:.1f} s")
    return Result("import", f"{ratio:.2f}× ({imported:.1f} s vs {split_only:.1f} s)", f"≤ {TARGET}× split only",
                  ratio <= TARGET, detail)


if __name__ == "__main__":
    emit(measure(parse_args(__doc__).quick))
