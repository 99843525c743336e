"""The `workbench` command: one thin function per command over the domain; errors as one line, never a traceback."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import agreement, cli_matches, config, rules
from .database import open_store
from .errors import InvalidInput, WorkbenchError
from .exporting import EXPORT_FORMATS, export_file, write_export
from .models import SUPPORTED_LANGUAGES, Role, Status
from .server import check_serve_settings
from .store.accounts import OPERATOR
from .store.search import ClaimFilter

LANG_CHOICES = ("auto", *SUPPORTED_LANGUAGES)
STATUS_CHOICES = tuple(s.value for s in Status)
APP = Path(__file__).with_name("app.py")


def _print_jsonl(obj: dict) -> None:
    print(json.dumps(obj, ensure_ascii=False), flush=True)


def cmd_serve(args: argparse.Namespace) -> int:
    db = config.db_path(args.db).resolve()
    project = check_serve_settings(args.address)
    with open_store(db, demo=True):
        pass  # create, migrate and fill the database here, where an error is one clear line
    env = {**os.environ, "WORKBENCH_DB": str(db)}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.address",
        args.address,
        "--server.port",
        str(args.port),
        "--server.headless",
        "true",
    ]
    print(f"workbench: serving {db} on http://{args.address}:{args.port}", file=sys.stderr, flush=True)
    # Run from the project folder so Streamlit reads our .streamlit/config.toml.
    return subprocess.call(command, env=env, cwd=project)


def cmd_split(args: argparse.Namespace) -> int:
    from .importing import decode_article, prepare  # spaCy loads only for the commands that split

    for source in args.paths:
        data = sys.stdin.buffer.read() if source == "-" else _read(Path(source))
        prepared = prepare(decode_article(data, source), language=args.lang)
        split = prepared.split
        for segment in split.segments:
            if args.format == "text":
                print(f"{segment.index}\t{segment.kind.value}\t{segment.text}")
            else:
                _print_jsonl(
                    {
                        "source": source,
                        "index": segment.index,
                        "kind": segment.kind.value,
                        "text": segment.text,
                        "start": segment.start,
                        "end": segment.end,
                        "language": split.language,
                        "paragraph": segment.paragraph,
                    }
                )
    return 0


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read it ({exc.strerror})") from None


def cmd_import(args: argparse.Namespace) -> int:
    """Every article is imported or refused on its own; any refusal makes the exit code 1."""
    from itertools import chain

    from .importing import Refused, import_sources, import_url

    if not args.paths and not args.url:
        raise UsageError("give one or more PATHs, or --url URL")
    refused = 0
    with open_store(args.db) as store:
        outcomes = chain(
            import_sources(store, [Path(p) for p in args.paths], language=args.lang),
            *(import_url(store, url, language=args.lang) for url in args.url),
        )
        for result in outcomes:
            if isinstance(result, Refused):
                refused += 1
                print(f"workbench: refused: {result.where}: {result.reason}", file=sys.stderr, flush=True)
                continue
            note = "" if result.created else "\talready imported: stored once"
            print(f"{result.article_id}\t{result.language}\t{result.claims}{note}", flush=True)
        cli_matches.embed_after_import(store)
    return 1 if refused else 0


def cmd_articles(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        for article in store.articles():
            print(f"{article.id}\t{article.language}\t{article.labelled}/{article.claims}\t{article.title}")
    return 0


def _claim_filter(args: argparse.Namespace) -> ClaimFilter:
    return ClaimFilter(
        text=args.search or "",
        language=args.language,
        article_id=args.article,
        status=args.status,
        reviewer=args.reviewer,
        disagreement=args.disagreement,
    )


def cmd_claims(args: argparse.Namespace) -> int:
    found = _claim_filter(args)
    with open_store(args.db) as store:
        searching = args.search or args.language or args.reviewer or args.disagreement
        chosen = store.find_claims(found) if searching else store.claims(article_id=args.article, status=args.status)
        for claim in chosen:
            if args.format == "table":
                print(f"{claim.id}\t{claim.article_id}\t{claim.index}\t{claim.language}\t{claim.text}")
            else:
                _print_jsonl(
                    {
                        "id": claim.id,
                        "article_id": claim.article_id,
                        "index": claim.index,
                        "kind": claim.kind.value,
                        "text": claim.text,
                        "start": claim.start,
                        "end": claim.end,
                        "language": claim.language,
                    }
                )
    return 0


class UsageError(Exception):
    """A combination of arguments argparse cannot express; exit code 2 like argparse's own."""


def cmd_label(args: argparse.Namespace) -> int:
    if args.from_file:
        if args.claim_id is not None or args.status:
            raise UsageError("give either CLAIM_ID --status S, or --from FILE.jsonl, not both")
        return _label_batch(args)
    if args.claim_id is None or not args.status:
        raise UsageError("CLAIM_ID and --status are required (or --from FILE.jsonl)")
    with open_store(args.db) as store:
        label = store.save_label(
            args.claim_id,
            status=args.status,
            reviewer=args.reviewer,
            source_url=args.source or "",
            note=args.note or "",
        )
    _print_jsonl({"claim_id": label.claim_id, "reviewer": label.reviewer, "status": label.status.value})
    _warn_lookalike(args.source or "", f"claim {label.claim_id}")
    return 0


def _warn_lookalike(source: str, where: str) -> None:
    """Say so on stderr when a stored link's host was written with look-alike (non-ASCII) letters."""
    warning = rules.link_warning(source) if source else ""
    if warning:
        print(f"workbench: warning: {where}: {warning}", file=sys.stderr)


def _label_batch(args: argparse.Namespace) -> int:
    """One transaction per line; a line is printed only after its label is committed."""
    stream = sys.stdin if args.from_file == "-" else _open_text(Path(args.from_file))
    with open_store(args.db) as store, stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                claim_id, status = int(item["claim_id"]), str(item["status"])
                source, note = str(item.get("source") or ""), str(item.get("note") or "")
            except (ValueError, KeyError, TypeError) as exc:
                raise InvalidInput(f"{args.from_file} line {number}: not a label object ({exc})") from None
            try:
                label = store.save_label(claim_id, status=status, reviewer=args.reviewer, source_url=source, note=note)
            except WorkbenchError as exc:
                exc.args = (f"{args.from_file} line {number}: {exc}",)
                raise
            _print_jsonl({"claim_id": label.claim_id, "reviewer": label.reviewer, "status": label.status.value})
            _warn_lookalike(source, f"{args.from_file} line {number}")
    return 0


def _open_text(path: Path):
    try:
        return path.open(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read it ({exc.strerror})") from None


def cmd_backup(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        store.backup(Path(args.destination))
    print(f"workbench: backed up {store.path} to {args.destination}", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    filters = {
        "article_id": args.article,
        "status": args.status,
        "reviewer": args.reviewer,
        "text": args.search,
        "language": args.language,
        "disagreement": args.disagreement,
    }
    with open_store(args.db) as store:
        if args.output == "-":
            sys.stdout.flush()
            write_export(store, sys.stdout.buffer, args.format, excel=args.excel, **filters)
            sys.stdout.buffer.flush()
        else:
            count = export_file(store, Path(args.output), args.format, excel=args.excel, **filters)
            unit = {"jsonl": "lines", "claimreview": "records"}.get(args.format, "rows")
            print(f"workbench: wrote {count} {unit} to {args.output}", file=sys.stderr)
    return 0


def _find_arguments(parser: argparse.ArgumentParser, reviewer: bool = True) -> None:
    """--search, --language, --disagreement (and --reviewer): the filters of the Review and Export pages."""
    parser.add_argument("--search", metavar="TEXT", help="claims containing these words (accents ignored)")
    parser.add_argument("--language", choices=(*SUPPORTED_LANGUAGES, "xx"))
    if reviewer:
        parser.add_argument("--reviewer", help="claims this reviewer labelled (with --status: so labelled)")
    parser.add_argument("--disagreement", action="store_true", help="claims two reviewers labelled differently")


def cmd_users(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        if args.action == "add":
            account = store.add_account(args.email, args.role, by=OPERATOR)
            print(f"{account.email}\t{account.role.value}")
        elif args.action == "remove":
            store.remove_account(args.email, by=OPERATOR)
            print(f"workbench: removed {args.email}; their labels stay", file=sys.stderr)
        else:
            for account in store.accounts():
                print(f"{account.email}\t{account.role.value}\t{account.created_at}")
    return 0


def cmd_adjudicate(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        verdict = store.adjudicate(args.claim_id, status=args.status, note=args.note, by=args.by)
    _print_jsonl({"claim_id": verdict.claim_id, "status": verdict.status.value, "by": verdict.by, "at": verdict.at})
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        ratings, articles = store.ratings()
    result = agreement.report(ratings, articles)
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    figure = lambda value: "—" if value is None else f"{value:.3f}"  # noqa: E731
    print(f"claims with labels\t{result['units']}")
    print(f"Krippendorff's alpha\t{figure(result['krippendorff_alpha'])}")
    print(f"Fleiss' kappa\t{figure(result['fleiss_kappa'])}")
    for pair in result["cohen_kappa"]:
        print(f"Cohen's kappa {pair['a']} / {pair['b']}\t{figure(pair['kappa'])}\t(n={pair['n']})")
    for article in result["per_article"]:
        print(
            f"article {article['article_id']}\talpha {figure(article['krippendorff_alpha'])}"
            f"\tFleiss {figure(article['fleiss_kappa'])}\t(n={article['units']})"
        )
    return 0


def cmd_match(args: argparse.Namespace) -> int:
    from .matching import Matcher, load_encoder, read_claims  # numpy and the encoder load only for this command

    if args.top is not None and args.top < 1:
        raise UsageError("--top must be 1 or more")
    data = sys.stdin.buffer.read() if args.file == "-" else _read(Path(args.file))
    claims = read_claims(data, where=f"{args.file}: ")
    matcher = Matcher(load_encoder())
    prepared = matcher.prepare(claims)
    if args.top is not None:
        for claim, candidates in zip(prepared, matcher.rank(prepared, args.top)):
            found = [{"id": other.claim.id, "score": round(c.score, 3)} for other, c in candidates]
            _print_jsonl({"id": claim.claim.id, "candidates": found})
    else:
        for a, b, comparison in matcher.suggest(prepared):
            _print_jsonl({"a": a.claim.id, "b": b.claim.id, "score": round(comparison.score, 3)})
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workbench", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str, fn: Callable[[argparse.Namespace], int], help: str, db: bool = True
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(func=fn)
        if db:
            sub.add_argument("--db", help="database file (default: $WORKBENCH_DB, else annotations/workbench.db)")
        return sub

    serve = command("serve", cmd_serve, "start the web app")
    serve.add_argument("--port", type=int, default=8501)
    serve.add_argument("--address", default="127.0.0.1")

    split = command("split", cmd_split, "split articles into segments; no database", db=False)
    split.add_argument("paths", nargs="+", metavar="PATH", help="a .txt/.md file, or - for standard input")
    split.add_argument("--lang", choices=LANG_CHOICES, default="auto")
    split.add_argument("--format", choices=("jsonl", "text"), default="jsonl")

    imp = command("import", cmd_import, "import articles: .txt/.md/.html, CSV/JSONL batches, folders, URLs")
    imp.add_argument("paths", nargs="*", metavar="PATH", help="a file or a folder of files")
    imp.add_argument("--url", action="append", default=[], help="fetch a page and import it (repeatable)")
    imp.add_argument("--lang", choices=LANG_CHOICES, default="auto")

    command("articles", cmd_articles, "list articles with their review progress")

    claims = command("claims", cmd_claims, "list claims")
    claims.add_argument("--article", type=int)
    claims.add_argument("--status", choices=(*STATUS_CHOICES, "unlabelled"))
    claims.add_argument("--format", choices=("jsonl", "table"), default="jsonl")
    _find_arguments(claims)

    label = command("label", cmd_label, "label one claim, or many from a JSONL file")
    label.add_argument("claim_id", type=int, metavar="CLAIM_ID", nargs="?")
    label.add_argument("--status", choices=STATUS_CHOICES)
    label.add_argument("--reviewer", required=True)
    label.add_argument("--source", help="source link (required for verified and disputed)")
    label.add_argument("--note")
    label.add_argument(
        "--from",
        dest="from_file",
        metavar="FILE.jsonl",
        help="one object per line: claim_id, status, source, note (- for stdin)",
    )

    users = command("users", cmd_users, "add, list or remove accounts (the command line acts as an admin)")
    actions = users.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="add an account, or change its role")
    add.add_argument("email", metavar="EMAIL")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    listing = actions.add_parser("list", help="list accounts")
    remove = actions.add_parser("remove", help="remove an account; its labels stay")
    remove.add_argument("email", metavar="EMAIL")
    for sub in (add, listing, remove):
        # SUPPRESS: without --db here, the value given before ACTION (users --db P add …) stays.
        sub.add_argument("--db", default=argparse.SUPPRESS, help="database file")

    adjudicate = command("adjudicate", cmd_adjudicate, "an editor's final verdict on a claim")
    adjudicate.add_argument("claim_id", type=int, metavar="CLAIM_ID")
    adjudicate.add_argument("--status", required=True, choices=STATUS_CHOICES)
    adjudicate.add_argument("--note", required=True)
    adjudicate.add_argument("--by", required=True, metavar="EMAIL")

    agree = command("agreement", cmd_agreement, "agreement between reviewers: Krippendorff's alpha, kappas")
    agree.add_argument("--format", choices=("json", "table"), default="table")

    backup = command("backup", cmd_backup, "write a consistent copy of the live database")
    backup.add_argument("destination", metavar="DEST")

    match = command("match", cmd_match, "suggest pairs of claims that state the same fact; no database", db=False)
    match.add_argument("file", metavar="FILE.jsonl", help='lines {"id", "text", "language", "article"}; - for stdin')
    match.add_argument("--top", type=int, metavar="K", help="print each claim's K best candidates instead")
    cli_matches.add_commands(command)

    export = command("export", cmd_export, "export claims and labels")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="csv")
    export.add_argument("--excel", action="store_true", help="start a CSV with a UTF-8 BOM, for Excel")
    export.add_argument("-o", "--output", default="-", help="file to write, or - for standard output")
    export.add_argument("--article", type=int)
    export.add_argument("--status", choices=(*STATUS_CHOICES, "unlabelled"))
    export.add_argument("--reviewer")
    _find_arguments(export, reviewer=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    try:
        return args.func(args)
    except UsageError as exc:
        parser.exit(2, f"workbench {args.command}: error: {exc}\n")
    except WorkbenchError as exc:
        print(f"workbench: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # A reader such as `head` closed the pipe; not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(f"workbench: error: {exc.strerror or exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
