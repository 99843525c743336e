"""Export: 1,000,000 claims to CSV with `workbench export` vs `sqlite3 -csv` of the same rows.

Run: python -m bench.export_speed [--quick]

The fixture (bench/fixtures.py) has one label on a quarter of the claims, so the export has one
row per claim. Both run as child processes writing a file; time and peak RSS come from wait4()
of each child. The baseline runs the very SQL the store runs (captured with a trace callback)
through Debian's sqlite3 command-line shell (`apt-get install sqlite3`). The two alternate, three
runs each, and each keeps its fastest: on a shared machine one run of either moved by a second.
Targets: time ≤ 2× the baseline, peak RSS ≤ 300 MB. --quick uses 100,000 claims.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.fixtures import fixture_db  # noqa: E402
from bench.result import Result, emit, parse_args  # noqa: E402
from workbench.store import Store  # noqa: E402
from workbench.store.accounts import OPERATOR  # noqa: E402

TARGET_RATIO = 2.0
TARGET_RSS_MB = 300
REPEATS = 3


def export_sql(path: Path) -> str:
    """The statement the store runs for an unfiltered export."""
    seen: list[str] = []
    with Store(path) as store:
        store.conn.set_trace_callback(seen.append)
        next(iter(store.export_rows(viewer=OPERATOR)), None)
        store.conn.set_trace_callback(None)
    return next(s for s in seen if "SELECT" in s and "labels" in s)


# A small fresh interpreter starts each measured child: a child forked straight from this process would
# count this process's memory in its peak RSS until it execs.
LAUNCHER = """
import json, os, subprocess, sys, time
with open(sys.argv[1], "wb") as sink:
    started = time.perf_counter()
    child = subprocess.Popen(sys.argv[2:], stdout=sink, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
print(json.dumps([os.waitstatus_to_exitcode(status), seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime,
                  child.stderr.read().decode(errors="replace")[-2000:]]))
"""


def run_child(command: list[str], stdout: Path | None = None) -> tuple[float, float, float]:
    """(seconds, peak RSS in MB, CPU seconds) of one child process."""
    out = subprocess.run(
        [sys.executable, "-c", LAUNCHER, str(stdout or os.devnull), *command],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    code, seconds, max_rss_kb, cpu, errors = json.loads(out)
    if code:
        raise SystemExit(f"{command[:4]} failed: {errors}")
    return seconds, max_rss_kb / 1024, cpu  # Linux reports kilobytes


def measure(quick: bool) -> Result:
    if not shutil.which("sqlite3"):
        raise SystemExit("the sqlite3 command-line shell is missing: apt-get install sqlite3")
    claims = 100_000 if quick else 1_000_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.db"
        shutil.copyfile(fixture_db(claims, labelled=0.25), path)
        sql = export_sql(path)  # also migrates the copy, outside the timing
        ours_csv, base_csv = Path(folder) / "ours.csv", Path(folder) / "baseline.csv"
        ours_runs, base_runs = [], []
        for _ in range(REPEATS):
            ours_runs.append(
                run_child([sys.executable, "-m", "workbench.cli", "export", "--db", str(path), "-o", str(ours_csv)])
            )
            base_runs.append(run_child(["sqlite3", "-csv", "-header", str(path), sql], stdout=base_csv))
        (ours, _, ours_cpu), (base, _, base_cpu) = min(ours_runs), min(base_runs)
        ours_rss, base_rss = max(r[1] for r in ours_runs), max(r[1] for r in base_runs)
        with ours_csv.open("rb") as handle:
            rows = sum(1 for _ in handle) - 1  # generated texts hold no line breaks
        sizes = ours_csv.stat().st_size / 1e6, base_csv.stat().st_size / 1e6
    ratio = ours / base
    detail = (
        f"export: {rows:,} rows, best of {REPEATS} runs each; workbench export {ours:.1f} s"
        f" (CPU {ours_cpu:.1f} s), peak RSS {ours_rss:.0f} MB, {sizes[0]:.0f} MB; sqlite3 -csv {base:.1f} s"
        f" (CPU {base_cpu:.1f} s), peak RSS {base_rss:.0f} MB, {sizes[1]:.0f} MB"
    )
    passed = ratio <= TARGET_RATIO and ours_rss <= TARGET_RSS_MB
    return Result(
        "export",
        f"{ratio:.2f}×, {ours_rss:.0f} MB ({ours:.1f} vs {base:.1f} s)",
        f"≤ {TARGET_RATIO:.0f}×, ≤ {TARGET_RSS_MB} MB",
        passed,
        detail,
    )


if __name__ == "__main__":
    emit(measure(parse_args(__doc__).quick))
