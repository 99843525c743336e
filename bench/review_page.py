"""Review page: server-side run time under AppTest with 200,000 claims in the database vs with 100.

Run: python -m bench.review_page [--quick] [--postgresql]

Both databases come from bench/fixtures.py (half the claims labelled by the reviewer, so the next
unlabelled claim lies in the middle). The page is opened for that reviewer once (not timed), then
re-run 20 times; the figure is the median run time. The first open, which also looks the next
unlabelled claim up, is shown too. Target: big ≤ 2× small. --quick uses 20,000 claims.

--postgresql: the same fixtures moved with `workbench copy` into PostgreSQL (bench/postgres.py), and the
page run against them.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from streamlit.testing.v1 import AppTest  # noqa: E402

from bench.fixtures import REVIEWER, fixture_db  # noqa: E402
from bench.postgres import new_database  # noqa: E402
from bench.postgres import server as postgres_server  # noqa: E402
from bench.result import Result, emit  # noqa: E402
from workbench.store import Store  # noqa: E402
from workbench.store.copying import copy_workbench  # noqa: E402

APP = str(Path(__file__).resolve().parents[1] / "workbench" / "app.py")
TARGET = 2.0
RERUNS = 20


def page_times(fixture: Path, folder: Path, postgres: str | None = None) -> tuple[float, float]:
    """(first open, median of the reruns) in seconds, on a copy of `fixture` (in PostgreSQL: a new database
    on the server at `postgres`)."""
    path = folder / fixture.name
    shutil.copyfile(fixture, path)
    with Store(path):
        pass  # migrate the copy outside the timing
    target = str(path)
    if postgres is not None:
        target = _postgres_copy(path, postgres)
    os.environ["WORKBENCH_DB"] = target
    os.environ["WORKBENCH_DEMO_ARTICLES"] = "off"
    at = AppTest.from_file(APP, default_timeout=300)
    at.query_params["reviewer"] = REVIEWER
    started = time.perf_counter()
    at.run()
    first = time.perf_counter() - started
    if at.exception or not any("wb-claim" in e.proto.body for e in at.get("html")):
        raise SystemExit(f"the Review page did not show a claim: {at.exception}")
    runs = []
    for _ in range(RERUNS):
        started = time.perf_counter()
        at.run()
        runs.append(time.perf_counter() - started)
    return first, statistics.median(runs)


def _postgres_copy(path: Path, url: str) -> str:
    copied = new_database(url, f"review_page_{path.stem.replace('-', '_').replace('.', '_')}")
    copy_workbench(path, copied)
    return copied


def measure(quick: bool, postgresql: bool = False) -> Result:
    big_claims = 20_000 if quick else 200_000
    with tempfile.TemporaryDirectory() as folder, contextlib.ExitStack() as stack:
        server = stack.enter_context(postgres_server()) if postgresql else None
        small_first, small = page_times(fixture_db(100), Path(folder), server)
        big_first, big = page_times(fixture_db(big_claims), Path(folder), server)
    ratio = big / small
    engine = "PostgreSQL" if postgresql else "SQLite"
    detail = (
        f"review page ({engine}): median of {RERUNS} reruns, 100 claims {small * 1000:.0f} ms,"
        f" {big_claims:,} claims {big * 1000:.0f} ms; first open {small_first * 1000:.0f} ms vs"
        f" {big_first * 1000:.0f} ms"
    )
    return Result(
        "review page" + (" (PostgreSQL)" if postgresql else ""),
        f"{ratio:.2f}× ({big * 1000:.0f} vs {small * 1000:.0f} ms)",
        f"≤ {TARGET:.0f}× at 100 claims",
        ratio <= TARGET,
        detail,
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="reduced scale, for bench/run.py --quick")
    parser.add_argument("--postgresql", action="store_true", help="run the page against PostgreSQL copies")
    args = parser.parse_args()
    emit(measure(args.quick, args.postgresql))
