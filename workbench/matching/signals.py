"""What separates a paraphrase from a hard negative besides figures: negation, direction, names, the claim's core.

These are cheap word rules over six languages. They are applied to the aligned core of two claims (the pair of
clauses that match best), because a news sentence carries several facts and a "not" in one clause says nothing
about another.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Whole words that negate a clause, per language: "no" is Portuguese for "in the", "mai" German for May.
NEGATIONS: dict[str, frozenset[str]] = {
    "en": frozenset("not no never none nobody nothing neither nor cannot without".split()),
    "it": frozenset("non mai nessun nessuno nessuna niente nulla né senza".split()),
    "pt": frozenset("não nunca nenhum nenhuma nada nem sem jamais".split()),
    "es": frozenset("no nunca ningún ninguno ninguna nada ni sin jamás tampoco".split()),
    "fr": frozenset("ne pas jamais aucun aucune rien ni sans".split()),
    "de": frozenset("nicht kein keine keinen keiner keines keinem nie niemals nichts weder ohne".split()),
}
# Without a language: only the words that negate in every language that has them.
_ANY_NEGATION = frozenset(
    "not never nobody nothing cannot without non nessun nessuno niente senza não nunca nenhum nenhuma "
    "ningún ninguno ninguna jamás pas jamais aucun aucune nicht kein keine niemals nichts".split()
)
# Words that open a sentence without naming anything: articles, pronouns, prepositions, conjunctions.
OPENERS = frozenset(
    "the a an this these that those in on at for from after before according more most some many several "
    "il lo la i gli le un una uno questo questa quel secondo oltre dopo prima nel nella per con tra "
    "o os as um uma este esta esse essa segundo mais após antes no na em com para "
    "el los las unos unas este esta ese esa según más tras antes en con para "
    "le les un une ce cette ces selon plus après avant dans au aux pour avec "
    "der die das den dem des ein eine einer am im vom zum zur nach vor laut mehr seit wegen".split()
)

_NEGATED_CONTRACTION = re.compile(r"\b\w+n't\b|\bn['’]", re.IGNORECASE)

# Words that say a figure went up or down, or the opposite outcomes won/lost and approved/rejected, matched on
# the lower-cased, accent-free word: a stem (five letters or more, a prefix match) or a whole short word.
# Coarse, so it only ever compares aligned clauses.
UP_STEMS = (
    "increas climb surge soare doubl upward aument cresc crebb salit rialz impenn raddopp subiu cresceu duplic "
    "creci subio augment hausse progress grimp gestieg erhoh gewachs zugenommen anstieg verdoppel "
    "approv aprov adopt verabschied angenommen gewonn gewann ganhou vinto vinse gagne"
).split()
UP_WORDS = frozenset(
    "rise rises rising risen rose raise raised grew grow grows gain gains higher up won win wins "
    "subir subio sube sobe stieg steigt wuchs gano ganaron".split()
)
DOWN_STEMS = (
    "declin decreas shrank shrink plung slump downward diminu calat sceso scesa scese ridott ridus dimezz "
    "crolla baixou baixa queda reduz reduc bajaron descend descens recort baisse chute recul gesunk gefall "
    "ruckgang abgenommen gesenkt halbier perdeu perdio perdu verlor reject respint respins rejeit rechaz rejet "
    "abgelehnt"
).split()
DOWN_WORDS = frozenset(
    "fall falls fell fallen drop drops dropped lower cut cuts halved lost lose loses calo cala caiu cai cair "
    "cayo cae sank sinkt fiel perso perse perdio".split()
)


_CLAUSE_BREAK = re.compile(r"[,;:()\[\]]|\s[–—-]\s|\s(?:but|ma|mas|pero|mais|aber|while|mentre|enquanto|mientras)\s")
_WORDS = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_CAPITALISED = re.compile(r"\b[^\W\d_][\w'’.-]*")


def fold(text: str) -> str:
    """Lower case without accents, for word rules that must not care how a word was typed."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def clauses(text: str, min_words: int = 3) -> list[str]:
    """The clauses of a sentence of three words or more: the units a claim's core is looked for in.

    Joining each two neighbours as well was tried: it doubled the encoding work and changed no seed ranking.
    """
    return [p.strip() for p in _CLAUSE_BREAK.split(text) if p and len(p.split()) >= min_words]


def is_negated(text: str, language: str | None = None) -> bool:
    if language in (None, "en", "fr") and _NEGATED_CONTRACTION.search(text):
        return True
    words = NEGATIONS.get(language or "", _ANY_NEGATION)
    return any(fold(w) in words for w in _WORDS.findall(text))


def direction(text: str) -> int:
    """+1 if the clause says something went up (or won, or passed), -1 down (lost, rejected), 0 neither or both."""
    up = down = False
    for word in _WORDS.findall(text):
        w = fold(word)
        up = up or w in UP_WORDS or any(w.startswith(stem) for stem in UP_STEMS)
        down = down or w in DOWN_WORDS or any(w.startswith(stem) for stem in DOWN_STEMS)
    return (up and not down) - (down and not up)


def _key(word: str) -> str:
    return fold(word).split("'")[0].split("’")[0][:5]


def names(text: str, language: str | None = None) -> set[str]:
    """Capitalised words, words with a digit or an inner capital (GPT-5, OpenAI), folded to their first 5 letters.

    So Milano, Milão and Milan, or Germania and Germany, meet; names that translate apart (Deutschland,
    Alemanha) do not, which is why a name mismatch raises the bar for a suggestion instead of blocking it.
    A sentence's first word counts unless it is a common opener (an article, a preposition). German
    capitalises every noun, so there every capitalised word is in, and matching asks only that some of them
    meet the other claim's names.
    """
    out: set[str] = set()
    for position, word in enumerate(_WORDS.findall(text)):
        if position == 0 and fold(word) in OPENERS:
            continue
        marked = any(c.isupper() for c in word[1:]) or (any(c.isdigit() for c in word) and not word.isdigit())
        if word[0].isupper() or marked:
            out.add(_key(word))
    return out


def _meets(x: str, y: str) -> bool:
    """Two name keys meet when equal or when they share four letters and one is a whole short name (Italy/Italia)."""
    return x == y or (x[:4] == y[:4] and min(len(x), len(y)) >= 4)


def _unmatched(left: frozenset[str], right: frozenset[str]) -> bool:
    return any(not any(_meets(x, y) for y in right) for x in left)


@dataclass(frozen=True)
class Core:
    """The signals of one clause."""

    negated: bool
    direction: int
    names: frozenset[str]
    german: bool = False  # every noun capitalised: its names are a pool to meet, not a list to match


def core_of(text: str, language: str | None = None) -> Core:
    return Core(is_negated(text, language), direction(text), frozenset(names(text, language)), language == "de")


def conflicts(a: Core, b: Core) -> list[str]:
    """Why two aligned clauses state different facts: the reasons, empty when none is seen."""
    reasons = []
    if a.negated != b.negated:
        reasons.append("negation")
    if a.direction and b.direction and a.direction != b.direction:
        reasons.append("direction")
    if _names_differ(a, b):
        reasons.append("names")
    return reasons


def _names_differ(a: Core, b: Core) -> bool:
    """Each side names something the other does not (Google against Meta, Lisbon against Porto).

    A side may name more than the other (a paraphrase drops a detail); a difference on both sides is a
    different subject. A German side's capitalised nouns are not all names: there, it is enough that none
    of them meets the other side's names.
    """
    if not a.names or not b.names:
        return False
    if a.german or b.german:
        return not any(_meets(x, y) for x in a.names for y in b.names)
    return _unmatched(a.names, b.names) and _unmatched(b.names, a.names)
