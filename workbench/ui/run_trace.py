"""The Review panel's own figures per run, when WORKBENCH_RUN_TRACE names a file: wall and CPU time, SQL statements.

The browser's key-to-claim time includes Streamlit's round trip and rendering and moves with the machine's
load; these figures are the server's share, and the CPU time and the statement count hardly move with load.
bench/review_latency.py reads them. Off (nothing measured, nothing written) unless the setting names a file.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from workbench import config
from workbench.store import Store
from workbench.store.trace import counting

_WRITING = threading.Lock()  # runs of several sessions append to one file


class Trace:
    """One run's figures: `watch()` counts the statements of the store the run opened."""

    def __init__(self, on: bool) -> None:
        self.on, self.stack, self.statements = on, ExitStack(), [0]

    def watch(self, store: Store) -> None:
        if self.on:
            self.statements = self.stack.enter_context(counting(store))


@contextmanager
def run(what: str) -> Iterator[Trace]:
    """Time the block and append {what, ms, cpu_ms, sql} to the trace file, if one is set."""
    path = str(config.get("run_trace"))
    if path == "off":
        path = ""
    trace = Trace(bool(path))
    if not path:
        yield trace
        return
    wall, cpu = time.perf_counter(), time.thread_time()
    try:
        with trace.stack:
            yield trace
    finally:
        line = {
            "what": what,
            "ms": round((time.perf_counter() - wall) * 1000, 2),
            "cpu_ms": round((time.thread_time() - cpu) * 1000, 2),
            "sql": trace.statements[0],
        }
        with _WRITING, open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(line) + "\n")
