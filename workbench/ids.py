"""Ids as they arrive from outside (a command-line argument, a URL, a JSON field): checked before any query.

SQLite stores an id in a signed 64-bit integer: a larger Python int raises OverflowError inside the
driver, and int() of a string over 4,300 digits raises ValueError, so both are refused here, in words.
"""

from __future__ import annotations

from .errors import InvalidInput, NotFound

MAX_ID = 2**63 - 1
_MAX_DIGITS = len(str(MAX_ID))


def parse_id(text: str, what: str = "claim") -> int:
    """A decimal id typed by a person ('42'); InvalidInput for anything else, NotFound past SQLite's range."""
    digits = text.strip()
    # isdigit() alone accepts '²' and other digits int() refuses; ASCII 0-9 only.
    if not digits or not digits.isascii() or not digits.isdigit():
        raise InvalidInput(f"{shorten(text)!r} is not {_article(what)} {what} number")
    if len(digits.lstrip("0")) > _MAX_DIGITS:
        raise NotFound(f"{what} {shorten(digits)} does not exist")
    return check_id(int(digits), what)


def check_id(value: object, what: str = "claim") -> int:
    """An id given as a JSON value: a JSON integer only (not 2.9, "1" or true), 1 … MAX_ID."""
    if type(value) is not int:
        raise InvalidInput(f"{what}_id must be a JSON integer, not {_json_kind(value)}")
    if value < 1:
        raise InvalidInput(f"{what}_id must be 1 or more, not {_digits(value)}")
    if value > MAX_ID:
        raise NotFound(f"{what} {_digits(value)} does not exist")
    return value


def _json_kind(value: object) -> str:
    """What a JSON value is, briefly; never repr() of a container, which could be deeply nested."""
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if isinstance(value, float):
        return shorten(repr(value))
    if isinstance(value, str):
        return f"the string {shorten(repr(value))}"
    return "a list" if isinstance(value, list) else "an object" if isinstance(value, dict) else type(value).__name__


def _digits(value: int) -> str:
    try:
        return shorten(str(value))
    except ValueError:  # more digits than Python converts to text
        return "with thousands of digits"


def shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"
