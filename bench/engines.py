"""The same work on SQLite and on PostgreSQL: label save latency with 8 writer processes, and the long CSV
export, in one run on one machine, one table row per engine.

Run: python -m bench.engines [--claims N] [--saves N] [--rounds N] [--export-only]

The export is timed twice: in this process (the store's part) and as `workbench export` in a process of its
own, whose peak RSS is the memory figure (the issue's target: ≤ 300 MB at 1,000,000 claims).

PostgreSQL is bench/postgres.py's server (WORKBENCH_BENCH_PG, else a durable cluster this run starts). The
workbench is built once on SQLite and moved with `workbench copy`, so both engines hold the very same rows.
Baseline for the export: `psql \\copy` of the same rows to CSV (the database's own fastest path).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import multiprocessing
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.postgres import new_database  # noqa: E402
from bench.postgres import server as postgres_server  # noqa: E402
from tests import pg_cluster  # noqa: E402
from tests.conftest import make_split  # noqa: E402
from workbench.exporting import write_long_csv  # noqa: E402
from workbench.store import Store  # noqa: E402
from workbench.store.accounts import OPERATOR  # noqa: E402
from workbench.store.copying import copy_workbench  # noqa: E402

WRITERS = 8


def build(path: Path, claims: int) -> None:
    per_article = 1000
    with Store(path) as store:
        for first in range(0, claims, per_article):
            pieces = [f"Claim {i} of the bench says something checkable." for i in range(first, first + per_article)]
            store.add_article(make_split(" ".join(pieces), [("claim", p) for p in pieces]), title=f"Bench {first}")


def _writer(target: str, claims: list[int], writer: int, start, out) -> None:
    latencies, errors = [], 0
    with Store(target) as store:
        start.wait()
        for number, claim in enumerate(claims):
            began = time.perf_counter()
            try:
                store.save_label(
                    claim, status="verified", reviewer=f"writer{writer}", source_url=f"https://e.org/{number}"
                )
            except Exception:  # noqa: BLE001 - counted: the figure is how many failed
                errors += 1
            latencies.append(time.perf_counter() - began)
    out.put((latencies, errors))


def save_latency(target: str, saves: int, round_: int) -> tuple[list[float], list[float], int, int]:
    """One round of 8 writers × `saves` label saves, each writer on its own claims (new ones each round):
    (every latency, those after each writer's first, errors, saves lost), in seconds.

    A writer's first save runs on a cold connection: its imports, and on PostgreSQL a new backend reading the
    catalogue and compiling the trigger functions. Those 8 of 2,000 saves are all slower than the p99 on both
    engines, so the p99 without them is shown beside it: saves on a warm connection, as the app's page runs
    get on PostgreSQL from the engine's pool (postgres_engine.py)."""
    with Store(target) as store:
        ids = [c.id for c in store.claims()]
        before = store.conn.execute("SELECT COUNT(*) FROM labels").fetchone()[0]
    chunk = slice(round_ * saves, (round_ + 1) * saves)
    if len(ids) < WRITERS * saves * (round_ + 1):
        raise SystemExit(f"--claims must be at least {WRITERS} × --saves × --rounds")
    ctx = multiprocessing.get_context("spawn")
    start, out = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(target, ids[w::WRITERS][chunk], w, start, out)) for w in range(WRITERS)]
    for p in procs:
        p.start()
    time.sleep(3)  # every writer opened its store
    start.set()
    results = [out.get() for _ in procs]
    for p in procs:
        p.join()
    latencies = [x for lat, _ in results for x in lat]
    warm = [x for lat, _ in results for x in lat[1:]]
    errors = sum(e for _, e in results)
    with Store(target) as store:
        stored = store.conn.execute("SELECT COUNT(*) FROM labels").fetchone()[0] - before
    return latencies, warm, errors, len(latencies) - errors - stored


def percentile_ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def settle(url: str) -> None:
    """After the bulk copy: vacuum, statistics and a checkpoint now, so that autovacuum and the checkpointer
    do not work through the freshly copied tables while either engine's saves are being timed."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")
        conn.execute("CHECKPOINT")


def export_seconds(target: str) -> float:
    with Store(target) as store:
        began = time.perf_counter()
        write_long_csv(store, io.BytesIO(), viewer=OPERATOR)
        return time.perf_counter() - began


# Run by a fresh interpreter, which runs the export as its child: Linux counts in a child's peak RSS the memory
# of the process it was forked from, and this benchmark's own process holds hundreds of MB by then.
_MEASURE = """
import os, subprocess, sys, time
began = time.perf_counter()
child = subprocess.Popen(sys.argv[1:])
_, status, usage = os.wait4(child.pid, 0)
print(os.waitstatus_to_exitcode(status), time.perf_counter() - began, usage.ru_maxrss / 1024)
"""


def export_process(target: str, folder: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of `workbench export --format csv` run as its own process, to a file."""
    out = folder / "export.csv"
    out.unlink(missing_ok=True)
    export = [sys.executable, "-c", "import sys; from workbench.cli import main; sys.exit(main(sys.argv[1:]))"]
    export += ["export", "--db", target, "--format", "csv", "-o", str(out)]
    done = subprocess.run([sys.executable, "-c", _MEASURE, *export], capture_output=True, text=True, check=True)
    code, seconds, rss = done.stdout.split()
    if code != "0":
        raise SystemExit(f"workbench export failed on {target} (exit {code}): {done.stderr.strip()}")
    return float(seconds), float(rss)


def psql_copy_seconds(url: str) -> float | None:
    """`psql \\copy (…) to stdout csv` of the very query the long CSV export runs (the store's own SQL for the
    operator, every column as it is, translated to PostgreSQL), so the ratio is our cost over the database's
    own fastest path for the same rows."""
    psql = shutil.which("psql") or str(pg_cluster.BIN / "psql")
    if not Path(psql).exists():
        return None
    from workbench.store.postgres_engine import translate

    with Store(url) as store:
        labels = store.parts.labels  # the export's own query, as `workbench export` sends it
        sql, params = labels._export_query(labels._export_select(), None, None, None, None, OPERATOR)
    if params:
        raise SystemExit("the operator's export query should take no parameters")
    query = " ".join(translate(sql).sql.split())
    began = time.perf_counter()
    subprocess.run([psql, url, "-q", "-c", f"\\copy ({query}) to stdout csv"], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--saves", type=int, default=250, help="saves per writer and round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of saves, the engines taking turns")
    parser.add_argument("--export-only", action="store_true", help="skip the save latency (for a large --claims)")
    parser.add_argument(
        "--fixture", action="store_true", help="start from bench/fixtures.py's workbench (a quarter labelled)"
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="workbench-bench-"))
    with contextlib.ExitStack() as stack:
        stack.callback(shutil.rmtree, folder, ignore_errors=True)
        pg = new_database(stack.enter_context(postgres_server()), "workbench_bench")
        sqlite = folder / "bench.db"
        if args.fixture:
            from bench.fixtures import fixture_db

            shutil.copyfile(fixture_db(args.claims, labelled=0.25), sqlite)  # the export benchmark's workbench
        else:
            build(sqlite, args.claims)
        began = time.perf_counter()
        copy_workbench(sqlite, pg)
        print(f"workbench copy of {args.claims:,} claims to PostgreSQL: {time.perf_counter() - began:.1f} s")
        print(
            "| engine | claims | writers × saves × rounds | save p50 ms | save p99 ms | p99 after first ms | errors |"
            " lost | export s (long CSV) | psql \\copy s | ratio | `workbench export` s | its peak RSS MB |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        settle(pg)
        targets = (("SQLite", str(sqlite)), ("PostgreSQL", pg))
        # The engines take turns, round after round, so that a busy spell of the machine falls on both.
        timed: dict[str, list] = {engine: [[], [], 0, 0] for engine, _ in targets}
        for round_ in range(0 if args.export_only else args.rounds):
            for engine, target in targets:
                for total, part in zip(timed[engine], save_latency(target, args.saves, round_), strict=True):
                    total += part
        for engine, target in targets:
            if args.export_only:
                saves, p50, p99, warm, errors, lost = "—", "—", "—", "—", "—", "—"
            else:
                latencies, warmed, errors, lost = timed[engine]
                saves = f"{WRITERS} × {args.saves} × {args.rounds}"
                p50, p99 = f"{percentile_ms(latencies, 0.5):.1f}", f"{percentile_ms(latencies, 0.99):.1f}"
                warm = f"{percentile_ms(warmed, 0.99):.1f}"
            export = export_seconds(target)
            whole, rss = export_process(target, folder)
            baseline = psql_copy_seconds(pg) if engine == "PostgreSQL" else None
            ratio = f"{export / baseline:.2f}×" if baseline else "—"
            print(
                f"| {engine} | {args.claims:,} | {saves} | {p50} | {p99} | {warm} | {errors} | {lost} |"
                f" {export:.2f} | {f'{baseline:.2f}' if baseline else '—'} | {ratio} | {whole:.2f} | {rss:.0f} |",
                flush=True,
            )
        return 0


if __name__ == "__main__":
    sys.exit(main())
