"""Big workbench databases for the benchmarks, bulk-inserted and cached by shape.

A fixture is built through the store (so the schema is the migrated one) and filled in one
transaction on the store's own connection: a million claims take seconds, where importing them
article by article would take an hour. Labels go to the first `labelled` share of claims in
article order, one per claim, by REVIEWER: the reviewer's next unlabelled claim lies deep in the
database, as it does for a newsroom that has worked through years of articles.
"""

from __future__ import annotations

import os
from pathlib import Path

from bench.data import SENTENCES_PER_ARTICLE, articles, cache_dir
from workbench.demo import DEMO_MARKER
from workbench.store import Store, now, text_sha256

REVIEWER = "bench"
FIXTURE_VERSION = 1  # bump when the generated content changes, so cached files are rebuilt
STATUSES = ("verified", "unverified", "disputed")
BATCH_ARTICLES = 2_000


def fixture_db(claims: int, labelled: float = 0.5) -> Path:
    """The path of a cached database with `claims` claims; built on first use."""
    path = cache_dir() / f"claims-{claims}-labelled-{labelled}-v{FIXTURE_VERSION}.db"
    if not path.exists():
        partial = path.with_name(path.name + ".partial")
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
        build(partial, claims, labelled)
        os.replace(partial, path)  # a build cut short is never taken for a finished one
    return path


def _label_row(claim_id: int, number: int, stamp: str) -> tuple:
    status = STATUSES[number % 3]
    source = "" if status == "unverified" else f"https://example.org/evidence/{number}"
    # Every 50th note starts with '=': the export must neutralise it, so the benchmark pays for that too.
    note = f"=checked {number}" if number % 50 == 0 else (f"note {number}" if number % 4 == 0 else "")
    return (claim_id, REVIEWER, status, source, note, stamp, stamp)


def build(path: Path, claims: int, labelled: float) -> None:
    """Fill a new database at `path` with articles of SENTENCES_PER_ARTICLE claims (the last one shorter)."""
    article_count = -(-claims // SENTENCES_PER_ARTICLE)
    to_label = int(claims * labelled)
    stamp = now()
    with Store(path) as store:
        store.set_meta(DEMO_MARKER, "yes")  # a benchmark database never gets the demo articles
        conn = store.conn
        conn.execute("PRAGMA synchronous = OFF")  # a fixture is rebuilt, never recovered: skip the fsyncs
        made = 0
        batch: list = []
        for number, article in enumerate(articles(article_count)):
            batch.append(article)
            if len(batch) == BATCH_ARTICLES or number == article_count - 1:
                with store.write():
                    made = _insert(conn, batch, claims, made, to_label, stamp)
                batch = []
        conn.execute("ANALYZE")  # what a long-lived database has: planner statistics


def _insert(conn, batch: list, claims: int, made: int, to_label: int, stamp: str) -> int:
    """Insert one batch of articles with their segments and labels; return the claims made so far."""
    for article in batch:
        article_id = conn.execute(
            "INSERT INTO articles (title, language, detected_language, text, sha256, source_name, imported_at)"
            " VALUES (?, ?, ?, ?, ?, '', ?)",
            (article.title, article.language, article.language, article.text, text_sha256(article.text), stamp),
        ).lastrowid
        segments = [(article_id, 0, "heading", article.title, 0, len(article.title), 0)]
        offset = len(article.title) + 2
        for number, paragraph in enumerate(article.paragraphs, start=1):
            for sentence in paragraph:
                if made + len(segments) - 1 >= claims:
                    break
                segments.append((article_id, len(segments), "claim", sentence, offset, offset + len(sentence), number))
                offset += len(sentence) + 1
            offset += 1  # the blank line between paragraphs ("\n\n" minus the space not added)
        conn.executemany(
            'INSERT INTO segments (article_id, idx, kind, text, start, "end", paragraph) VALUES (?, ?, ?, ?, ?, ?, ?)',
            segments,
        )
        first_id = conn.execute("SELECT last_insert_rowid()").fetchone()[0] - (len(segments) - 1)
        labels = [_label_row(first_id + k, made + k, stamp) for k in range(1, len(segments)) if made + k - 1 < to_label]
        conn.executemany(
            "INSERT INTO labels (segment_id, reviewer, status, source_url, note, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            labels,
        )
        conn.executemany(
            "INSERT INTO label_events (segment_id, reviewer, new_status, new_source_url, new_note, at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(*row[:5], row[5]) for row in labels],
        )
        made += len(segments) - 1
    return made
