"""The lines of a label batch (`workbench label --from FILE.jsonl`), each checked on its own.

A line is a JSON object {"claim_id": 12, "status": "verified", "source": "https://…", "note": "…"}, with
an optional "archive" (the archived copy of the source: a Wayback Machine, archive.today or perma.cc link).
Every way a line can be wrong is an InvalidInput naming what is wrong, so the batch can refuse that line
with its number and go on: bytes that are not UTF-8, a UTF-16 file, JSON nested past Python's recursion
limit, an id that is not a JSON integer (2.9, "2" and true were once taken for claims 2, 2 and 1).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from .errors import InvalidInput
from .ids import check_id

MAX_LABEL_LINE_BYTES = 1024 * 1024  # a label line is a few hundred bytes; a longer one is refused, not read whole


def numbered_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """Lines with their numbers; None for a line longer than MAX_LABEL_LINE_BYTES (read past, never held whole)."""
    number = 0
    while True:
        line = stream.readline(MAX_LABEL_LINE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LABEL_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(MAX_LABEL_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        yield number, line


def label_line(raw: bytes | None, first: bool) -> tuple[int, str, str, str, str] | None:
    """One line of a label batch as (claim id, status, source, note, archive); None for a blank line."""
    if raw is None:
        raise InvalidInput(f"longer than {MAX_LABEL_LINE_BYTES:,} bytes; not a label object")
    if first and raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InvalidInput("the file is UTF-16; save it as UTF-8 and try again")
    try:
        text = raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"not UTF-8 (byte {exc.start + 1} is 0x{raw[exc.start]:02x})") from None
    if not text.strip(" \t\r\n"):  # JSON's own whitespace: a line of U+001C is junk, not a blank line
        return None
    try:
        item = json.loads(text)
    except RecursionError:
        raise InvalidInput("nested too deeply to be a label object") from None
    except ValueError as exc:
        raise InvalidInput(f"not JSON ({exc})") from None
    if not isinstance(item, dict):
        raise InvalidInput('not a label object: give {"claim_id": 12, "status": "verified", "source": …, "note": …}')
    if "claim_id" not in item:
        raise InvalidInput("no claim_id")
    fields = {key: item.get(key) for key in ("status", "source", "note", "archive")}
    for key, value in fields.items():
        if value is not None and not isinstance(value, str):
            raise InvalidInput(f"{key} must be a string")
    if not fields["status"]:
        raise InvalidInput("no status")
    return (
        check_id(item["claim_id"], "claim"),
        fields["status"],
        fields["source"] or "",
        fields["note"] or "",
        fields["archive"] or "",
    )
