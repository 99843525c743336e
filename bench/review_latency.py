"""Review latency: in Chromium, the time from pressing a verdict key to the next claim's text shown.

Run: python -m bench.review_latency [--quick]

A real `streamlit run` server on a copy of a fixture database (bench/fixtures.py: half the claims
labelled by the reviewer, so the next unlabelled claim lies in the middle) and Chromium through
playwright. The page is opened for that reviewer, then 30 claims are labelled in a row with key 2
(unverified, which needs no link). For each press the page itself records the keydown time and the
moment the claim shown (`mark.wb-claim`, told apart by its id: two claims may share a text) changes,
so the figure is what a reviewer waits, browser rendering included. Between presses the run waits
for the app to be idle, as a reviewer reads.

The server runs with WORKBENCH_RUN_TRACE set, so the Review panel writes its own figures for each run
(ui/run_trace.py): wall and CPU time and SQL statements per run, and whether a press reran the whole page.
Its CPU time hardly moves with the machine's load, so it shows what grows with the database even while
other work shares the cores.

Targets (issue 15): median ≤ 100 ms, p95 ≤ 200 ms on the 200,000-claim database, and its median
≤ 1.2× the same figure on a 100-claim database; the panel's CPU time at 200,000 claims ≤ 1.2× that at
100; no press reruns the whole page. --quick: 20,000 claims and 15 presses.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

from bench.fixtures import REVIEWER, fixture_db  # noqa: E402
from bench.result import Result, emit, parse_args  # noqa: E402
from workbench.store import Store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
IDLE = '.stApp[data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]'
MEDIAN_MS, P95_MS, RATIO = 100.0, 200.0, 1.2
WARM_UP = 3  # presses not counted: the first runs import modules and fill caches
LOST_S = 20  # a press that shows no next claim in this time is counted as lost

# Installed once per page: the keydown time, and the first moment after it that the claim's text differs.
PROBE = """() => {
  window.__lat = {start: 0, end: 0, before: ''};
  document.addEventListener('keydown', (e) => {
    if (e.key === '2') {
      const mark = document.querySelector('mark.wb-claim');
      window.__lat = {start: performance.now(), end: 0, before: mark ? mark.dataset.claim : ''};
    }
  }, true);
  new MutationObserver(() => {
    const lat = window.__lat;
    if (!lat.start || lat.end) return;
    const mark = document.querySelector('mark.wb-claim');
    if (mark && mark.dataset.claim !== lat.before) lat.end = performance.now();
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.read().strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass
class Figures:
    """One database's figures: the browser's key-to-claim times, and the server's runs (WORKBENCH_RUN_TRACE)
    for each counted press: the Review panel's runs (wall ms, CPU ms, SQL statements) and whole-page runs."""

    browser_ms: list[float] = field(default_factory=list)
    lost: int = 0
    panel_ms: list[float] = field(default_factory=list)
    panel_cpu_ms: list[float] = field(default_factory=list)
    panel_sql: list[int] = field(default_factory=list)
    panel_runs: list[int] = field(default_factory=list)  # per press
    page_runs: list[int] = field(default_factory=list)  # per press: whole-page reruns (should be none)


def runs_since(trace: Path, seen: int) -> tuple[list[dict], int]:
    """The trace lines written after the first `seen`, and how many there are now."""
    lines = trace.read_text(encoding="utf-8").splitlines() if trace.exists() else []
    return [json.loads(line) for line in lines[seen:]], len(lines)


def latencies(browser, fixture: Path, folder: Path, presses: int) -> Figures:
    """Milliseconds from key press to the next claim shown, for `presses` presses after the warm-up, and how
    many presses showed no next claim within LOST_S (counted and reported, not timed); with the server's
    own figures for the same presses."""
    path = folder / fixture.name
    trace = folder / f"{fixture.stem}.trace"
    trace.unlink(missing_ok=True)
    shutil.copyfile(fixture, path)
    with Store(path):
        pass  # migrate the copy before the server opens it, outside the timing
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "WORKBENCH_DB": str(path),
        "WORKBENCH_DEMO_ARTICLES": "off",
        "WORKBENCH_RUN_TRACE": str(trace),
        "PYTHONPATH": str(ROOT),
    }
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "workbench" / "app.py")]
    command += ["--server.headless=true", "--server.address=127.0.0.1", f"--server.port={port}"]
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        started = time.perf_counter()
        while not healthy(url):
            if server.poll() is not None or time.perf_counter() - started > 120:
                raise SystemExit("the server did not become healthy")
            time.sleep(0.05)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(f"{url}/?reviewer={REVIEWER}")
        page.wait_for_selector("mark.wb-claim", timeout=120_000)
        page.wait_for_selector(IDLE, timeout=120_000)
        page.evaluate(PROBE)
        figures = Figures()
        done = 0
        while done < WARM_UP + presses and figures.lost < presses:
            page.mouse.click(5, 500)  # focus on the page, outside any field, as a reviewer's reading does
            _, seen = runs_since(trace, 0)
            page.keyboard.press("2")
            try:
                page.wait_for_function("() => window.__lat.end > 0", timeout=LOST_S * 1000)
            except PlaywrightTimeout:
                figures.lost += 1
                continue
            took = page.evaluate("() => window.__lat.end - window.__lat.start")
            page.wait_for_selector(IDLE, timeout=60_000)
            done += 1
            if done <= WARM_UP:
                continue
            runs, _ = runs_since(trace, seen)
            panel = [run for run in runs if run["what"] == "review"]
            figures.browser_ms.append(took)
            figures.panel_runs.append(len(panel))
            figures.page_runs.append(sum(run["what"] == "page" for run in runs))
            figures.panel_ms += [run["ms"] for run in panel]
            figures.panel_cpu_ms += [run["cpu_ms"] for run in panel]
            figures.panel_sql += [run["sql"] for run in panel]
        page.close()
        return figures
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=30)


def server_line(claims: int, figures: Figures) -> str:
    return (
        f"{claims:,} claims: panel run median {statistics.median(figures.panel_ms):.1f} ms"
        f" (p95 {percentile(figures.panel_ms, 0.95):.1f}), CPU median {statistics.median(figures.panel_cpu_ms):.1f} ms,"
        f" SQL statements median {statistics.median(figures.panel_sql):.0f} (max {max(figures.panel_sql)}),"
        f" panel runs per press {max(figures.panel_runs)}, whole-page runs {sum(figures.page_runs)}"
    )


def measure(quick: bool) -> Result:
    from playwright.sync_api import sync_playwright

    big_claims, presses = (20_000, 15) if quick else (200_000, 30)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            small = latencies(browser, fixture_db(100), Path(folder), presses)
            big = latencies(browser, fixture_db(big_claims), Path(folder), presses)
        finally:
            browser.close()
    median, p95 = statistics.median(big.browser_ms), percentile(big.browser_ms, 0.95)
    small_median, small_p95 = statistics.median(small.browser_ms), percentile(small.browser_ms, 0.95)
    ratio = median / small_median
    # The server's share, which load moves little: CPU time of the panel's run, big database over small.
    cpu_ratio = statistics.median(big.panel_cpu_ms) / statistics.median(small.panel_cpu_ms)
    page_runs = sum(big.page_runs) + sum(small.page_runs)
    passed = (
        median <= MEDIAN_MS
        and p95 <= P95_MS
        and ratio <= RATIO
        and cpu_ratio <= RATIO
        and not (small.lost or big.lost or page_runs)
    )
    print(f"server: {server_line(100, small)}")
    print(f"server: {server_line(big_claims, big)}")
    print(f"server: panel CPU time {big_claims:,} over 100 claims {cpu_ratio:.2f}×")
    detail = (
        f"review latency: key 2 to the next claim shown, {presses} presses after {WARM_UP} not counted;"
        f" {big_claims:,} claims median {median:.0f} ms p95 {p95:.0f} ms max {max(big.browser_ms):.0f} ms;"
        f" 100 claims median {small_median:.0f} ms p95 {small_p95:.0f} ms; ratio {ratio:.2f}×;"
        f" server panel CPU median {statistics.median(big.panel_cpu_ms):.1f} vs"
        f" {statistics.median(small.panel_cpu_ms):.1f} ms ({cpu_ratio:.2f}×), SQL statements"
        f" {statistics.median(big.panel_sql):.0f} vs {statistics.median(small.panel_sql):.0f};"
        f" whole-page runs {page_runs}; presses lost {big.lost} and {small.lost};"
        f" load average {os.getloadavg()[0]:.1f}"
    )
    return Result(
        "review keys",
        f"median {median:.0f} ms, p95 {p95:.0f} ms ({ratio:.2f}×); server CPU {cpu_ratio:.2f}×",
        f"≤ {MEDIAN_MS:.0f}/{P95_MS:.0f} ms, ≤ {RATIO}× at 100",
        passed,
        detail,
    )


if __name__ == "__main__":
    emit(measure(parse_args(__doc__).quick))
