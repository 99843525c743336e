"""Decide, at each sentence-final punctuation mark, whether a new sentence starts after it.

The work is done on the raw string: a regex finds the few candidate positions (a run of
terminal punctuation, optional closing quotes or brackets, then whitespace) and a small
Python decision runs once per candidate, not once per token.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .abbreviations import BEFORE_NUMBER, OTHERS, TITLES, table_for
from .openers import openers_for

# Terminal punctuation, then closers (quotes/brackets that may follow a final period; German
# closes with “ and ‘, French may put a space before »),
# then the whitespace before the next sentence, then the first visible character after it.
# A match may only begin where a run of marks begins, and the run is taken whole
# (possessive): otherwise a long run of periods without whitespace takes quadratic time.
CANDIDATE = re.compile(
    r"(?<![.!?…‼⁉])(?P<term>[.!?…‼⁉]++|[:;])(?P<close>(?:[\"'»”’“‘)\]}›]|[ \u00a0\u202f][»›])*)(?P<space>\s+)(?=\S)"
)
# Characters that may open a sentence before its first word.
OPENERS = "\"'«“„‘‚‹([{¿¡*•·–—-"
# A dotted abbreviation such as "U.S", "s.p.a", "a.m", "d.h" (final period excluded).
DOTTED = re.compile(r"^(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}$")
NUMBER = re.compile(r"^\d+$")
# A list or section number: "3", "858", "1.2", "2.1.1".
ITEM_NUMBER = re.compile(r"^\d{1,4}(?:\.\d{1,3})*$")
_UPPER = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper())
_LOWER = "".join(chr(c) for c in range(0x61, 0x250) if chr(c).islower())
# Two sentences whose space was lost in a copy-paste: "… na etapa inicial.A melhor chance".
# Three lower-case letters before the period keep "S.p.A.", "U.S." and "Dr.Silva" out.
MISSING_SPACE = re.compile(rf"(?<=[{_LOWER}]{{3}})[.!?](?=[{_UPPER}][{_LOWER}]*[ ,;:])")
# A section number of a heading: "2.1", "2.1.6".
SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2}){1,4}$")
# A section number run into the text after a heading or sentence: "… especiais 2.1.6. Propriedades".
SECTION_START = re.compile(r"(?<=[^\W\d_]) (?P<number>\d{1,2}(?:\.\d{1,2}){1,4})\.? +(?P<next>[^\W\d_])")
# A citation "(POSSOBON, 2012)." right after a period belongs to the sentence before it.
TRAILING_CITATION = re.compile(r"\((?:[^()\n]{0,60}\d[^()\n]{0,20}|[^()\na-z]{1,40})\)[.!?]")
TERMINALS = ".!?…‼⁉;:"
APOSTROPHES = "'’"


@dataclass(frozen=True)
class Rules:
    """Everything the decision needs to know about one language."""

    language: str
    titles: frozenset[str]
    before_number: frozenset[str]
    others: frozenset[str]
    openers_words: frozenset[str]  # lower-cased function words that often open a sentence
    ordinal_before_noun: bool  # German "am 5. November": a number and period is an ordinal
    colon_before_capital: bool  # Italian: a capitalised word after a colon opens a new sentence
    glued_headlines: bool  # look for headlines run into the text (not in German: nouns are capitalised)
    semicolon_ends: bool  # Italian usage (and its treebanks): a semicolon closes a sentence
    lowercase_after_period: bool  # a full word, a period, then lower case: a new sentence anyway


def rules_for(language: str) -> Rules:
    return Rules(
        language=language,
        titles=table_for(TITLES, language),
        before_number=table_for(BEFORE_NUMBER, language),
        others=table_for(OTHERS, language),
        openers_words=openers_for(language),
        ordinal_before_noun=language == "de",
        colon_before_capital=language == "it",
        glued_headlines=language != "de",
        semicolon_ends=language == "it",
        # German abbreviations are too many and too open-ended ("z. B.", "u. a.") to risk it.
        lowercase_after_period=language != "de",
    )


def _previous_word(text: str, end: int) -> str:
    """The whitespace-delimited word ending at `end`, without opening quotes or brackets."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lstrip(OPENERS)


def _is_abbreviation(word: str, rules: Rules) -> bool:
    key = _abbreviation_key(word)
    return (
        key in rules.titles
        or key in rules.before_number
        or key in rules.others
        or DOTTED.match(key) is not None
        or (len(word) == 1 and word.isalpha())
    )


def _opens_sentence(text: str, end: int, word: str, rules: Rules) -> bool:
    """True when `word` (ending at `end`) is the first word of its line or of a sentence."""
    # A bounded look back: slicing from the start of the text would make long texts quadratic.
    before = text[max(0, end - len(word) - 200) : end - len(word)].rstrip(" \t" + OPENERS)
    if not before or before.endswith("\n"):
        return True
    if before[-1] not in TERMINALS:
        return False
    # "… legge n. 1209." — the period before the number belonged to an abbreviation.
    return before[-1] != "." or not _is_abbreviation(_previous_word(before, len(before) - 1), rules)


def _next_word(text: str, start: int) -> str:
    """The word starting at `start` after any opening punctuation, letters and digits only."""
    i = start
    n = min(len(text), start + 200)
    # Openers may be spaced from their word: "… -- dizia ele", "« Nous …".
    while i < n and (text[i] in OPENERS or (text[i] in " \u00a0\u202f" and i > start)):
        i += 1
    j = i
    while j < n and (text[j].isalnum() or text[j] in "’'-"):
        j += 1
    return text[i:j]


def _abbreviation_key(word: str) -> str:
    """Lower-cased word without an elided article: "dell'art" → "art"."""
    key = word.lower()
    for apostrophe in APOSTROPHES:
        if apostrophe in key:
            key = key.rsplit(apostrophe, 1)[1]
    return key


def _period_ends_sentence(text: str, match: re.Match[str], following: str, rules: Rules) -> bool:
    """The decision for a single period with nothing after it but whitespace."""
    first = following[:1]
    word = _previous_word(text, match.start())
    if not word:
        return True  # a period standing alone closes what came before it
    key = _abbreviation_key(word)
    if SECTION_NUMBER.match(word) or (ITEM_NUMBER.match(word) and _opens_sentence(text, match.start(), word, rules)):
        return False  # a numbered item or section: "1. Primeiro", "… speciali. 858. Comprensorio", "2.1.6."
    if text.startswith("(", match.end()) and TRAILING_CITATION.match(text, match.end()):
        return False  # a citation after the period: "… prioritária. (POSSOBON, 2012). Segundo"
    if first.isdigit():
        # "art. 5", "ca. 300", "Dec. 5": a number after an abbreviation continues it.
        return not (
            key in rules.titles
            or key in rules.before_number
            or key in rules.others
            or DOTTED.match(key)
            or NUMBER.match(word)
            or (len(word) == 1 and word.isalpha())
        )
    if key in rules.titles:
        return False
    if len(word) == 1 and word.isalpha():
        # An initial before a name ("J. Smith", "D. Pedro"), unless a sentence clearly
        # starts after it ("serie B. È …").
        return following.lower() in rules.openers_words
    if NUMBER.match(word) and rules.ordinal_before_noun:
        return following.lower() in rules.openers_words
    if key in rules.others or DOTTED.match(key):
        return following.lower() in rules.openers_words
    return True


def is_boundary(text: str, match: re.Match[str], rules: Rules) -> bool:
    """Whether the candidate `match` ends a sentence."""
    if text[match.end()] in ".!?…":
        return False  # "habitat. . 1.2": the stray mark that follows closes the sentence
    term = match.group("term")
    following = _next_word(text, match.end())
    first = following[:1]
    if term == ";":
        return rules.semicolon_ends
    if first.islower():
        # Sentences rarely start in lower case: "Yahoo! said", "dott. rossi", "… e poi";
        # but "…fa. in un futuro" after a plain word is a sentence whose capital was lost.
        return term == "." and rules.lowercase_after_period and _plain_word_before(text, match, rules)
    if term == ":":
        return rules.colon_before_capital and _sentence_after_colon(text, match, following, rules)
    if "?" in term or "!" in term or "‼" in term or "⁉" in term:
        return True
    if term != ".":
        # An ellipsis ends a sentence only before a capital or a new quoted sentence, and
        # not inside a parenthesis: "(os pais moram em ... Boliqueime)".
        return not first.isdigit() and not _inside_parenthesis(text, match)
    if match.group("close"):
        return True  # a closing quote or bracket after the period: `…end." Next`
    return _period_ends_sentence(text, match, following, rules)


def _sentence_after_colon(text: str, match: re.Match[str], following: str, rules: Rules) -> bool:
    """Italian: "Il punto è chiaro: Nessuno pagherà." but not "i nomi: Rossi, Bianchi e Verdi"
    nor a quotation ("ha detto: «Non …»"), which stays with its speaker."""
    if not following[:1].isupper() or text[match.end()] in OPENERS:
        return False
    if following.lower() in rules.openers_words:
        return True
    # A capitalised word then a lower-case one reads as a clause; then a comma or a
    # capital, as a list of names.
    rest = text[match.end() + len(following) : match.end() + len(following) + 40]
    return rest[:1] == " " and rest[1:2].islower()


def _inside_parenthesis(text: str, match: re.Match[str]) -> bool:
    """Whether the mark sits in a parenthesis that closes shortly after it."""
    before = text[max(0, match.start() - 120) : match.start()]
    if before.rfind("(") <= before.rfind(")"):
        return False
    after = text[match.end() : match.end() + 80]
    close = after.find(")")
    return close >= 0 and not any(mark in after[:close] for mark in ".!?…")


def _plain_word_before(text: str, match: re.Match[str], rules: Rules) -> bool:
    """Whether the period follows an ordinary word of two or more letters (no abbreviation)."""
    if match.group("close"):
        return True
    word = _previous_word(text, match.start())
    return len(word) > 3 and word.isalpha() and not _is_abbreviation(word, rules)


def sentence_starts(text: str, start: int, end: int, rules: Rules) -> Iterator[int]:
    """Character offsets in text[start:end] where a sentence starts after punctuation."""
    for match in CANDIDATE.finditer(text, start, end):
        if is_boundary(text, match, rules):
            yield match.end()


def missing_space_starts(text: str, start: int, end: int) -> Iterator[int]:
    """Offsets right after a sentence end that has no space after it ("inicial.A melhor")."""
    for match in MISSING_SPACE.finditer(text, start, end):
        yield match.end()


def section_starts(text: str, start: int, end: int) -> Iterator[int]:
    """Offsets where a numbered section heading starts in running text ("… 2.1.6. Propriedades")."""
    for match in SECTION_START.finditer(text, start, end):
        if match.group("next").isupper():
            yield match.start("number")
