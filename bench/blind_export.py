"""Blind review's cost: a reviewer's long CSV export vs the operator's, of the same 1,000,000 claims.

Run: python -m bench.blind_export [--quick]

Under blind review a reviewer's export joins labels and verdicts only where the reviewer labelled the claim
(store/visibility.py): one more lookup in the (segment_id, reviewer) index per claim, in the same streamed
query. The fixture (bench/fixtures.py) has one label on a quarter of the claims, all by one reviewer; the
measured viewer is another reviewer, who sees none of them (every claim comes out as one empty row, as many
rows as the operator's export). Both exports run in this process, alternating, best of three each. The
target is on CPU time (the same thread does all the work), which a shared machine's load moves far less
than wall time; both are printed. Target: the reviewer's export ≤ 1.25× the operator's. --quick: 100,000 claims.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.fixtures import fixture_db  # noqa: E402
from bench.result import Result, emit, parse_args  # noqa: E402
from workbench.exporting import export_file  # noqa: E402
from workbench.store import Store  # noqa: E402
from workbench.store.accounts import OPERATOR  # noqa: E402

TARGET_RATIO = 1.25
REPEATS = 3
VIEWER = "blind.reviewer@news.example"


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - cpu, time.perf_counter() - wall


def measure(quick: bool) -> Result:
    claims = 100_000 if quick else 1_000_000
    with tempfile.TemporaryDirectory() as folder:
        path, out = Path(folder) / "export.db", Path(folder) / "out.csv"
        shutil.copyfile(fixture_db(claims, labelled=0.25), path)
        with Store(path) as store:
            store.add_account("admin@news.example", "admin", by=OPERATOR)
            store.add_account(VIEWER, "reviewer", by=OPERATOR)
            assert not store.sees_everything(VIEWER)
            operator, reviewer, rows = [], [], []
            for _ in range(REPEATS):
                operator.append(timed(lambda: rows.append(export_file(store, out, "csv", viewer=OPERATOR))))
                reviewer.append(timed(lambda: rows.append(export_file(store, out, "csv", viewer=VIEWER))))
    (ours, ours_wall), (base, base_wall) = min(reviewer), min(operator)
    ratio = ours / base
    detail = (
        f"blind export: {rows[0]:,} rows (operator) and {rows[1]:,} (reviewer), best of {REPEATS} runs each;"
        f" reviewer CPU {ours:.1f} s (wall {ours_wall:.1f} s), operator CPU {base:.1f} s (wall {base_wall:.1f} s)"
    )
    value = f"{ratio:.2f}× CPU ({ours:.1f} vs {base:.1f} s)"
    return Result("blind export", value, "≤ 1.25× operator's", ratio <= TARGET_RATIO, detail)


if __name__ == "__main__":
    emit(measure(parse_args(__doc__).quick))
