"""`workbench links check` and `workbench links show`: the evidence links labels cite, checked and read back.

A label saved on the command line never waits for the network; `links check` checks its link afterwards
(and every other, or those not checked for DAYS), with the fetch rules of import by URL.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from .database import open_store
from .linkcheck import check_links
from .terminal import printable, progress_bar


def _days(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a number of days (0 or more)")
    return value


def cmd_links_check(args: argparse.Namespace) -> int:
    """Exit 0 once every link due was checked, whatever it answered (dead links are findings, not refusals)."""
    with open_store(args.db, create=False) as store:
        summary = check_links(store, older_than_days=args.older_than, progress=progress_bar("checking links"))
    print(summary.line(), flush=True)
    return 0


def cmd_links_show(args: argparse.Namespace) -> int:
    """Every check of one link (any spelling with the same canonical form), oldest first, as JSON lines."""
    with open_store(args.db, create=False) as store:
        checks = store.link_checks(args.url)
    for check in checks:
        if not args.text:
            check.pop("text", None)
        print(json.dumps(check, ensure_ascii=False), flush=True)
    if not checks:
        print(printable(f"workbench: no check of {args.url} yet; run `workbench links check`"), file=sys.stderr)
    return 0


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    links = command("links", None, "check the source links labels cite, and read what was kept of them", db=None)
    actions = links.add_subparsers(dest="action", required=True, metavar="ACTION")
    check = actions.add_parser(
        "check",
        help="check every source link (dead: no such host, HTTP 4xx/5xx; changed: text differs from labelling)",
        description="Check every source link labels cite, a few at a time and one request per host at a time; "
        "flag dead links (no such host, HTTP 4xx or 5xx) and changed ones (the page's text is not the one "
        "checked when it was labelled). Prints one summary line; a progress bar on a terminal.",
    )
    check.set_defaults(func=cmd_links_check)
    check.add_argument(
        "--older-than", type=_days, metavar="DAYS", help="only links not checked for DAYS days (or never)"
    )
    show = actions.add_parser("show", help="every check of one link, as JSON lines")
    show.set_defaults(func=cmd_links_show)
    show.add_argument("url", metavar="URL", help="the link, in any spelling with the same canonical form")
    show.add_argument("--text", action="store_true", help="include the page's main text kept with each check")
    for sub in (check, show):
        sub.add_argument("--db", metavar="FILE", help="an existing database file (default: $WORKBENCH_DB)")
