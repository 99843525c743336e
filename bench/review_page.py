"""Review page: server-side run time under AppTest with 200,000 claims in the database vs with 100.

Run: python -m bench.review_page [--quick]

Both databases come from bench/fixtures.py (half the claims labelled by the reviewer, so the next
unlabelled claim lies in the middle). The page is opened for that reviewer once (not timed), then
re-run 20 times; the figure is the median run time. The first open, which also looks the next
unlabelled claim up, is shown too. Target: big ≤ 2× small. --quick uses 20,000 claims.
"""

from __future__ import annotations

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
from bench.result import Result, emit, parse_args  # noqa: E402
from workbench.store import Store  # noqa: E402

APP = str(Path(__file__).resolve().parents[1] / "workbench" / "app.py")
TARGET = 2.0
RERUNS = 20


def page_times(fixture: Path, folder: Path) -> tuple[float, float]:
    """(first open, median of the reruns) in seconds, on a copy of `fixture`."""
    path = folder / fixture.name
    shutil.copyfile(fixture, path)
    with Store(path):
        pass  # migrate the copy outside the timing
    os.environ["WORKBENCH_DB"] = str(path)
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


def measure(quick: bool) -> Result:
    big_claims = 20_000 if quick else 200_000
    with tempfile.TemporaryDirectory() as folder:
        small_first, small = page_times(fixture_db(100), Path(folder))
        big_first, big = page_times(fixture_db(big_claims), Path(folder))
    ratio = big / small
    detail = (
        f"review page: median of {RERUNS} reruns, 100 claims {small * 1000:.0f} ms,"
        f" {big_claims:,} claims {big * 1000:.0f} ms; first open {small_first * 1000:.0f} ms vs"
        f" {big_first * 1000:.0f} ms"
    )
    return Result(
        "review page",
        f"{ratio:.2f}× ({big * 1000:.0f} vs {small * 1000:.0f} ms)",
        f"≤ {TARGET:.0f}× at 100 claims",
        ratio <= TARGET,
        detail,
    )


if __name__ == "__main__":
    emit(measure(parse_args(__doc__).quick))
