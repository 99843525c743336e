"""`workbench copy`: the demo workbench, worked on, goes to PostgreSQL and back with identical exports."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.database import open_store
from workbench.exporting import write_export
from workbench.store import Store
from workbench.store.accounts import OPERATOR
from workbench.store.copying import copy_workbench

FORMATS = ("csv", "csv-wide", "jsonl", "claimreview")


def worked_on(path: Path) -> None:
    """The demo articles with what a newsroom leaves in a workbench: accounts, labels changed and withdrawn,
    a verdict, a split correction, a retired article, settings."""
    with open_store(path, demo=True) as store:
        store.add_account("admin@news.example", "admin", by=OPERATOR)
        store.add_account("ann@news.example", "reviewer", by="admin@news.example")
        store.add_account("ed@news.example", "editor", by="admin@news.example")
        claims = list(store.claims())
        for claim in claims[:6]:
            store.save_label(claim.id, status="verified", reviewer="ann@news.example", source_url="https://a.example/")
        store.save_label(claims[0].id, status="disputed", reviewer="ann@news.example", source_url="https://b.example/")
        store.save_label(claims[1].id, status="disputed", reviewer="ed@news.example", source_url="https://c.example/")
        store.adjudicate(claims[1].id, status="disputed", note='=checked, "twice"\nsee', by="ed@news.example")
        store.split_segment(claims[7].id, 5, reviewer="ed@news.example")
        store.retire_article(store.articles()[-1].id, by="admin@news.example")


def exports(target: Path | str) -> dict[str, bytes]:
    with Store(target) as store:
        found = {}
        for fmt in FORMATS:
            out = io.BytesIO()
            write_export(store, out, fmt, viewer=OPERATOR)
            found[fmt] = out.getvalue()
        found["progress"] = repr((store.progress(), store.progress("ann@news.example"))).encode()
        return found


def test_demo_workbench_goes_up_and_back_with_identical_exports(tmp_path: Path, pg_url: str) -> None:
    source, back = tmp_path / "source.db", tmp_path / "back.db"
    worked_on(source)
    up = copy_workbench(source, pg_url)
    assert up["labels"][0] == 7 and up["articles"][0] >= 2
    copy_workbench(pg_url, back)
    before = exports(source)
    assert exports(pg_url) == before
    assert exports(back) == before
    with Store(source) as original, Store(pg_url) as copied, Store(back) as returned:
        # Ids keep going from where the source stopped, never below a used one.
        sequences = original.database.sequences()
        assert copied.database.sequences()["segments"] >= sequences["segments"]
        assert returned.database.sequences()["segments"] >= sequences["segments"]
        for store in (copied, returned):
            with store.write() as conn:
                new = conn.execute(
                    "INSERT INTO events (at, actor, action, subject) VALUES ('t', 'test', 'test', 'test') RETURNING id"
                ).fetchone()[0]
            assert new > sequences["events"]


def test_copy_refuses_a_destination_that_is_not_empty(tmp_path: Path, pg_url: str, capsys) -> None:
    source = tmp_path / "source.db"
    worked_on(source)
    assert main(["copy", str(source), pg_url]) == 0
    assert "counts and checksums match" in capsys.readouterr().err
    with Store(pg_url) as copied:
        rows = copied.conn.execute("SELECT COUNT(*) FROM labels").fetchone()[0]
    assert main(["copy", str(source), pg_url]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not empty" in err
    with Store(pg_url) as copied:
        assert copied.conn.execute("SELECT COUNT(*) FROM labels").fetchone()[0] == rows


def test_backup_on_postgresql_says_what_to_use(pg_url: str, tmp_path: Path, capsys) -> None:
    assert main(["backup", "--db", pg_url, str(tmp_path / "copy.db")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pg_dump" in err and "jsonl" in err


@pytest.mark.parametrize("missing", ["nowhere.db"])
def test_copy_of_a_missing_source_is_one_line(tmp_path: Path, pg_url: str, capsys, missing: str) -> None:
    assert main(["copy", str(tmp_path / missing), pg_url]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_a_source_migrated_in_another_order_is_copied(tmp_path: Path, pg_url: str) -> None:
    """A workbench whose migrations ran in another order (a build of a branch before the merge that
    numbered them) has the same schema: copy compares the migrations applied, not their order."""
    import sqlite3

    source = tmp_path / "source.db"
    worked_on(source)
    with sqlite3.connect(source, isolation_level=None) as conn:
        last, before = conn.execute("SELECT id FROM migrations ORDER BY id DESC LIMIT 2").fetchall()
        conn.execute("UPDATE migrations SET id = -1 WHERE id = ?", last)
        conn.execute("UPDATE migrations SET id = ? WHERE id = ?", (last[0], before[0]))
        conn.execute("UPDATE migrations SET id = ? WHERE id = -1", before)
    copy_workbench(source, pg_url)
    assert exports(pg_url) == exports(source)


def test_copy_names_the_destination_without_its_password_and_reports_progress(
    tmp_path: Path, pg_url: str, capsys
) -> None:
    source = tmp_path / "source.db"
    worked_on(source)
    secret = pg_url.replace("postgres@", "postgres:s3cret-pw@", 1)  # the test cluster trusts; the password is unused
    assert secret != pg_url
    assert main(["copy", str(source), secret]) == 0
    said = capsys.readouterr()
    assert "s3cret-pw" not in said.out + said.err and ":***@" in said.err


def test_copy_progress_counts_every_row(tmp_path: Path, pg_url: str) -> None:
    source = tmp_path / "source.db"
    worked_on(source)
    calls: list[tuple[int, int]] = []
    report = copy_workbench(source, pg_url, progress=lambda done, total: calls.append((done, total)))
    rows = sum(count for count, _ in report.values())
    assert calls and calls[-1] == (rows, rows)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_label_counts_kept_on_postgresql_come_back_right(tmp_path: Path, pg_url: str) -> None:
    # On PostgreSQL a label save adds to its connection's slot of claim_total_slots (m022), not to
    # claim_totals: the slots must travel with the copy, and keep counting right on SQLite afterwards.
    source, back = tmp_path / "source.db", tmp_path / "back.db"
    worked_on(source)
    copy_workbench(source, pg_url)
    with Store(pg_url) as up:
        claims = [c.id for c in up.claims()]
        for claim in claims[6:9]:
            up.save_label(claim, status="unverified", reviewer="ann@news.example")
        up.undo_label(claims[8], reviewer="ann@news.example", expected_version=1)
        assert up.conn.execute("SELECT COUNT(*) FROM claim_total_slots").fetchone()[0] == 1
        expected = up.progress(), up.progress("ann@news.example")
    copy_workbench(pg_url, back)
    with Store(back) as down:
        assert (down.progress(), down.progress("ann@news.example")) == expected
        down.save_label(claims[9], status="unverified", reviewer="ann@news.example")
        labelled = down.conn.execute("SELECT COUNT(DISTINCT segment_id) FROM labels WHERE withdrawn_at IS NULL")
        assert down.progress()[0] == labelled.fetchone()[0] == expected[0][0] + 1
