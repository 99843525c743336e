"""Label save latency through the store: p50 / p99 with 1 writer and with 8 concurrent writer processes.

Run: python -m bench.save_latency [--quick]

Each writer is its own process with its own Store on a copy of a fixture database (bench/fixtures.py),
and saves labels on distinct claims as fast as it can, all writers released together. Every save is
`Store.save_label` (check, BEGIN IMMEDIATE, upsert, history row, COMMIT with synchronous=FULL, read
back). Baseline: the same processes doing a bare `BEGIN IMMEDIATE; INSERT; COMMIT` of one row on a
connection with the same pragmas: what SQLite itself costs here. Target: p99 ≤ 50 ms at 8 writers.
"""

from __future__ import annotations

import multiprocessing
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.fixtures import fixture_db  # noqa: E402
from bench.result import Result, emit, parse_args, percentile  # noqa: E402
from workbench.store import Store  # noqa: E402

TARGET_MS = 50.0
FIXTURE_CLAIMS = 20_000


def _claim_ids(path: Path) -> list[int]:
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT id FROM segments WHERE kind = 'claim' ORDER BY id")]


def _workbench_writer(path: str, claims: list[int], writer: int, start, out) -> None:
    latencies = []
    with Store(path) as store:
        start.wait()
        for number, claim in enumerate(claims):
            status = ("verified", "unverified", "disputed")[number % 3]
            source = "" if status == "unverified" else f"https://example.org/{writer}/{number}"
            began = time.perf_counter()
            store.save_label(
                claim, status=status, reviewer=f"writer{writer}", source_url=source, note=f"saved by writer {writer}"
            )
            latencies.append(time.perf_counter() - began)
    out.put(latencies)


def _baseline_writer(path: str, claims: list[int], writer: int, start, out) -> None:
    latencies = []
    conn = sqlite3.connect(path, isolation_level=None, timeout=10)
    for pragma in ("busy_timeout = 10000", "journal_mode = WAL", "synchronous = FULL"):
        conn.execute(f"PRAGMA {pragma}")
    conn.execute("CREATE TABLE IF NOT EXISTS bench_rows (id INTEGER PRIMARY KEY, claim INTEGER, writer INTEGER)")
    start.wait()
    for claim in claims:
        began = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO bench_rows (claim, writer) VALUES (?, ?)", (claim, writer))
        conn.execute("COMMIT")
        latencies.append(time.perf_counter() - began)
    conn.close()
    out.put(latencies)


def run_writers(target, path: Path, claims: list[int], writers: int, saves: int) -> list[float]:
    """Latencies in ms of `writers` processes × `saves` saves, each writer on its own claims."""
    context = multiprocessing.get_context("spawn")  # a clean process, as a second server or CLI would be
    start, out = context.Barrier(writers + 1), context.Queue()
    processes = [
        context.Process(target=target, args=(str(path), claims[w * saves : (w + 1) * saves], w, start, out))
        for w in range(writers)
    ]
    for process in processes:
        process.start()
    start.wait()
    latencies = [value * 1000 for _ in processes for value in out.get(timeout=600)]
    for process in processes:
        process.join()
    return latencies


def measure(quick: bool) -> Result:
    saves = 50 if quick else 250
    lines, p99_at_8 = [], 0.0
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "save.db"
        shutil.copyfile(fixture_db(FIXTURE_CLAIMS), path)
        with Store(path):
            pass  # migrate the copy outside the timing
        claims = _claim_ids(path)
        for writers in (1, 8):
            ours = run_writers(_workbench_writer, path, claims, writers, saves)
            base = run_writers(_baseline_writer, path, claims, writers, saves)
            p50, p99 = percentile(ours, 50), percentile(ours, 99)
            b50, b99 = percentile(base, 50), percentile(base, 99)
            lines.append(
                f"  {writers} writer(s) × {saves} saves: workbench p50 {p50:.1f} ms p99 {p99:.1f} ms;"
                f" bare SQLite insert p50 {b50:.1f} ms p99 {b99:.1f} ms; p99 ratio {p99 / b99:.2f}×"
            )
            if writers == 8:
                p99_at_8, ratio = p99, p99 / b99
                value = f"p99 {p99:.1f} ms ({ratio:.1f}× bare)"
    detail = f"save: fixture of {FIXTURE_CLAIMS:,} claims\n" + "\n".join(lines)
    return Result("save", value, f"p99 ≤ {TARGET_MS:.0f} ms at 8 writers", p99_at_8 <= TARGET_MS, detail)


if __name__ == "__main__":
    emit(measure(parse_args(__doc__).quick))
