"""Decide, at each sentence-final punctuation mark, whether a new sentence starts after it.

The work is done on the raw string: a regex finds the few candidate positions (a run of
terminal punctuation, optional closing quotes or brackets, then whitespace) and a small
Python decision runs once per candidate, not once per token.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .abbreviations import BEFORE_NUMBER, ENDERS, OTHERS, TITLES, table_for
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
# Two levels or more ("2.1.6"), or one before a heading in capitals ("3.4 OBTENÇÃO"): a number
# with one period ("rose to 2.5.", "alle 8.15.", "Figura 2.6.") belongs to its sentence.
# (The pattern opens on a digit and checks the letter and space before it from there: a pattern
# that opens on a look-behind is tried at every position of the text, four times slower.)
SECTION_START = re.compile(
    r"(?P<number>\d(?<=[^\W\d_] \d)\d?(?:(?:\.\d{1,2}){2,4}|\.\d{1,2}(?=\.? +[A-ZÀ-Þ]{2,}\b)))"
    r"\.? +(?P<next>[^\W\d_])"
)
# A date written with periods ("27.05.94", "3.11.2024") is no section number.
DATE = re.compile(r"^\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})\.?$")
# An inline list enumerator after a semicolon: "…; 2) scuola", "…; b) il lavoro".
ENUMERATOR = re.compile(r"\(?(?:\d{1,2}|[a-z])\)\s")
# Days and months that follow a time of day within its sentence ("at 9 a.m. Monday").
CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july"
    " august september october november december lunes martes miércoles jueves viernes sábado domingo"
    " enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split()
)
# The enumerator opening an item inside a line, and how many words a short item has at most.
ITEM_START = re.compile(r"(?:^|\s)\(?(?:\d{1,2}|[a-z])\)\s")
MAX_LIST_ITEM_WORDS = 5
# The list item before a semicolon (back to the previous ";", ":" or sentence end) and the one after
# it (up to the next ";" or sentence end).
ITEM_BEFORE = re.compile(r"(?<=[;:.!?\n])[^;:.!?\n]*$")
ITEM_AFTER = re.compile(r"[^;:.!?\n]*(?=[;.!?])")
# A dateline's agency in brackets then a dash: "3 nov. (ANSA) – Il governo …".
DATELINE_AGENCY = re.compile(r"\([^()\n]{1,30}\)\s*[-–—]\s")
# Roman numerals, which follow "séc.", "cap.", "vol." as a number would.
# A lone "I" is left out: it is the English pronoun as often.
ROMAN = re.compile(r"^(?=[IVXLCDM]{2,}$|[VX]$)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
# Emoji and pictographs that close the sentence before them: "Che vittoria! 🎉 Domani …".
EMOJI_RUN = re.compile(
    "(?:[\u2190-\u21ff\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff\ufe0f\u200d]+[ \t\u00a0]+)+"
)
# A run of two or more hashtags ends a sentence when a capitalised word follows it.
HASHTAG_RUN = re.compile(rf"#(?<=\S #)\w+(?:[ \t]+#\w+)+[ \t]+(?=[{_UPPER}][{_LOWER}])")
# A citation "(POSSOBON, 2012)." right after a period belongs to the sentence before it.
TRAILING_CITATION = re.compile(r"\((?:[^()\n]{0,60}\d[^()\n]{0,20}|[^()\na-z]{1,40})\)[.!?]")
TERMINALS = ".!?…‼⁉;:"
QUOTES_OPEN = '«“„"‘'
APOSTROPHES = "'’"


@dataclass(frozen=True)
class Rules:
    """Everything the decision needs to know about one language."""

    language: str
    titles: frozenset[str]
    before_number: frozenset[str]
    others: frozenset[str]
    enders: frozenset[str]  # "etc", "Inc", "p.m": at the end of a noun phrase, often of a sentence
    openers_words: frozenset[str]  # lower-cased function words that often open a sentence
    ordinal_before_noun: bool  # German "am 5. November": a number and period is an ordinal
    colon_before_capital: bool  # Italian: a capitalised word after a colon opens a new sentence
    colon_before_quote: bool  # European Portuguese press: a colon then a «quoted» statement
    glued_headlines: bool  # look for headlines run into the text (not in German: nouns are capitalised)
    semicolon_ends: bool  # Italian usage (and its treebanks): a semicolon closes a sentence
    lowercase_after_period: bool  # a full word, a period, then lower case: a new sentence anyway


def rules_for(language: str) -> Rules:
    return Rules(
        language=language,
        titles=table_for(TITLES, language),
        before_number=table_for(BEFORE_NUMBER, language),
        others=table_for(OTHERS, language),
        enders=table_for(ENDERS, language),
        openers_words=openers_for(language),
        ordinal_before_noun=language == "de",
        colon_before_capital=language == "it",
        colon_before_quote=language == "pt",
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
    if ITEM_NUMBER.match(word) and _opens_sentence(text, match.start(), word, rules):
        return False  # a numbered item or section: "1. Primeiro", "… speciali. 858. Comprensorio", "2.1.6."
    if _run_in_section(text, match.start() - len(word)):
        return False  # "… especiais 2.1.6. Propriedades": section_starts cuts before the number
    if len(word) == 1 and word.isupper() and _opens_sentence(text, match.start(), word, rules):
        return False  # a speaker or item label opening its line: "P. — O que …", "A. Prima opzione"
    if text.startswith("(", match.end()) and TRAILING_CITATION.match(text, match.end()):
        return False  # a citation after the period: "… prioritária. (POSSOBON, 2012). Segundo"
    if DATELINE_AGENCY.match(text, match.end()):
        return False  # a dateline goes on: "ROMA, 3 nov. (ANSA) – Il governo …"
    if ROMAN.match(following) and (key in rules.before_number or key in rules.titles):
        return False  # a Roman numeral reads as a number: "séc. XIX", "vol. II"
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
    if key in rules.titles and not NUMBER.match(_previous_word(text, match.start() - len(word) - 1)):
        return False  # (after a number the word is a unit: "101 min. Loucuras")
    if len(word) == 1 and word.isalpha():
        if word.islower() and word not in rules.before_number and not word.isascii():
            return True  # a one-letter word such as "é" or "è", not an initial
        # An initial before a name ("J. Smith", "D. Pedro"), unless a sentence clearly
        # starts after it ("serie B. È …") or the letter names a thing after a plain
        # word ("torna in serie A. Juventus e Inter …").
        return following.lower() in rules.openers_words or (
            word.isupper() and _content_word_before(text, match.start() - 2, rules) and _clause_starts(following)
        )
    if NUMBER.match(word) and rules.ordinal_before_noun:
        return following.lower() in rules.openers_words
    if key in rules.enders:
        # "ecc.", "Inc.", "p.m." close a noun phrase: a capitalised word after them opens a
        # sentence, unless it is written in capitals ("p.m. EST", "Inc. CEO").
        return following.lower() in rules.openers_words or (
            following[:1].isupper()
            and not (len(following) > 1 and following.isupper())
            and following.lower() not in CALENDAR_WORDS  # "9 a.m. Monday", "5 p.m. Friday"
        )
    if key in rules.others or DOTTED.match(key):
        return following.lower() in rules.openers_words
    if _mixed_case_abbreviation(word) and not _opens_sentence(text, match.start(), word, rules):
        # "Av. Paulista", "Sp. Braga": two letters, capital then small, inside a sentence.
        return following.lower() in rules.openers_words
    return True


def _run_in_section(text: str, start: int) -> bool:
    """Whether the number at `start` is a section number run into the text (see SECTION_START)."""
    match = SECTION_START.match(text, start)
    return match is not None and match.group("next").isupper() and not DATE.match(match.group("number"))


def _mixed_case_abbreviation(word: str) -> bool:
    """A capital and a small consonant: "Av", "Sp", "Pç" cut a word short; a name or a word
    of two letters ends in a vowel as a rule ("Xi", "Oi", "Li")."""
    return len(word) == 2 and word[0].isupper() and word[1].islower() and word[1] not in _VOWELS and word.isalpha()


_VOWELS = "aeiouyàáâãäåèéêëìíîïòóôõöùúûü"


def _content_word_before(text: str, end: int, rules: Rules) -> bool:
    """Whether the word before position `end` (a space) is a lower-case word of three letters or more
    that is no function word: "serie" in "serie A.", not "di" in "di A. Rossi"."""
    if end <= 0 or text[end] != " ":
        return False
    word = _previous_word(text, end)
    return len(word) >= 3 and word.isalpha() and word.islower() and word not in rules.openers_words


def _clause_starts(following: str) -> bool:
    """A capitalised word, not written all in capitals."""
    return following[:1].isupper() and not following.isupper() and len(following) > 1


def is_boundary(text: str, match: re.Match[str], rules: Rules) -> bool:
    """Whether the candidate `match` ends a sentence."""
    if text[match.end()] in ".!?…":
        return False  # "habitat. . 1.2": the stray mark that follows closes the sentence
    term = match.group("term")
    following = _next_word(text, match.end())
    first = following[:1]
    if term == ";":
        # An inline list keeps its items together: "1) sanità; 2) scuola; 3) trasporti".
        return rules.semicolon_ends and not _short_list_item(text, match)
    if first.islower():
        # Sentences rarely start in lower case: "Yahoo! said", "dott. rossi", "… e poi";
        # but a quoted answer after a question ("Chi lo sa? «nessuno», ha …") opens one, and
        # "…fa. in un futuro" after a plain word is a sentence whose capital was lost.
        if term in "?!" and not match.group("close") and text[match.end()] in QUOTES_OPEN:
            return True
        return term == "." and rules.lowercase_after_period and _plain_word_before(text, match, rules)
    if term == ":":
        if rules.colon_before_quote and text[match.end()] == "«" and first.isupper():
            return True  # "… foi lacónico: «Não foi a empresa.»": the quoted statement is a sentence
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


def _short_list_item(text: str, match: re.Match[str]) -> bool:
    """Whether the semicolon separates short items of an inline list: "1) sanità; 2) scuola",
    "Terni, azioni 300; Ilva, azioni 500". Items of a few words are one claim; long ones read
    as sentences and the semicolon ends each."""
    before = text[max(0, match.start() - 80) : match.start()]
    if ENUMERATOR.match(text, match.end()):
        starts = [m.end() for m in ITEM_START.finditer(before)]
        return bool(starts) and len(before[starts[-1] :].split()) <= MAX_LIST_ITEM_WORDS
    item_before = ITEM_BEFORE.search(before)
    item_after = ITEM_AFTER.match(text, match.end(), min(len(text), match.end() + 80))
    return (
        item_before is not None
        and item_after is not None
        and len(item_before.group().split()) <= MAX_LIST_ITEM_WORDS
        and len(item_after.group().split()) <= MAX_LIST_ITEM_WORDS
    )


def _sentence_after_colon(text: str, match: re.Match[str], following: str, rules: Rules) -> bool:
    """Italian: "Il punto è chiaro: Nessuno pagherà." but not "i nomi: Rossi, Bianchi e Verdi"
    nor a quotation ("ha detto: «Non …»"), which stays with its speaker."""
    if not following[:1].isupper() or text[match.end()] in OPENERS:
        return False
    label = _previous_word(text, match.start())
    if len(label) == 1 and _opens_sentence(text, match.start(), label, rules):
        return False  # an interview's speaker label: "D: Che cosa pensa …", "R: Che …"
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
            emoji = EMOJI_RUN.match(text, match.end(), end)
            if emoji is None:
                yield match.end()
            elif emoji.end() < end:
                yield emoji.end()  # the emoji after "!" belongs to the sentence it closes


def hashtag_starts(text: str, start: int, end: int) -> Iterator[int]:
    """Offsets of a capitalised word after a run of hashtags ("… #musica #live Domani …")."""
    for match in HASHTAG_RUN.finditer(text, start, end):
        yield match.end()


def missing_space_starts(text: str, start: int, end: int) -> Iterator[int]:
    """Offsets right after a sentence end that has no space after it ("inicial.A melhor")."""
    for match in MISSING_SPACE.finditer(text, start, end):
        yield match.end()


def section_starts(text: str, start: int, end: int) -> Iterator[int]:
    """Offsets where a numbered section heading starts in running text ("… 2.1.6. Propriedades")."""
    for match in SECTION_START.finditer(text, start, end):
        if match.group("next").isupper() and not DATE.match(match.group("number")):
            yield match.start("number")
