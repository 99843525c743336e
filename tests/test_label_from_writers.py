"""8 `workbench label --from` processes × 250 saves at once, on each engine: 0 errors, 0 lost.

Each process labels the same claims as its own reviewer, in rounds that change every label, so every save
is a write that must queue behind the others. Every line a process printed (its acknowledgement, printed
after the commit) must be the stored label, with the one history row per save that says so.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.reliability_helpers import cli, half_written, label_rows, make_claims_db, value

pytestmark = pytest.mark.slow

PROCESSES = 8
CLAIMS = 50
ROUNDS = 5  # 50 × 5 = 250 saves per process


def test_eight_label_from_processes_lose_nothing(db_path: Path | str, tmp_path: Path) -> None:
    claims = make_claims_db(db_path, CLAIMS)
    names = [f"writer-{i}" for i in range(PROCESSES)]
    batches = {}
    for name in names:
        batch = tmp_path / f"{name}.jsonl"
        lines = []
        for round_ in range(ROUNDS):
            for claim in claims:
                status, source, note = value(name, claim, round_)
                lines.append(json.dumps({"claim_id": claim, "status": status, "source": source, "note": note}))
        batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
        batches[name] = batch
    children = {
        name: cli(
            "label", "--from", str(batches[name]), "--reviewer", name, "--db", str(db_path),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        for name in names
    }  # fmt: skip
    outcomes = {name: child.communicate(timeout=600) for name, child in children.items()}
    for name, child in children.items():
        out, err = outcomes[name]
        assert child.returncode == 0 and err == "", f"{name}: {err}"
        acknowledged = [json.loads(line) for line in out.splitlines()]
        assert len(acknowledged) == CLAIMS * ROUNDS, name
    stored = label_rows(db_path)
    assert stored == {(claim, name): value(name, claim, ROUNDS - 1) for name in names for claim in claims}
    assert half_written(db_path) == []
