"""The matching commands that read the database: `workbench similar` and `workbench embed`, and the embedding
of claims just imported. Kept apart from cli.py so the command line's core stays small."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from .database import open_store
from .store import Store
from .store.accounts import OPERATOR

IMPORT_EMBED_LIMIT = 5000  # claims embedded right after an import; `workbench embed` does any more


def cmd_similar(args: argparse.Namespace) -> int:
    """A stored claim's candidates from other articles, best first, one JSON line each (as the operator)."""
    with open_store(args.db) as store:
        for twin in store.similar(args.claim_id, viewer=OPERATOR, k=args.top):
            line = {
                "id": twin.claim.id,
                "article": twin.claim.article_id,
                "article_title": twin.article_title,
                "language": twin.claim.language,
                "score": round(twin.score, 3),
                "decision": twin.decision,
                "cluster": store.cluster_of(twin.claim.id),
                "text": twin.claim.text,
            }
            if twin.reasons:
                line["reasons"] = list(twin.reasons)
            print(json.dumps(line, ensure_ascii=False), flush=True)
    return 0


def cmd_embed(args: argparse.Namespace) -> int:
    """Embed every claim still waiting (new, or embedded by another encoder), in short batches."""
    with open_store(args.db) as store:
        done = store.fill_embeddings()
    print(f"embedded {done} claims", file=sys.stderr)
    return 0


def embed_after_import(store: Store) -> None:
    """Embed the claims an import stored, after its transactions; matching off or missing says so in one line."""
    from .matching import MatchingUnavailable, enabled

    if not store.embeddings_missing():
        return
    if not enabled():
        return
    try:
        store.fill_embeddings(IMPORT_EMBED_LIMIT)
    except MatchingUnavailable as exc:
        print(f"workbench: matching: {exc}", file=sys.stderr)
    left = store.embeddings_missing()
    if left:
        print(f"workbench: {left} claims wait to be embedded for matching: run `workbench embed`", file=sys.stderr)


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    similar = command("similar", cmd_similar, "list a stored claim's candidates for the same claim elsewhere")
    similar.add_argument("claim_id", type=int, metavar="CLAIM_ID")
    similar.add_argument("--top", type=int, default=5, metavar="K", help="how many candidates (default 5)")
    command("embed", cmd_embed, "embed the claims matching has not indexed yet")
