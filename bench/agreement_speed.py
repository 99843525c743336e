"""Agreement: `workbench agreement` with 2,000 reviewers on one claim, against the same labels spread out.

Run: python -m bench.agreement_speed [--quick]

Two databases hold the same number of labels (2,000 with the full run, 500 with --quick) on the
fixture's claims: in one, every label is by a different reviewer on one claim (the shape that made
each Dashboard view take 20 s: α and Cohen's κ went through every pair of reviewers); in the other,
two reviewers label 1,000 claims each. Each is timed as `workbench agreement --db FILE --format json`
(a fresh process, as a user runs it; best of 3). Target: the single crowded claim answers in at most
1.5 s, and within 2x of the spread-out labels (linear in labels, not in pairs of reviewers).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.fixtures import fixture_db  # noqa: E402
from bench.result import Result, best_of, emit, parse_args  # noqa: E402
from workbench.store import Store, now  # noqa: E402

STATUSES = ("verified", "unverified", "disputed")
TARGET_S = 1.5
TARGET_RATIO = 2.0


def fill(path: Path, labels: list[tuple[int, str, str]]) -> None:
    """Add (claim, reviewer, status) labels in one transaction, as the fixtures do."""
    stamp = now()
    with Store(path) as store:
        store.conn.execute("PRAGMA synchronous = OFF")
        with store.write():
            store.conn.execute("DELETE FROM labels")  # the fixture's own labels: only ours count here
            store.conn.executemany(
                "INSERT INTO labels (segment_id, reviewer, status, source_url, note, created_at, updated_at)"
                " VALUES (?, ?, ?, 'https://example.org/e', '', ?, ?)",
                [(claim, reviewer, status, stamp, stamp) for claim, reviewer, status in labels],
            )


def agreement_cli(path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "workbench.cli", "agreement", "--db", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def measure(quick: bool) -> Result:
    count = 500 if quick else 2_000
    source = fixture_db(20_000, labelled=0.0)
    with tempfile.TemporaryDirectory() as folder:
        crowded, spread = Path(folder) / "crowded.db", Path(folder) / "spread.db"
        shutil.copyfile(source, crowded)
        shutil.copyfile(source, spread)
        with Store(source) as store:
            claims = [c.id for c in store.claims()][: count // 2]
        fill(crowded, [(claims[0], f"r{n:05d}@news.example", STATUSES[n % 3]) for n in range(count)])
        fill(spread, [(claim, f"r{k}@news.example", STATUSES[(claim + k) % 3]) for claim in claims for k in (0, 1)])
        figures = agreement_cli(crowded)
        assert figures["n"] == 1 and figures["too_few"] and figures["pairs_below_minimum"] == count * (count - 1) // 2
        crowded_s = best_of(3, lambda: agreement_cli(crowded))
        spread_s = best_of(3, lambda: agreement_cli(spread))
    ratio = crowded_s / spread_s
    detail = (
        f"agreement: {count:,} reviewers on one claim {crowded_s:.2f} s; the same {count:,} labels as 2 reviewers"
        f" on {count // 2:,} claims {spread_s:.2f} s; ratio {ratio:.2f}x (best of 3, `workbench agreement` per run)"
    )
    passed = crowded_s <= TARGET_S and ratio <= TARGET_RATIO
    return Result(
        "agreement", f"{crowded_s:.2f} s ({ratio:.2f}x spread)", f"≤ {TARGET_S} s, ≤ {TARGET_RATIO}x", passed, detail
    )


if __name__ == "__main__":
    args = parse_args(__doc__)
    emit(measure(args.quick))
