"""Run every performance benchmark and print one line each: name, measured value, target, PASS or FAIL.

Run: python bench/run.py [--quick] [--only NAME ...] [--cache DIR] [--write]

Each benchmark runs in its own process (a fresh interpreter, as a user's command would be), sharing
one folder of fixture databases for this run. --quick: reduced scale, under 5 minutes in all.
--write puts the results into the "## Performance" section of BENCHMARKS.md (full scale only).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.data import CACHE_ENV  # noqa: E402
from bench.report import replace_section
from bench.result import Result, parse  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = (
    "split_speed",
    "split_start",
    "split_bulk",
    "import_speed",
    "save_latency",
    "review_page",
    "review_latency",
    "export_speed",
    "blind_export",
    "start_time",
    "matching",
    "agreement_speed",
    "revision_speed",
)
SECTION = "## Performance"
# What the profiles (py-spy, pyinstrument) showed where a target was missed, and what was done about it.
NOTES = """\
What the profiles showed, and the fixes:

- review page (590 ms at 200,000 claims vs 12 ms at 100, 49x): `store.progress()` and `store.articles()` counted
  every claim and label on each run (560 + 330 ms); `neighbour()` and `next_unlabelled(after=…)` sorted every later
  claim (45 ms each: SQLite walked articles first); the Find claims expander read every article's counts only to
  list titles, then sent 10,000 titles through a selectbox. Fixed by counters kept by triggers
  (`m006_progress_counters`), one article's bar from that article, `CROSS JOIN` so the (article_id, idx) index
  finds the next claim, `article_titles()` from an (id, title) index, and an article number past 500 articles.
- import (2.1-2.7x split only): one transaction per article, whose COMMIT fsync (synchronous=FULL) cost more than
  splitting it. `import_sources` now stores 50 articles per transaction, yielding each outcome after its commit.
- save (p99 282 ms, single saves stuck up to 8 s at 8 writers): SQLite's busy handler sleeps up to 100 ms between
  tries and starves writers; writers now queue on an OS file lock (`store/writelock.py`), and WAL checkpoints run
  after the lock is released instead of inside the COMMIT that 7 other writers wait behind.
- export (4.4x, then 2.8x): first a dict per row from sqlite-utils (25%), `neutralise()` per cell (20%) and the
  temporary file wrapper's Python `write()` per row (5%). With those gone it was still 2.8x: turning 1M rows into
  Python tuples of 16 cells cost 2.5 s over the 0.8 s query, and the csv module's per-row work 4.7 s more (7.9 s
  with no neutralising at all), so no per-row Python could meet 2x. Each CSV line is now built by SQLite itself:
  one `printf()` per row whose format holds the quotes, `%w` doubling inner quotes, `unicode()` of the first
  character choosing the `'` prefix (`workbench/formats/csv_cells.py`), taken as bytes and written 5,000 lines at a
  time. Things measured and dropped on the way: `||` chains (a new string per concatenation: 5.2 s for plain
  values), a nested `printf()` per cell (+1.8 s), minimal quoting (testing each text for `,` `"` CR LF: +1.9 s
  with `instr`, +2.8 s with `GLOB`), and taking text rather than bytes (+0.5 s of decoding and encoding).
  Every text cell is now quoted, which RFC 4180 allows and pandas and spreadsheets read the same; a property test
  checks SQLite's lines are byte for byte those of Python's csv writer. Peak RSS stays about 120 MB.
"""


def run_one(module: str, quick: bool, env: dict[str, str]) -> tuple[Result | None, str]:
    command = [sys.executable, "-m", f"bench.{module}", *(["--quick"] if quick else [])]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    results = [r for r in map(parse, done.stdout.splitlines()) if r is not None]
    if done.returncode or not results:
        return None, (done.stdout + done.stderr)[-3000:]
    return results[-1], results[-1].detail


def report(results: list[Result]) -> str:
    """The Markdown section for BENCHMARKS.md."""
    today = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        SECTION,
        "",
        f"`python bench/run.py --write` on {today}: {os.cpu_count()} cores, 24 GiB, Python"
        f" {platform.python_version()}, SQLite {__import__('sqlite3').sqlite_version}. The machine is"
        " shared with other work, so wall times move between runs; each ratio compares two runs made"
        " side by side. Each script's docstring says what it measures.",
        "",
        "| benchmark | measured | target | verdict |",
        "|---|---|---|---|",
    ]
    lines += [f"| {r.name} | {r.value} | {r.target} | {r.verdict} |" for r in results]
    lines += ["", "Details:", ""]
    for result in results:
        lines += [f"- {line.strip()}" for line in result.detail.splitlines() if line.strip()]
    return "\n".join(lines) + "\n\n" + NOTES


def write_section(section: str) -> None:
    """Replace (or append) only this benchmark's section of BENCHMARKS.md."""
    replace_section(SECTION, section)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, default=list(BENCHMARKS))
    parser.add_argument("--cache", help="reuse fixture databases from this folder (default: a new temporary one)")
    parser.add_argument("--write", action="store_true", help="update the Performance section of BENCHMARKS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="workbench-bench-") as scratch:
        env = {**os.environ, CACHE_ENV: args.cache or scratch, "PYTHONPATH": str(ROOT)}
        results, failed = [], 0
        for module in args.only:
            result, detail = run_one(module, args.quick, env)
            if result is None:
                failed += 1
                print(f"{module:<12} ERROR\n{detail}", flush=True)
                continue
            results.append(result)
            print(result.line(), flush=True)
    if args.write and not args.quick:
        write_section(report(results))
    return 1 if failed or any(r.passed is False for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
