"""Reading the claims `workbench match` compares: one JSON object a line, refused line by line in one sentence."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from ..errors import InvalidInput
from ..models import SUPPORTED_LANGUAGES
from .matcher import Claim

# A claim's vectors (whole sentence and clauses) take about 6 KB while matching: 50,000 is some 300 MB.
MAX_CLAIMS = 50_000
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_claims(data: bytes | Iterable[str], where: str = "") -> list[Claim]:
    """Lines `{"id": …, "text": …, "language": …, "article": …}` (language and article optional) as claims.

    An id or article is a string or a whole number; ids are unique; blank lines are skipped. The first bad
    line stops the read with InvalidInput naming it, so nothing is matched from a half-read file.
    """
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig").splitlines()
        except UnicodeDecodeError as exc:
            raise InvalidInput(f"{where}not UTF-8 text (byte {exc.start})") from None
    lines = data
    claims: list[Claim] = []
    seen: dict[object, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        at = f"{where}line {number}: "
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            raise InvalidInput(f"{at}not a JSON object") from None
        if not isinstance(record, dict):
            raise InvalidInput(f"{at}not a JSON object")
        for field in ("id", "text", "article"):
            # JSON can spell a lone surrogate (\ud800), which no UTF-8 output can print back.
            if isinstance(record.get(field), str) and _SURROGATE.search(record[field]):
                raise InvalidInput(f"{at}{field} holds a lone surrogate")
        unknown = sorted(set(record) - {"id", "text", "language", "article"})
        if unknown:
            raise InvalidInput(f"{at}unknown field {unknown[0]!r} (fields: id, text, language, article)")
        if "id" not in record:
            raise InvalidInput(f"{at}needs an id")
        claim_id = _key(record["id"], "id", at)
        if claim_id in seen:
            raise InvalidInput(f"{at}id {record['id']!r} already appears on line {seen[claim_id]}")
        seen[claim_id] = number
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            raise InvalidInput(f"{at}needs a text: a non-empty string")
        if "\x00" in text:
            raise InvalidInput(f"{at}the text holds a NUL character")
        language = record.get("language")
        if language is not None and language not in SUPPORTED_LANGUAGES:
            raise InvalidInput(f"{at}language {language!r} is not one of {', '.join(SUPPORTED_LANGUAGES)}")
        article = record.get("article")
        article = None if article is None else _key(article, "article", at)
        if len(claims) == MAX_CLAIMS:
            raise InvalidInput(f"{where}more than {MAX_CLAIMS:,} claims; split the file")
        claims.append(Claim(record["id"], text.strip(), language, article))
    if not claims:
        raise InvalidInput(f"{where}no claim to match: the file holds no line")
    return claims


def _key(value: object, field: str, at: str) -> tuple[str, object]:
    """An id or article as a dict key: 1 and "1" stay apart, and true or 1.5 are refused."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InvalidInput(f"{at}{field} must be a string or a whole number")
    if isinstance(value, str) and not value.strip():
        raise InvalidInput(f"{at}{field} must not be empty")
    return (type(value).__name__, value)
