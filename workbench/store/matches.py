"""The same claim elsewhere, stored: claim embeddings, the in-process index over them, match decisions, clusters,
verdict suggestions from twins, and clusters whose claims got different verdicts.

Embeddings are derived data: computed outside any write transaction (encoding takes time; the write that stores
them is short), recomputed when the encoder changes, and found to be missing through `embedding_queue`, which
triggers fill whenever a claim appears (m018). The index of whole-sentence vectors is loaded once per process
and database, and only the rows added since are read on later page runs (`_IndexCache`).

Decisions are events: "same claim", "not the same" and "undone" are appended with who and when; the latest
per pair counts; clusters are the connected "same" pairs, named by their smallest claim id.
Blind review applies to everything here that shows a label or verdict (`visible_labels`,
`verdict(viewer=)`: store/visibility.py).
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import InvalidInput, NotFound
from ..models import Claim, Label, Status
from ..permissions import Action
from .accounts import Accounts
from .articles import Articles
from .claim_filter import CLAIM_COLUMNS, CURRENT, ClaimFilter, claim_from_row
from .claims import Claims
from .connection import Database, now, read_meta
from .verdicts import Verdicts
from .visibility import Visibility

if TYPE_CHECKING:
    import numpy as np

    from ..matching import Encoder, VectorIndex

SAME, DIFFERENT, UNDONE = "same", "different", "undone"
DECISIONS = (SAME, DIFFERENT, UNDONE)
FILL_PER_PAGE = 64  # claims a page run embeds at most (about 0.2 s), while no more than FILL_BACKLOG wait
FILL_BACKLOG = 500  # a longer queue (a database that had claims before matching) waits for `workbench embed`
FILL_BATCH = 256  # claims encoded per batch by the backfill, each batch stored in its own short write
EXTRA = 30  # neighbours fetched beyond the shortlist, for the superseded or retired ones dropped after search


@dataclass(frozen=True)
class Suggestion:
    """What a confirmed twin's reviewers or editor said: shown pre-filled, never saved without a key press."""

    status: Status
    source_url: str
    note: str
    claim_id: int  # the twin it comes from
    article_title: str
    language: str
    by_editor: bool


@dataclass(frozen=True)
class Twin:
    """One candidate from another article, with what the viewer may see of its labels and verdict."""

    claim: Claim
    article_title: str
    score: float
    reasons: tuple[str, ...]
    decision: str | None  # the latest decision on this pair: same, different, or None (undone or never)
    labels: tuple[Label, ...] = field(default=())
    verdict: Status | None = None


@dataclass(frozen=True)
class ClusterConflict:
    """A cluster whose confirmed twins got different verdicts: (claim, article title, status, from editor)."""

    cluster_id: int
    members: tuple[tuple[Claim, str, Status, bool], ...]


class _IndexCache:
    """One VectorIndex per database file and encoder, shared by the page runs of a process.

    Keyed by the change counter (the largest embedding row id): rows added since are read alone. A claim
    embedded again appears twice in the index; `similar` keeps its current row once.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.entries: dict[tuple[str, str], tuple[VectorIndex, int]] = {}


_CACHE = _IndexCache()


def _blob_rows(blob: bytes, dimensions: int) -> np.ndarray:
    import numpy as np

    return np.frombuffer(blob, dtype=np.int8).reshape(-1, dimensions)


class Matches:
    def __init__(
        self,
        database: Database,
        accounts: Accounts,
        visibility: Visibility,
        claims: Claims,
        verdicts: Verdicts,
        articles: Articles,
    ) -> None:
        self.database = database
        self.conn = database.conn
        self._accounts = accounts
        self._visibility = visibility
        self._claims = claims
        self._verdicts = verdicts
        self._articles = articles

    # -- embeddings ---------------------------------------------------------

    def _encoder(self) -> Encoder:
        from ..matching import load_encoder

        return load_encoder()  # MatchingUnavailable when turned off or not installed

    def embeddings_missing(self, at_most: int | None = None) -> int:
        """Claims queued to be embedded (new, or embedded by another encoder once a fill has seen the change);
        with `at_most`, counted no further: a page that only says "more than N" does not read the whole queue
        on every run (200,000 queued rows on PostgreSQL are a count of tens of ms)."""
        if at_most is None:
            return self.conn.execute("SELECT COUNT(*) FROM embedding_queue").fetchone()[0]
        return self.conn.execute(
            "SELECT COUNT(*) FROM (SELECT 1 FROM embedding_queue LIMIT ?) queued", (at_most,)
        ).fetchone()[0]

    def fill_embeddings(self, limit: int | None = None, *, batch: int = FILL_BATCH) -> int:
        """Embed queued claims (at most `limit`), encoding outside any transaction; return how many were stored.

        A claim embedded by another encoder is queued again first, so vectors are recomputed when it changes.
        """
        encoder = self._encoder()
        self._requeue_other_encoders(encoder.name)
        done = 0
        while limit is None or done < limit:
            size = batch if limit is None else min(batch, limit - done)
            rows = self.conn.execute(
                "SELECT s.id, s.text, s.kind, s.superseded_at, a.language FROM embedding_queue q"
                " JOIN segments s ON s.id = q.segment_id JOIN articles a ON a.id = s.article_id"
                " ORDER BY q.segment_id LIMIT ?",
                (size,),
            ).fetchall()
            if not rows:
                break
            wanted = [r for r in rows if r[2] == "claim" and r[3] is None]
            stored = self._encode(encoder, [(r[0], r[1], r[4]) for r in wanted])
            with self.database.write() as conn:
                self._store_embeddings(conn, stored)
                # Superseded or no longer a claim: nothing to embed, out of the queue all the same.
                conn.execute(
                    "DELETE FROM embedding_queue WHERE segment_id IN (SELECT value FROM json_each(?))",
                    (json.dumps([r[0] for r in rows]),),
                )
            done += len(rows)
        return done

    @staticmethod
    def _store_embeddings(conn, rows: list[tuple]) -> None:
        """Delete and insert (not update): a new id, which the index cache sees as a change."""
        conn.executemany("DELETE FROM claim_embeddings WHERE segment_id = ?", [(row[0],) for row in rows])
        conn.executemany(
            "INSERT INTO claim_embeddings (segment_id, encoder, vector, scale, units, unit_scales, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def _requeue_other_encoders(self, name: str) -> None:
        if read_meta(self.conn, "embedding_encoder") == name:
            return
        with self.database.write() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO embedding_queue (segment_id) SELECT e.segment_id FROM claim_embeddings e"
                " JOIN segments s ON s.id = e.segment_id WHERE e.encoder != ? AND s.superseded_at IS NULL",
                (name,),
            )
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('embedding_encoder', ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (name,),
            )

    @staticmethod
    def _encode(encoder: Encoder, claims: Sequence[tuple[int, str, str]]) -> list[tuple]:
        """Rows for claim_embeddings: the whole sentence and each clause, int8 codes with their scales."""
        from ..matching import Claim as MatchClaim
        from ..matching import Matcher, quantise

        stamp = now()
        prepared = Matcher(encoder).prepare([MatchClaim(i, text, language) for i, text, language in claims])
        rows = []
        for p in prepared:
            codes, scales = quantise(p.units)
            rows.append(
                (
                    p.claim.id,
                    encoder.name,
                    codes[0].tobytes(),
                    float(scales[0]),
                    codes.tobytes(),
                    scales.tobytes(),
                    stamp,
                )
            )
        return rows

    def _index(self, encoder_name: str, dimensions: int) -> VectorIndex:
        """The process's index for this database and encoder, brought up to date with the rows added since."""
        import numpy as np

        from ..matching import VectorIndex

        # Rows are only ever inserted (a recomputed one is deleted and inserted again, with a new id), so the
        # largest id is the change counter, read from the end of the rowid tree: no count of 200,000 rows.
        top = self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM claim_embeddings").fetchone()[0]
        key = (
            str(self.database.path.resolve()) if self.database.engine == "sqlite" else str(self.database.path),
            encoder_name,
        )
        with _CACHE.lock:
            entry = _CACHE.entries.get(key)
            if entry is not None and entry[1] == top:
                return entry[0]
            if entry is None or top < entry[1]:  # first use, or another file now at this path
                count = self.conn.execute("SELECT COUNT(*) FROM claim_embeddings").fetchone()[0]
                index, since = VectorIndex(dimensions, capacity=count), 0
            else:
                index, since = entry[0], entry[1]
            rows = self.conn.execute(
                "SELECT segment_id, vector, scale FROM claim_embeddings WHERE encoder = ? AND id > ? ORDER BY id",
                (encoder_name, since),
            )
            while chunk := rows.fetchmany(20_000):
                ids = np.fromiter((r[0] for r in chunk), dtype=np.int64, count=len(chunk))
                codes = np.frombuffer(b"".join(r[1] for r in chunk), dtype=np.int8).reshape(len(chunk), dimensions)
                scales = np.fromiter((r[2] for r in chunk), dtype=np.float32, count=len(chunk))
                index.add_quantised(ids, codes, scales)
            _CACHE.entries[key] = (index, top)
            return index

    # -- candidates ---------------------------------------------------------

    def similar(self, claim_id: int, *, viewer: str, k: int = 5) -> list[Twin]:
        """The claims from other articles most likely to state the same fact, best first, with the latest
        decision on each pair and, as blind review allows `viewer`, their labels and verdict.

        Raises MatchingUnavailable when matching is off. A claim not embedded yet is embedded now, with a few
        other queued ones; claims still queued are no candidates until `workbench embed` (or later pages) fill them.
        """
        import numpy as np

        from ..matching import Claim as MatchClaim
        from ..matching import Matcher, Prepared, extract_quantities
        from ..matching.matcher import SHORTLIST, _units
        from ..matching.signals import core_of

        claim = self._claims.claim(claim_id)
        if claim.kind.value != "claim":
            raise InvalidInput.of("err.match_not_claim", segment=claim_id)
        from ..matching.encoder import identity

        name, dimensions = identity()  # the encoder itself loads only when something must be embedded
        stored = self._stored_units(claim_id, name)
        if stored is None:  # this claim first, so the page never waits for a long queue
            self._embed_now(self._encoder(), claim)
            stored = self._stored_units(claim_id, name)
            if stored is None:
                return []
        # Claims just imported, split or restored become candidates on the next page; a backlog (a database
        # that had claims before matching, an encoder upgrade) is left to `workbench embed`, so no page pays.
        pending = self.conn.execute(
            "SELECT COUNT(*) FROM (SELECT 1 FROM embedding_queue LIMIT ?) AS waiting", (FILL_BACKLOG + 1,)
        ).fetchone()[0]
        if 0 < pending <= FILL_BACKLOG:
            self.fill_embeddings(FILL_PER_PAGE)
        index = self._index(name, dimensions)
        same_article = [
            r[0] for r in self.conn.execute("SELECT id FROM segments WHERE article_id = ?", (claim.article_id,))
        ]
        with _CACHE.lock:  # one search at a time: the index's work buffer is shared, and it may be growing
            neighbours = index.search(stored[0][0] * stored[1][0], SHORTLIST + EXTRA, exclude=same_article)
        if not neighbours:
            return []
        # The index's nearest neighbours (ids it found in memory) that are still current claims.
        sql, params = ClaimFilter(ids=tuple(n for n, _ in neighbours)).select(
            f"{CLAIM_COLUMNS}, a.title, e.units, e.unit_scales",
            joins=" JOIN claim_embeddings e ON e.segment_id = s.id",
            also=["e.encoder = ?"],
            also_params=[name],
            ordered=False,
        )
        rows = self.conn.execute(sql, params).fetchall()
        by_id = {row[0]: row for row in rows}
        ordered = [by_id.pop(n) for n, _ in neighbours if n in by_id][:SHORTLIST]  # pop: an id listed twice once

        def prepare(c: Claim, vectors: np.ndarray) -> Prepared:
            texts = _units(c.text)
            if len(texts) != len(vectors):  # stored by another clause rule: compare whole sentences only
                texts, vectors = texts[:1], vectors[:1]
            return Prepared(
                MatchClaim(c.id, c.text, c.language, c.article_id),
                vectors[0],
                vectors,
                tuple(core_of(u, c.language) for u in texts),
                tuple(extract_quantities(c.text, c.language)),
            )

        mine = prepare(claim, stored[0] * stored[1][:, None])
        decisions = self._decisions_of(claim_id)
        # The clause cosine of every shortlisted claim first (one matrix product each); the word rules, which
        # cost far more, only for the best until no other can overtake: a rule only ever lowers a score.
        shortlist = []
        for row in ordered:
            units = _blob_rows(row[11], dimensions).astype(np.float32) * np.frombuffer(row[12], np.float32)[:, None]
            shortlist.append((float((mine.units @ units.T).max()), row, units))
        shortlist.sort(key=lambda item: -item[0])
        twins: list[tuple] = []
        for similarity, row, units in shortlist:
            if len(twins) >= k and sorted(-t[0].score for t in twins)[k - 1] <= -similarity:
                break
            other = claim_from_row(row[:10])
            twins.append((Matcher.compare(mine, prepare(other, units)), other, row[10]))
        twins.sort(key=lambda t: -t[0].score)
        out = []
        for comparison, other, title in twins[:k]:
            labels, verdict = self._visible(other.id, viewer)
            out.append(
                Twin(
                    other, title, comparison.score, comparison.reasons, decisions.get(other.id), tuple(labels), verdict
                )
            )
        return out

    def _embed_now(self, encoder: Encoder, claim: Claim) -> None:
        rows = self._encode(encoder, [(claim.id, claim.text, claim.language)])
        with self.database.write() as conn:
            self._store_embeddings(conn, rows)
            conn.execute("DELETE FROM embedding_queue WHERE segment_id = ?", (claim.id,))

    def _stored_units(self, claim_id: int, encoder_name: str) -> tuple[np.ndarray, np.ndarray] | None:
        import numpy as np

        row = self.conn.execute(
            "SELECT units, unit_scales FROM claim_embeddings WHERE segment_id = ? AND encoder = ?",
            (claim_id, encoder_name),
        ).fetchone()
        if row is None:
            return None
        scales = np.frombuffer(row[1], dtype=np.float32)
        return np.frombuffer(row[0], dtype=np.int8).reshape(len(scales), -1).astype(np.float32), scales

    def _visible(self, claim_id: int, viewer: str) -> tuple[list[Label], Status | None]:
        """The labels and verdict of a claim that `viewer` may see (blind review, as on the claim itself)."""
        labels = self._verdicts.visible_labels(claim_id, viewer)
        verdict = self._verdicts.verdict(claim_id, viewer=viewer)
        return labels, verdict.status if verdict else None

    # -- decisions and clusters ---------------------------------------------

    def _decisions_of(self, claim_id: int) -> dict[int, str]:
        """{other claim: latest decision} for the pairs this claim is in; undone pairs left out."""
        rows = self.conn.execute(
            "SELECT claim_a, claim_b, decision FROM match_decisions d WHERE (claim_a = :c OR claim_b = :c)"
            " AND id = (SELECT MAX(id) FROM match_decisions WHERE claim_a = d.claim_a AND claim_b = d.claim_b)",
            {"c": claim_id},
        )
        return {(b if a == claim_id else a): decision for a, b, decision in rows if decision != UNDONE}

    def decide_match(
        self, claim_id: int, other_id: int, decision: str, *, by: str, score: float | None = None
    ) -> int | None:
        """Record that two claims state the same fact ("same"), do not ("different"), or take the last decision
        back ("undone"): appended with who and when, never overwritten. Any account that may label may decide.
        Returns the cluster the first claim is in afterwards (None when in none)."""
        if decision not in DECISIONS:
            raise InvalidInput.of("err.match_decision", decision=str(decision)[:20])
        if claim_id == other_id:
            raise InvalidInput.of("err.match_itself", segment=claim_id)
        a, b = sorted((int(claim_id), int(other_id)))
        with self.database.write() as conn:
            self._accounts.require(by, Action.LABEL)
            for segment in (a, b):
                row = conn.execute(
                    "SELECT s.kind, s.superseded_at, a.retired_at FROM segments s JOIN articles a"
                    " ON a.id = s.article_id WHERE s.id = ?",
                    (segment,),
                ).fetchone()
                if row is None or row[2] is not None:
                    raise NotFound(f"claim {segment} does not exist")
                if row[1] is not None and decision == SAME:
                    raise InvalidInput.of("err.segment_superseded", segment=segment)
                if row[0] != "claim":
                    raise InvalidInput.of("err.match_not_claim", segment=segment)
            conn.execute(
                "INSERT INTO match_decisions (claim_a, claim_b, decision, score, by, at) VALUES (?, ?, ?, ?, ?, ?)",
                (a, b, decision, score, by, now()),
            )
            self._recluster(conn, (a, b))
            row = conn.execute("SELECT cluster_id FROM claim_clusters WHERE segment_id = ?", (claim_id,)).fetchone()
        return row[0] if row else None

    def _recluster(self, conn, claims: Iterable[int]) -> None:
        """Rebuild the clusters these claims were and are in, from the latest decision of every pair."""
        touched: set[int] = set(claims)
        old = conn.execute(
            "SELECT segment_id FROM claim_clusters WHERE cluster_id IN"
            " (SELECT cluster_id FROM claim_clusters WHERE segment_id IN (SELECT value FROM json_each(?)))",
            (json.dumps(sorted(touched)),),
        )
        touched |= {r[0] for r in old}
        conn.execute(
            "DELETE FROM claim_clusters WHERE segment_id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(touched)),),
        )
        seen: set[int] = set()
        for start in sorted(touched):
            if start in seen:
                continue
            component, frontier = {start}, [start]
            while frontier:
                node = frontier.pop()
                for other, decision in self._decisions_of(node).items():
                    if decision == SAME and other not in component:
                        component.add(other)
                        frontier.append(other)
            seen |= component
            if len(component) > 1:
                cluster = min(component)
                conn.executemany(
                    "INSERT INTO claim_clusters (segment_id, cluster_id) VALUES (?, ?)"
                    " ON CONFLICT (segment_id) DO UPDATE SET cluster_id = excluded.cluster_id",
                    [(member, cluster) for member in sorted(component)],
                )

    def cluster_of(self, claim_id: int) -> int | None:
        row = self.conn.execute("SELECT cluster_id FROM claim_clusters WHERE segment_id = ?", (claim_id,)).fetchone()
        return row[0] if row else None

    def cluster_members(self, claim_id: int) -> list[int]:
        """Every claim confirmed as the same claim as this one (itself included), or [] when in no cluster."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT segment_id FROM claim_clusters WHERE cluster_id ="
                " (SELECT cluster_id FROM claim_clusters WHERE segment_id = ?) ORDER BY segment_id",
                (claim_id,),
            )
        ]

    def cluster_ids(self) -> dict[int, int]:
        """{claim id: cluster id} for every clustered claim (exports)."""
        return dict(self.conn.execute("SELECT segment_id, cluster_id FROM claim_clusters"))

    def match_history(self, claim_id: int) -> list[dict]:
        """Every decision on a pair this claim is in, oldest first: who, when, which claim, what."""
        rows = self.conn.execute(
            "SELECT claim_a, claim_b, decision, by, at FROM match_decisions WHERE claim_a = :c OR claim_b = :c"
            " ORDER BY id",
            {"c": claim_id},
        )
        return [
            {"other": b if a == claim_id else a, "decision": decision, "by": by, "at": at}
            for a, b, decision, by, at in rows
        ]

    # -- suggestions, queue, alerts -----------------------------------------

    def _verdict_of(self, claim_id: int, viewer: str) -> tuple[Status, bool] | None:
        """The editor's verdict, else the strict majority of the labels `viewer` may see; None when neither."""
        labels, verdict = self._visible(claim_id, viewer)
        if verdict is not None:
            return verdict, True
        counts = Counter(label.status for label in labels).most_common(2)
        if not counts or (len(counts) == 2 and counts[0][1] == counts[1][1]):
            return None
        return counts[0][0], False

    def suggestion(self, claim_id: int, *, viewer: str) -> Suggestion | None:
        """What this claim's confirmed twins say, for the Review page to pre-fill: an editor's verdict first,
        else their reviewers' majority, with a source link given for that status. Never saved by itself."""
        found: list[tuple[bool, int, Status]] = []
        for twin in self.cluster_members(claim_id):
            if twin == claim_id:
                continue
            said = self._verdict_of(twin, viewer)
            if said is not None:
                found.append((not said[1], twin, said[0]))
        if not found:
            return None
        _, twin, status = min(found)
        labels, _ = self._visible(twin, viewer)
        cited = next((label for label in labels if label.status is status and label.source_url), None)
        other = self._claims.claim(twin)
        return Suggestion(
            status,
            cited.source_url if cited else "",
            cited.note if cited else "",
            twin,
            self._articles.article_title(other.article_id),
            other.language,
            by_editor=self._verdicts.verdict(twin, viewer=viewer) is not None,
        )

    def cluster_conflicts(self, *, viewer: str) -> list[ClusterConflict]:
        """Clusters whose claims got different verdicts (the editor's, else the labels' majority), for the
        Adjudication page and the Dashboard; only for a viewer who may see every label (editors, admins)."""
        if not self._visibility.can_see_all(viewer):
            return []
        clusters: dict[int, list[int]] = {}
        for segment, cluster in self.conn.execute(
            "SELECT c.segment_id, c.cluster_id FROM claim_clusters c JOIN segments s ON s.id = c.segment_id"
            f" WHERE {CURRENT} ORDER BY c.cluster_id, c.segment_id"
        ):
            clusters.setdefault(cluster, []).append(segment)
        out = []
        for cluster, members in clusters.items():
            said = []
            for member in members:
                verdict = self._verdict_of(member, viewer)
                if verdict is not None:
                    claim = self._claims.claim(member)
                    said.append((claim, self._articles.article_title(claim.article_id), verdict[0], verdict[1]))
            if len({status for _, _, status, _ in said}) > 1:
                out.append(ClusterConflict(cluster, tuple(said)))
        return out

    def cluster_conflict_count(self, *, viewer: str) -> int | None:
        """The Dashboard's figure: how many clusters of confirmed twins got different verdicts. None means there
        is no figure for `viewer`: they may not see every label and verdict (a reviewer under blind review), or
        no claims are clustered yet. Decided here, so the page only shows what it is given."""
        if (
            not self._visibility.sees_everything(viewer)
            or self.conn.execute("SELECT 1 FROM claim_clusters LIMIT 1").fetchone() is None
        ):
            return None
        return len(self.cluster_conflicts(viewer=viewer))

    def cluster_appearances(self) -> dict[int, list[int]]:
        """{claim id: the articles of every claim in its cluster, its own first} for ClaimReview."""
        rows = self.conn.execute(
            "SELECT c.cluster_id, c.segment_id, s.article_id FROM claim_clusters c JOIN segments s"
            " ON s.id = c.segment_id ORDER BY c.cluster_id, c.segment_id"
        ).fetchall()
        articles: dict[int, list[tuple[int, int]]] = {}
        for cluster, segment, article in rows:
            articles.setdefault(cluster, []).append((segment, article))
        out = {}
        for members in articles.values():
            for segment, article in members:
                others = [a for s, a in members if s != segment and a != article]
                out[segment] = [article, *dict.fromkeys(others)]
        return out
