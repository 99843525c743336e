"""Text for a terminal: control characters shown escaped, and tables with a header and aligned columns.

A title or a note can hold ESC, BEL or a bidi override (an imported heading, a batch row's JSON); printed
raw, ESC ] 0 ; … BEL sets the terminal's window title and ESC [ … rewrites what is on screen. So every
cell and every refusal line goes through printable(): such characters appear as \\x1b, \\u202e and so on.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable, Sequence

# Format characters that reorder or hide what follows: bidi embeddings, overrides, isolates and marks.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _escaped(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` on one line, safe to print: controls (Cc), surrogates, line separators and bidi marks escaped."""
    if text.isprintable():  # the usual case, checked in C
        return text
    return "".join(
        _escaped(ch) if unicodedata.category(ch) in {"Cc", "Cs", "Zl", "Zp"} or ch in _BIDI else ch for ch in text
    )


def width(text: str) -> int:
    """Columns a string takes in a terminal: wide (East Asian) characters take two, combining marks none."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in {"W", "F"} else 1 for ch in text
    )


def pad(text: str, size: int, right: bool = False) -> str:
    gap = " " * max(0, size - width(text))
    return gap + text if right else text + gap


class Columns:
    """A table printed row by row: fixed widths known up front, so each row can be printed the moment it is ready.

    The last column takes whatever width it needs; numbers are right-aligned.
    """

    def __init__(self, header: Sequence[str], widths: Sequence[int], numeric: Sequence[bool] = ()) -> None:
        self.widths = [max(w, width(h)) for w, h in zip(widths, header)] + [0] * (len(header) - len(widths))
        self.numeric = list(numeric) + [False] * (len(header) - len(numeric))
        self.header = self.row(header, header=True)

    def row(self, cells: Sequence[object], header: bool = False) -> str:
        shown = [printable(str(cell)) for cell in cells]
        parts = [
            pad(cell, size, right=self.numeric[i] and not header) if i < len(shown) - 1 else cell
            for i, (cell, size) in enumerate(zip(shown, self.widths))
        ]
        return "  ".join(parts).rstrip()


def table(header: Sequence[str], rows: Sequence[Sequence[object]], numeric: Sequence[bool] = ()) -> list[str]:
    """Header and rows with every column as wide as its widest cell (for output printed once, at the end)."""
    shown = [[printable(str(cell)) for cell in row] for row in rows]
    widths = [max([width(h)] + [width(row[i]) for row in shown]) for i, h in enumerate(header)]
    columns = Columns(header, widths[:-1], numeric)
    return [columns.header, *(columns.row(row) for row in shown)]


def progress_bar(label: str) -> Callable[[int, int], None] | None:
    """A one-line bar on stderr, redrawn in place, for a long command: only on a terminal (a log or a pipe
    gets none). Call it with (done, total); it ends its line when done reaches total."""
    if not sys.stderr.isatty():
        return None

    def draw(done: int, total: int) -> None:
        size = 30
        filled = size * done // total if total else size
        end = "\n" if done >= total else ""
        print(f"\r{label} [{'#' * filled}{'.' * (size - filled)}] {done:,}/{total:,}", end=end, file=sys.stderr)
        sys.stderr.flush()

    return draw
