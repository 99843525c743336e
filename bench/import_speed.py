"""Import: articles split and stored vs split only, wall time.

Run: python -m bench.import_speed [--quick] [--postgresql]

10,000 generated articles (500 with --quick; see bench/data.py), one .txt file each, go through
what `workbench import` does (`import_sources`: read, check, detect the language, split, store
with synchronous=FULL) into a new database, and through the same reading and splitting alone
(`preview_data`, what the Articles page previews).
The two are interleaved in chunks so the shared machine's load falls on both alike; each chunk
is imported first and split second, so any cache warmed by the first pass helps the baseline.
Target: import time ≤ 1.5× split time.

--postgresql: stored into a new PostgreSQL database instead (bench/postgres.py), with the same target:
there every stored segment also runs the counters' and the search's triggers on the server.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.data import articles  # noqa: E402
from bench.postgres import new_database, server  # noqa: E402
from bench.result import Result, emit  # noqa: E402
from workbench.importing import import_sources, prepare, preview_data  # noqa: E402
from workbench.store import Store  # noqa: E402

TARGET = 1.5
CHUNK = 250


def measure(quick: bool, postgresql: bool = False) -> Result:
    texts = [article.text for article in articles(500 if quick else 10_000)]
    for text in texts[:12]:
        prepare(text)  # build the language detector and every language's pipeline outside the timing
    imported = split_only = 0.0
    claims = 0
    with tempfile.TemporaryDirectory() as folder, contextlib.ExitStack() as stack:
        target = (
            new_database(stack.enter_context(server()), "import_speed") if postgresql else Path(folder) / "import.db"
        )
        store = stack.enter_context(Store(target))
        paths = [Path(folder) / f"article-{number:05d}.txt" for number in range(len(texts))]
        for path, text in zip(paths, texts):
            path.write_text(text, encoding="utf-8")
        for first in range(0, len(paths), CHUNK):
            chunk = paths[first : first + CHUNK]
            started = time.perf_counter()
            claims += sum(outcome.claims for outcome in import_sources(store, chunk))
            imported += time.perf_counter() - started
            started = time.perf_counter()
            for path in chunk:
                preview_data(path.read_bytes(), path.name)
            split_only += time.perf_counter() - started
    ratio = imported / split_only
    detail = (
        f"import: {len(texts):,} articles, {claims:,} claims, {sum(map(len, texts)):,} characters\n"
        f"  split+stored {imported:.1f} s ({len(texts) / imported:,.0f} articles/s);"
        f" split only {split_only:.1f} s"
    )
    return Result(
        "import" + (" (PostgreSQL)" if postgresql else ""),
        f"{ratio:.2f}× ({imported:.1f} s vs {split_only:.1f} s)",
        f"≤ {TARGET}× split only",
        ratio <= TARGET,
        detail,
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="reduced scale, for bench/run.py --quick")
    parser.add_argument("--postgresql", action="store_true", help="store into PostgreSQL instead of SQLite")
    args = parser.parse_args()
    emit(measure(args.quick, args.postgresql))
