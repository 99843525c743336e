"""SIGKILL at random moments: of a batch-labelling process (50 times), and of an export mid-write.

After each kill the database must pass integrity_check, hold every acknowledged label with its value,
and have no half-written row; an export target must be the previous file or none, never a partial one.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.reliability_helpers import STATUSES, Row, cli, half_written, integrity, label_rows, make_claims_db
from workbench.exporting import LEFTOVER_AFTER_S

TRIALS = 50
CLAIMS = 300
AHEAD = 2  # children started ahead of their turn, so their start-up (importing spaCy) overlaps the trials
REVIEWER = "crash"
SEED = 20261121


def plan(trial: int, claims: list[int], rng: random.Random) -> list[tuple[int, Row]]:
    """Every claim once, in a random order, each with a value unique to (trial, line)."""
    lines = []
    for number, claim in enumerate(rng.sample(claims, len(claims))):
        status = rng.choice(STATUSES)
        source = "" if status == "unverified" else f"https://example.org/{trial}/{number}"
        lines.append((claim, (status, source, f"trial {trial} line {number}")))
    return lines


def start_batch(db: Path) -> subprocess.Popen:
    # `--from -` reads the same JSONL as `--from FILE.jsonl`, one line at a time, but lets the child
    # start (and open the database) before we hand it its labels.
    return cli(
        "label",
        "--from",
        "-",
        "--reviewer",
        REVIEWER,
        "--db",
        str(db),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def kill_after_acks(child: subprocess.Popen, payload: str, rng: random.Random) -> list[dict]:
    """Feed the child, read a random number of acknowledgements, wait a random moment, kill -9."""
    assert child.stdin and child.stdout
    child.stdin.write(payload)
    child.stdin.close()
    wanted, acks = rng.randint(0, 40), []
    while len(acks) < wanted and (line := child.stdout.readline()):
        acks.append(json.loads(line))
    time.sleep(rng.uniform(0, 0.004 if wanted else 0.01))  # with no ack read: before or during the first saves
    child.send_signal(signal.SIGKILL)
    child.wait()
    # Lines printed before the kill were acknowledged too (a reviewer could have seen them); whole lines only.
    return acks + [json.loads(line) for line in child.stdout.read().split("\n")[:-1]]


@pytest.mark.slow
def test_sigkill_of_batch_labelling_loses_no_acknowledged_label(db_path: Path) -> None:
    # The promise: a label once shown as saved survives a crash at any moment, and a crash
    # mid-transaction leaves neither a label without its history event nor one with a half-new value.
    claims = make_claims_db(db_path, CLAIMS)
    rng = random.Random(SEED)
    children = [start_batch(db_path) for _ in range(AHEAD)]
    kills = checked = unacknowledged_commits = 0
    try:
        for trial in range(TRIALS):
            child = children.pop(0)
            if trial + AHEAD < TRIALS:
                children.append(start_batch(db_path))
            before = label_rows(db_path)
            lines = plan(trial, claims, rng)
            payload = "".join(
                json.dumps({"claim_id": c, "status": r[0], "source": r[1], "note": r[2]}) + "\n" for c, r in lines
            )
            acks = kill_after_acks(child, payload, rng)
            assert child.returncode in (-signal.SIGKILL, 0), child.stderr.read() if child.stderr else ""
            kills += child.returncode == -signal.SIGKILL
            rows = label_rows(db_path)
            assert integrity(db_path) == "ok", f"trial {trial}"
            # Saves run in file order: what this trial committed is a prefix of its lines, at least the acks.
            committed = [i for i, (claim, row) in enumerate(lines) if rows.get((claim, REVIEWER)) == row]
            assert committed == list(range(len(committed))), f"trial {trial}: committed out of order"
            assert len(committed) >= len(acks), f"trial {trial}: {len(acks)} acknowledged, {len(committed)} stored"
            assert acks == [{"claim_id": c, "reviewer": REVIEWER, "status": r[0]} for c, r in lines[: len(acks)]]
            # Everything else is exactly as before the trial.
            assert rows == {**before, **{(c, REVIEWER): r for c, r in lines[: len(committed)]}}, f"trial {trial}"
            assert half_written(db_path) == [], f"trial {trial}"
            checked += len(acks)
            unacknowledged_commits += len(committed) > len(acks)
    finally:
        for child in children:
            child.kill()
            child.wait()
    print(
        f"\n{kills} of {TRIALS} children killed mid-batch, {checked} acknowledged labels checked, "
        f"{unacknowledged_commits} kills fell between a commit and its acknowledgement"
    )
    assert kills >= TRIALS * 0.9  # the test is about kills: nearly every child must die mid-batch


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 8 MB of CSV to export, so the export is still writing when it is killed; only read, so shared."""
    path = tmp_path_factory.mktemp("export") / "big.db"
    make_claims_db(path, 20_000, text_chars=400)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("previous", [b"article_id,old export\r\n", None], ids=["previous-file", "no-file"])
def test_export_killed_mid_write_leaves_previous_file_or_none(
    big_db: Path, tmp_path: Path, previous: bytes | None
) -> None:
    # Export writes a temporary file and renames it; an export writing straight to the target would leave
    # a truncated CSV there, which a reviewer would take for the whole export.
    out = tmp_path / "out" / "labels.csv"
    out.parent.mkdir()
    if previous is not None:
        out.write_bytes(previous)
    child = cli("export", "-o", str(out), "--db", str(big_db), stderr=subprocess.PIPE)
    while child.poll() is None and not writing(out, previous):
        time.sleep(0.0005)
    time.sleep(random.Random(SEED).uniform(0, 0.01))
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL, "the export ended before it could be killed: make the DB bigger"
    if previous is None:
        assert not out.exists(), f"a partial export of {out.stat().st_size} bytes was left at the target"
    else:
        assert out.read_bytes() == previous
    # The kill fell mid-write: the (hidden) temporary file is still there, written in part.
    leftover = [p for p in out.parent.iterdir() if p != out]
    assert [p.name.startswith(f".{out.name}.") for p in leftover] == [True]
    # Once it is old enough to be no live export's, the next export to that name removes it.
    long_ago = time.time() - 2 * LEFTOVER_AFTER_S
    os.utime(leftover[0], (long_ago, long_ago))
    assert cli("export", "-o", str(out), "--db", str(big_db), stderr=subprocess.DEVNULL).wait() == 0
    assert [p.name for p in out.parent.iterdir()] == [out.name]


def writing(out: Path, previous: bytes | None) -> bool:
    """Whether the export has begun to write: a non-empty file beside the target, or the target changed."""
    for path in out.parent.iterdir():
        try:
            size = path.stat().st_size
        except FileNotFoundError:  # renamed away meanwhile
            continue
        if size and (path != out or previous is None or size != len(previous)):
            return True
    return False
