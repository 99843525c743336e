"""Text normalisation applied before any splitting, so offsets index one canonical text."""

from __future__ import annotations

BOM = "\ufeff"


def normalise_text(text: str) -> str:
    """Drop a leading BOM and turn CRLF and lone CR into LF; every other character is kept."""
    if text.startswith(BOM):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
