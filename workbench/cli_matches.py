"""The matching commands that read the database: `workbench similar` and `workbench embed`, and the embedding
of claims just imported. Kept apart from cli.py so the command line's core stays small."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from .database import open_store
from .ids import parse_id
from .store import Store
from .store.accounts import OPERATOR
from .terminal import printable

IMPORT_EMBED_LIMIT = 5000  # claims embedded right after an import; `workbench embed` does any more


def _note(message: str) -> None:
    """One line on stderr, as cli.py's notes are (kept here: cli.py imports this module)."""
    print(f"workbench: {printable(message)}", file=sys.stderr, flush=True)


def _top(text: str) -> int:
    """--top K: a whole number, 1 or more; anything else is a usage error in one line."""
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a number of candidates (1 or more)")
    return int(text)


def cmd_similar(args: argparse.Namespace) -> int:
    """A stored claim's candidates from other articles, best first, one JSON line each (as the operator)."""
    claim_id = parse_id(args.claim_id, "claim")
    # Only reads (the page-run embedding aside): a mistyped --db is refused, not created empty.
    with open_store(args.db, create=False) as store:
        for twin in store.similar(claim_id, viewer=OPERATOR, k=args.top):
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
    # Embeddings are derived from claims already stored: a database that does not exist has none to embed.
    with open_store(args.db, create=False) as store:
        done = store.fill_embeddings()
    _note(f"embedded {done} claims")
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
        _note(f"matching: {exc}")
    left = store.embeddings_missing()
    if left:
        _note(f"{left} claims wait to be embedded for matching: run `workbench embed`")


def add_commands(
    command: Callable[..., argparse.ArgumentParser], number: Callable[[str], Callable[[str], str]]
) -> None:
    """The matching commands, on cli.py's parser (`command`) with its id argument type (`number`)."""
    similar = command("similar", cmd_similar, "list a stored claim's candidates for the same claim elsewhere")
    similar.add_argument(
        "claim_id", type=number("claim"), metavar="CLAIM_ID", help="the claim whose twins in other articles to list"
    )
    similar.add_argument("--top", type=_top, default=5, metavar="K", help="how many candidates (default: 5)")
    command("embed", cmd_embed, "embed the claims matching has not indexed yet")
