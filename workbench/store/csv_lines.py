"""The long CSV export's lines built by the database itself, in the dialect of formats/csv_cells.py.

One SQL expression per row gives the whole line: on SQLite a printf() (`sqlite_line_sql`), on PostgreSQL
a concatenation read through `COPY … TO STDOUT` (`postgres_line_sql`). The `'` inside texts (after another
separator) is `csv_cells.neutralise_lines`'s work, on the lines these give, the same for both engines.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..formats.csv_cells import DELIMITERS, FORMULA_TRIGGERS, NEUTRAL_PREFIX

# unicode() of each trigger and of the prefix: the first character of a text, read as a number,
# is the cheapest test SQLite has (a substr() allocates a string per cell).
_TRIGGER_CODES = ", ".join(str(ord(ch)) for ch in (*FORMULA_TRIGGERS, NEUTRAL_PREFIX))


def _prefix_sql(expr: str) -> str:
    # unicode('') and unicode(NULL) are NULL, and printf's %s writes NULL as nothing.
    return f"CASE WHEN unicode({expr}) IN ({_TRIGGER_CODES}) THEN '{NEUTRAL_PREFIX * 2}' END"


def _text_args(expr: str) -> str:
    return f"{_prefix_sql(expr)}, COALESCE({expr}, '')"


def sqlite_line_sql(columns: Sequence[tuple[str, bool]], delimiter: str = ",") -> str:
    """An SQL expression giving one CSV line (CRLF included) from (SQL expression, whole number?) pairs.

    One printf() per row: %w doubles the double quotes inside a text, and the quotes around it are
    in the format, so a text cell costs no allocation of its own. A "whole number" column still goes
    through the text form when SQLite holds something else there: a foreign tool may have put text in it.
    SQLite's %w stops at a NUL character; the workbench refuses NUL in everything it stores.
    The `'` inside texts (after another separator) is `neutralise_lines`'s work, on the lines this gives.
    """
    formats, args = [], []
    for expr, whole in columns:
        if whole:
            formats.append("%s")
            args.append(
                f"CASE WHEN typeof({expr}) = 'integer' AND {expr} >= 0 THEN {expr}"
                f" ELSE printf('\"%s%w\"', {_text_args(expr)}) END"
            )
        else:
            formats.append('"%s%w"')
            args.append(_text_args(expr))
    if delimiter not in DELIMITERS.values():
        raise ValueError(f"delimiter {delimiter!r} is not one of {', '.join(map(repr, DELIMITERS.values()))}")
    joined = delimiter.join(formats).replace("\t", "' || char(9) || '")
    return f"printf('{joined}' || char(13, 10), {', '.join(args)})"


def _check(delimiter: str) -> None:
    if delimiter not in DELIMITERS.values():
        raise ValueError(f"delimiter {delimiter!r} is not one of {', '.join(map(repr, DELIMITERS.values()))}")


# PostgreSQL text holds no NUL, so the triggers it can meet are the others.
_PG_TRIGGERS = ", ".join(
    "'" + ch.replace("'", "''") + "'" for ch in (*FORMULA_TRIGGERS, NEUTRAL_PREFIX) if ch != "\x00"
)


def _pg_text(expr: str) -> str:
    value = f"COALESCE(({expr})::text, '')"
    prefix = f"CASE WHEN left({value}, 1) IN ({_PG_TRIGGERS}) THEN '{NEUTRAL_PREFIX * 2}' ELSE '' END"
    return f"'\"' || {prefix} || replace({value}, '\"', '\"\"') || '\"'"


def postgres_line_sql(columns: Sequence[tuple[str, bool]], delimiter: str = ",") -> str:
    """One CSV line without its CRLF (COPY ends each row), as `sqlite_line_sql` writes it: a whole number
    column holds only integers on PostgreSQL, written bare when not negative, else as text."""
    _check(delimiter)
    cells = [
        f"CASE WHEN ({expr}) >= 0 THEN ({expr})::text ELSE {_pg_text(expr)} END" if whole else _pg_text(expr)
        for expr, whole in columns
    ]
    glue = " || chr(9) || " if delimiter == "\t" else f" || '{delimiter}' || "
    return glue.join(cells)
