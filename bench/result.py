"""What every performance benchmark prints: its measurement against the target, and the verdict.

Each script prints its details, then one line `RESULT {json}` that bench/run.py collects.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

MARKER = "RESULT "


@dataclass(frozen=True)
class Result:
    name: str
    value: str  # the measured figure as shown, e.g. "1.12×"
    target: str  # e.g. "≥ 1.0×"
    passed: bool | None  # None: reported only, no target
    detail: str = ""

    @property
    def verdict(self) -> str:
        return "REPORT" if self.passed is None else ("PASS" if self.passed else "FAIL")

    def line(self) -> str:
        return f"{self.name:<12} {self.value:<28} {self.target:<26} {self.verdict}"


def parse_args(doc: str | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="reduced scale, for bench/run.py --quick")
    return parser.parse_args()


def emit(result: Result) -> None:
    if result.detail:
        print(result.detail)
    print(result.line())
    print(MARKER + json.dumps(asdict(result), ensure_ascii=False), flush=True)


def parse(line: str) -> Result | None:
    return Result(**json.loads(line[len(MARKER) :])) if line.startswith(MARKER) else None


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def best_of(repeats: int, fn: Callable[[], object]) -> float:
    """The fastest of `repeats` runs: the machine is shared, and noise only ever adds time."""
    return min(timed(fn) for _ in range(repeats))


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0–100), interpolated."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=1000, method="inclusive")[max(0, min(998, round(q * 10) - 1))]
