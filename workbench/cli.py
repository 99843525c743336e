"""The `workbench` command: one thin function per command over the domain; errors as one line, never a traceback."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO, NoReturn

from . import agreement, cli_links, cli_matches, config, rules
from .database import missing_database, open_store
from .errors import DatabaseError, InvalidInput, WorkbenchError
from .exporting import EXPORT_FORMATS, export_file, write_export
from .formats.csv_cells import DELIMITERS
from .ids import parse_id
from .label_lines import label_line, numbered_lines
from .models import SUPPORTED_LANGUAGES, Role, Status
from .server import check_port, check_serve_settings, run_child
from .store import Store
from .store.accounts import OPERATOR
from .store.search import ClaimFilter
from .terminal import Columns, printable, progress_bar, table

DESCRIPTION = """\
A workbench for fact-checkers. Import news articles; the workbench splits each into claims, one
sentence at a time. Reviewers label every claim verified, unverified or disputed, with the source
link that settles it and a note; an editor gives the final verdict where reviewers disagree. The
whole record (who said what, when, about which claim) exports to CSV, JSONL and ClaimReview.

`workbench serve` opens the web app; the other commands do the same work from a terminal or a script."""

EPILOG = """\
a first session:
  workbench import articles/        import a folder of .txt/.md/.html files (creates the database)
  workbench articles                what was imported, and how much of it is labelled
  workbench serve                   review in the browser at http://127.0.0.1:8501
  workbench export -o labels.csv    every label, one row each, for a spreadsheet

The database is annotations/workbench.db unless --db or WORKBENCH_DB names another; only import,
serve and users add create it. Exit codes: 0 done, 1 refused (one line on stderr says why), 2 wrong
usage. `workbench COMMAND --help` describes each command."""

LANG_CHOICES = ("auto", *SUPPORTED_LANGUAGES)
STATUS_CHOICES = tuple(s.value for s in Status)
APP = Path(__file__).with_name("app.py")


def _note(message: str) -> None:
    """One line on stderr that is not a refusal: a warning, what was created, what was skipped."""
    print(f"workbench: {printable(message)}", file=sys.stderr, flush=True)


def _refused(where: str, reason: str) -> None:
    _note(f"refused: {where}: {reason}")


def _created(store: Store) -> None:
    if store.created:
        _note(f"created a new database at {store.path}")


def _print_jsonl(obj: dict) -> None:
    print(json.dumps(obj, ensure_ascii=False), flush=True)


def cmd_serve(args: argparse.Namespace) -> int:
    db = config.db_path(args.db)
    db = db.resolve() if isinstance(db, Path) else db
    project = check_serve_settings(args.address)
    check_port(args.address, args.port)  # before the database is created or filled: a busy port leaves nothing
    with open_store(db, demo=True) as store:
        _created(store)  # create, migrate and fill the database here, where an error is one clear line
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
    _note(f"serving {db} on http://{args.address}:{args.port}")
    # Run from the project folder so Streamlit reads our .streamlit/config.toml; stopping us stops it.
    return run_child(command, env=env, cwd=project)


def cmd_split(args: argparse.Namespace) -> int:
    from .importing import decode_article, prepare  # spaCy loads only for the commands that split

    for source in args.paths:
        data = sys.stdin.buffer.read() if source == "-" else _read(Path(source))
        prepared = prepare(decode_article(data, source), language=args.lang)
        split = prepared.split
        for segment in split.segments:
            if args.format == "text":
                print(f"{segment.index}\t{segment.kind.value}\t{printable(segment.text)}")
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

    from .importing import Notice, Refused, Skipped, import_sources, import_url, revision_line

    if not args.paths and not args.url:
        raise UsageError("give one or more PATHs, or --url URL")
    # A path that is not there is refused before the database is opened: nothing to import creates nothing.
    missing = [p for p in args.paths if not os.path.lexists(p)]
    for path in missing:
        _refused(path, "no such file or folder")
    paths = [Path(p) for p in args.paths if p not in missing]
    if not paths and not args.url:
        return 1
    refused = len(missing)
    columns = Columns(("article", "language", "claims", "result", "title"), (7, 8, 6, 16), (True, False, True))
    with open_store(args.db) as store:
        _created(store)
        outcomes = chain(
            import_sources(store, paths, language=args.lang),
            *(import_url(store, url, language=args.lang) for url in args.url),
        )
        header = False
        for result in outcomes:
            if isinstance(result, Skipped):
                _note(f"skipped: {result.where}: {result.reason}")
                continue
            if isinstance(result, Refused):
                refused += 1
                _refused(result.where, result.reason)
                continue
            if isinstance(result, Notice):
                print(f"workbench: note: {result.message}", file=sys.stderr, flush=True)
                continue
            if not header:
                print(columns.header, flush=True)
                header = True
            done = "imported" if result.created else "already imported"
            if result.revised is not None:
                done = f"revision {result.revised.revision}"
            print(columns.row((result.article_id, result.language, result.claims, done, result.title)), flush=True)
            if result.revised is not None:
                print(revision_line(result.revised), flush=True)
        cli_matches.embed_after_import(store)
    return 1 if refused else 0


def cmd_articles(args: argparse.Namespace) -> int:
    with open_store(args.db, create=False) as store:
        rows = [(a.id, a.language, f"{a.labelled}/{a.claims}", a.revision, a.title) for a in store.articles()]
    if rows:
        header = ("article", "language", "labelled", "revision", "title")
        print("\n".join(table(header, rows, (True, False, True, True))))
    return 0


def _article(store: Store, args: argparse.Namespace) -> int | None:
    """The --article given, checked: a number that is no article is refused, not read as "no claims"."""
    if args.article is None:
        return None
    article_id = parse_id(args.article, "article")
    store.article(article_id)  # NotFound names it
    return article_id


def _claim_filter(args: argparse.Namespace, article_id: int | None) -> ClaimFilter:
    return ClaimFilter(
        text=args.search or "",
        language=args.language,
        article_id=article_id,
        status=args.status,
        reviewer=args.reviewer,
        disagreement=args.disagreement,
    )


def cmd_claims(args: argparse.Namespace) -> int:
    columns = Columns(("claim", "article", "index", "language", "text"), (7, 7, 5, 8), (True, True, True))
    with open_store(args.db, create=False) as store:
        article_id = _article(store, args)
        found = _claim_filter(args, article_id)
        # Only an article: streamed. Any other filter: a search, read as the operator (who sees every label).
        filtered = found != ClaimFilter(article_id=article_id)
        chosen = store.find_claims(found, viewer=OPERATOR) if filtered else store.claims(article_id=article_id)
        for number, claim in enumerate(chosen):
            if args.format == "table":
                if number == 0:
                    print(columns.header)
                print(columns.row((claim.id, claim.article_id, claim.index, claim.language, claim.text)))
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
    claim_id = parse_id(args.claim_id, "claim")
    with open_store(args.db, create=False) as store:
        label = store.save_label(
            claim_id,
            status=args.status,
            reviewer=args.reviewer,
            source_url=args.source or "",
            note=args.note or "",
            archive_url=args.archive or "",
        )
    # The link is not checked here: a label never waits for the network. `workbench links check` checks it.
    _print_jsonl({"claim_id": label.claim_id, "reviewer": label.reviewer, "status": label.status.value})
    _warn_lookalike(args.source or "", f"claim {label.claim_id}")
    return 0


def _warn_lookalike(source: str, where: str) -> None:
    """Say so on stderr when a stored link's host was written with look-alike (non-ASCII) letters."""
    warning = rules.link_warning(source) if source else ""
    if warning:
        _note(f"warning: {where}: {warning}")


def _label_batch(args: argparse.Namespace) -> int:
    """Each line is saved or refused on its own, with its line number; one transaction per line, and a line
    is printed only after its label is committed. A fault of the database itself stops the batch."""
    name = args.from_file
    stream = sys.stdin.buffer if name == "-" else _open_binary(Path(name))
    refused = 0
    with open_store(args.db, create=False) as store, stream:
        for number, raw in numbered_lines(stream):
            where = f"{name} line {number}"
            try:
                item = label_line(raw, first=number == 1)
                if item is None:
                    continue
                claim_id, status, source, note, archive = item
                label = store.save_label(
                    claim_id, status=status, reviewer=args.reviewer, source_url=source, note=note, archive_url=archive
                )
            except DatabaseError as exc:
                exc.args = (f"{where}: {exc}",)
                raise
            except WorkbenchError as exc:
                refused += 1
                _refused(where, str(exc))
                continue
            _print_jsonl({"claim_id": label.claim_id, "reviewer": label.reviewer, "status": label.status.value})
            _warn_lookalike(source, where)
    return 1 if refused else 0


def _open_binary(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read it ({exc.strerror})") from None


def cmd_copy(args: argparse.Namespace) -> int:
    from .store.copying import copy_workbench

    source = config.db_path(args.source)
    if isinstance(source, Path) and not source.exists():
        raise DatabaseError(missing_database(source))
    destination = config.db_path(args.destination)
    report = copy_workbench(source, destination, progress=progress_bar("copying rows"))
    rows = sum(count for count, _ in report.values())
    _note(
        f"copied {rows} rows in {len(report)} tables to {config.shown_target(destination)}; counts and checksums match"
    )
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    with open_store(args.db, create=False) as store:
        store.backup(Path(args.destination))
    _note(f"backed up {store.path} to {args.destination}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    with open_store(args.db, create=False) as store:
        return _export(store, args)


def _export(store: Store, args: argparse.Namespace) -> int:
    filters = {
        "article_id": _article(store, args),
        "status": args.status,
        "reviewer": args.reviewer,
        "text": args.search,
        "language": args.language,
        "disagreement": args.disagreement,
    }
    if args.output == "-":
        sys.stdout.flush()
        write_export(
            store,
            sys.stdout.buffer,
            args.format,
            viewer=OPERATOR,
            excel=args.excel,
            delimiter=args.delimiter,
            **filters,
        )
        sys.stdout.buffer.flush()
    else:
        count = export_file(
            store,
            Path(args.output),
            args.format,
            viewer=OPERATOR,
            excel=args.excel,
            delimiter=args.delimiter,
            **filters,
        )
        unit = {"jsonl": "lines", "claimreview": "records"}.get(args.format, "rows")
        _note(f"wrote {count} {unit} to {args.output}")
    return 0


def _find_arguments(parser: argparse.ArgumentParser, reviewer: bool = True) -> None:
    """--search, --language, --disagreement (and --reviewer): the filters of the Review and Export pages."""
    parser.add_argument("--search", metavar="TEXT", help="claims containing these words (accents ignored)")
    parser.add_argument(
        "--language", choices=(*SUPPORTED_LANGUAGES, "xx"), help="claims of articles in this language (xx: other)"
    )
    if reviewer:
        parser.add_argument("--reviewer", help="claims this reviewer labelled (with --status: so labelled)")
    parser.add_argument("--disagreement", action="store_true", help="claims two reviewers labelled differently")


def cmd_users(args: argparse.Namespace) -> int:
    with open_store(args.db, create=args.action == "add") as store:
        _created(store)
        if args.action == "add":
            account, before = store.put_account(args.email, args.role, by=OPERATOR)
            print(f"{account.email}\t{account.role.value}")
            if before is account.role:
                print(f"workbench: {account.email} is already {before.value}; nothing changed", file=sys.stderr)
            elif before is not None:
                print(
                    f"workbench: {account.email}: changed role from {before.value} to {account.role.value}",
                    file=sys.stderr,
                )
        elif args.action == "remove":
            gone = store.account(args.email)
            store.remove_account(args.email, by=OPERATOR)
            _note(f"removed {gone.email if gone else args.email}; their labels stay")
        else:
            rows = [(a.email, a.role.value, a.created_at) for a in store.accounts()]
            if rows:
                print("\n".join(table(("email", "role", "added"), rows)))
    return 0


def cmd_adjudicate(args: argparse.Namespace) -> int:
    claim_id = parse_id(args.claim_id, "claim")
    with open_store(args.db, create=False) as store:
        verdict = store.adjudicate(claim_id, status=args.status, note=args.note, by=args.by)
    _print_jsonl({"claim_id": verdict.claim_id, "status": verdict.status.value, "by": verdict.by, "at": verdict.at})
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    with open_store(args.db, create=False) as store:
        ratings, articles = store.ratings(viewer=OPERATOR)
    result = agreement.report(ratings, articles)
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(f"claims with labels\t{result['units']}")
    print(f"claims reviewed twice\t{result['n']}\t(minimum {result['minimum']})")
    print(f"Krippendorff's alpha\t{_agreement_figure(result['krippendorff_alpha'], result)}")
    print(f"Fleiss' kappa\t{_agreement_figure(result['fleiss_kappa'], result)}")
    for pair in result["cohen_kappa"]:
        print(f"Cohen's kappa {pair['a']} / {pair['b']}\t{_agreement_figure(pair['kappa'], pair)}")
    if result["pairs_below_minimum"]:
        print(f"pairs sharing fewer than {result['minimum']} claims\t{result['pairs_below_minimum']}\t(not shown)")
    for article in result["per_article"]:
        print(
            f"article {article['article_id']}\talpha {_agreement_figure(article['krippendorff_alpha'], article)}"
            f"\tFleiss {_agreement_figure(article['fleiss_kappa'], article)}"
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


def _agreement_figure(value: float | None, source: dict) -> str:
    """A figure with the n it comes from; below the minimum, the reason it is not given."""
    if source.get("too_few"):
        return f"too few claims reviewed twice (n={source['n']})"
    return ("—" if value is None else f"{value:.3f}") + f" (n={source['n']})"


class Parser(argparse.ArgumentParser):
    """argparse, with a usage error said in one line (and where to read more), like every other refusal."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {printable(message)} (see `{self.prog} --help`)\n")


def _number(what: str) -> Callable[[str], str]:
    """An id argument: ASCII digits, checked for range by the command (parse_id), so 10^30 is refused in words."""

    def digits(text: str) -> str:
        if not (text.isascii() and text.isdigit()):
            article = "an" if what[0] in "aeiou" else "a"
            raise argparse.ArgumentTypeError(f"{text[:40]!r} is not {article} {what} number")
        return text

    return digits


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="workbench", description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str, fn: Callable[[argparse.Namespace], int], help: str, db: str | None = "an existing"
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(func=fn)
        if db:
            sub.add_argument(
                "--db",
                metavar="FILE",
                help=f"{db} database file (default: $WORKBENCH_DB, else annotations/workbench.db)",
            )
        return sub

    serve = command("serve", cmd_serve, "start the web app (creates the database, with demo articles, if new)", "the")
    serve.add_argument("--port", type=int, default=8501, help="port to listen on (default: 8501)")
    serve.add_argument(
        "--address", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this computer only)"
    )

    split = command("split", cmd_split, "split articles into segments and print them; no database", db=None)
    split.add_argument("paths", nargs="+", metavar="PATH", help="a .txt/.md file, or - for standard input")
    split.add_argument("--lang", choices=LANG_CHOICES, default="auto", help="the articles' language (default: detect)")
    split.add_argument(
        "--format", choices=("jsonl", "text"), default="jsonl", help="one JSON object per segment, or text lines"
    )

    imp = command(
        "import", cmd_import, "import articles: .txt/.md/.html, CSV/JSONL batches, folders, URLs", "the (new: created)"
    )
    imp.add_argument("paths", nargs="*", metavar="PATH", help="a file or a folder of files")
    imp.add_argument("--url", action="append", default=[], help="fetch a page and import it (repeatable)")
    imp.add_argument("--lang", choices=LANG_CHOICES, default="auto", help="the articles' language (default: detect)")

    command("articles", cmd_articles, "list articles with their review progress")

    claims = command("claims", cmd_claims, "list claims")
    claims.add_argument("--article", type=_number("article"), metavar="ID", help="claims of this article only")
    claims.add_argument(
        "--status", choices=(*STATUS_CHOICES, "unlabelled"), help="claims someone labelled so (or nobody labelled)"
    )
    claims.add_argument(
        "--format", choices=("jsonl", "table"), default="jsonl", help="one JSON object per claim, or a table to read"
    )
    _find_arguments(claims)

    label = command("label", cmd_label, "label one claim, or many from a JSONL file")
    label.add_argument("claim_id", type=_number("claim"), metavar="CLAIM_ID", nargs="?", help="the claim to label")
    label.add_argument("--status", choices=STATUS_CHOICES, help="the label")
    label.add_argument("--reviewer", required=True, help="who labels (your name, or your e-mail in team mode)")
    label.add_argument("--source", help="source link (required for verified and disputed)")
    label.add_argument("--note", help="why, in a sentence or two")
    label.add_argument(
        "--archive", metavar="URL", help="an archived copy of the source (Wayback Machine, archive.today, perma.cc)"
    )
    label.add_argument(
        "--from",
        dest="from_file",
        metavar="FILE.jsonl",
        help="one object per line: claim_id, status, source, note, archive (- for stdin); each line saved or"
        " refused on its own",
    )

    users = command(
        "users",
        cmd_users,
        "add, list or remove accounts (the command line acts as an admin)",
        "the (users add creates it if new)",
    )
    actions = users.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="add an account, or change its role")
    add.add_argument("email", metavar="EMAIL", help="the person's e-mail address")
    add.add_argument("--role", required=True, choices=[r.value for r in Role], help="what they may do")
    listing = actions.add_parser("list", help="list accounts")
    remove = actions.add_parser("remove", help="remove an account; its labels stay")
    remove.add_argument("email", metavar="EMAIL", help="the account to remove")
    for sub in (add, listing, remove):
        # SUPPRESS: without --db here, the value given before ACTION (users --db P add …) stays.
        sub.add_argument("--db", metavar="FILE", default=argparse.SUPPRESS, help="database file")

    adjudicate = command("adjudicate", cmd_adjudicate, "an editor's final verdict on a claim")
    adjudicate.add_argument("claim_id", type=_number("claim"), metavar="CLAIM_ID", help="the claim to settle")
    adjudicate.add_argument("--status", required=True, choices=STATUS_CHOICES, help="the final verdict")
    adjudicate.add_argument("--note", required=True, help="the reason, kept with the verdict")
    adjudicate.add_argument("--by", required=True, metavar="EMAIL", help="the editor's account")

    agree = command("agreement", cmd_agreement, "agreement between reviewers: Krippendorff's alpha, kappas")
    agree.add_argument("--format", choices=("json", "table"), default="table", help="a table to read, or JSON")

    backup = command("backup", cmd_backup, "write a consistent copy of the live database")
    backup.add_argument("destination", metavar="DEST", help="the copy to write (a new file)")

    copy = command(
        "copy", cmd_copy, "copy a whole workbench between SQLite and PostgreSQL (ids kept, verified)", db=None
    )
    copy.add_argument("source", metavar="SRC", help="the workbench to copy: a database file or a postgresql:// URL")
    copy.add_argument("destination", metavar="DEST", help="a new file, or an empty PostgreSQL database's URL")

    match = command("match", cmd_match, "suggest pairs of claims that state the same fact; no database", db=False)
    match.add_argument("file", metavar="FILE.jsonl", help='lines {"id", "text", "language", "article"}; - for stdin')
    match.add_argument("--top", type=int, metavar="K", help="print each claim's K best candidates instead")
    cli_matches.add_commands(command, _number)
    cli_links.add_commands(command)

    export = command("export", cmd_export, "export claims and labels")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="csv", help="what to write (default: csv)")
    export.add_argument("--excel", action="store_true", help="start a CSV with a UTF-8 BOM, for Excel")
    export.add_argument(
        "--delimiter",
        choices=tuple(DELIMITERS),
        default=",",
        help="what separates a CSV's cells: , (default), ; (Excel in Italian, Portuguese and other locales"
        " with a decimal comma) or tab",
    )
    export.add_argument(
        "-o", "--output", default="-", help="file to write (a new or regular file), or - for standard output"
    )
    export.add_argument("--article", type=_number("article"), metavar="ID", help="this article's claims only")
    export.add_argument(
        "--status", choices=(*STATUS_CHOICES, "unlabelled"), help="labels with this status (or unlabelled claims)"
    )
    export.add_argument("--reviewer", help="this reviewer's labels only")
    _find_arguments(export, reviewer=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            # backslashreplace: an argument that is not UTF-8 (a file name) is shown escaped, not a crash.
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")  # type: ignore[union-attr]
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except UsageError as exc:
        parser.exit(2, f"{printable(f'workbench {args.command}: error: {exc}')}\n")
    except WorkbenchError as exc:
        return _say(f"workbench: error: {exc}")
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # A reader such as `head` closed the pipe; not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        return _say(f"workbench: error: {where}{exc.strerror or exc}")
    except Exception as exc:  # a bug: still one line, and an exit code no refusal uses
        return _say(f"workbench: internal error, please report it: {type(exc).__name__}: {exc}", 70)


def _say(line: str, code: int = 1) -> int:
    print(printable(line), file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
