"""Quantities in a claim, normalised across it, pt, en, es, fr and de, so two claims can be required to agree.

An embedding puts "unemployment rose to 7%" and "unemployment rose to 9%" side by side; a fact-check of one does
not settle the other. Each figure becomes a `Quantity(kind, value, unit)`: `3,5` and `3.5`, `200 mil`, `200.000`,
`200 000` and `200 thousand`, `cinco` and `5`, `7 %` and `sette per cento`, `€3,5 milioni` and `3.5 million
euros`, `12 marzo 2024` and `March 12, 2024` all meet. Plain counts and years share the kind "number": `2000` in one
language and `2.000` in another are the same figure, and the words around it do not say reliably which it is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Languages whose decimal mark is the comma (their thousands mark is the dot or a space).
COMMA_DECIMAL = frozenset({"it", "pt", "es", "fr", "de"})

# Number words, 2 and up: "one" words double as articles (un, uno, una, um, uma, ein, une) and are left out.
NUMBER_WORDS: dict[str, float] = {}
for _value, _words in {
    2: "two due dois duas dos deux zwei",
    3: "three tre três tres trois drei",
    4: "four quattro quatro cuatro quatre vier",
    5: "five cinque cinco cinq fünf funf",
    6: "six sei seis sechs",
    7: "seven sette sete siete sept sieben",
    8: "eight otto oito ocho huit acht",
    9: "nine nove nueve neuf neun",
    10: "ten dieci dez diez dix zehn",
    11: "eleven undici onze once elf",
    12: "twelve dodici doze doce douze zwölf zwolf",
    15: "fifteen quindici quinze quince fünfzehn",
    20: "twenty venti vinte veinte vingt zwanzig",
    30: "thirty trenta trinta treinta trente dreißig dreissig",
    40: "forty quaranta quarenta cuarenta quarante vierzig",
    50: "fifty cinquanta cinquenta cincuenta cinquante fünfzig",
    100: "hundred cento cem cien cent hundert",
}.items():
    for _word in _words.split():
        NUMBER_WORDS[_word] = float(_value)

# Scale words after a figure. "mil" is a thousand in pt and es; "mil milhões"/"mil millones" a billion (see below).
SCALES: dict[str, float] = {}
for _value, _words in {
    1e3: "thousand thousands mil mila mille tausend k",
    1e6: "million millions milione milioni milhão milhões milhao milhoes millón millones millon mio million millionen",
    1e9: "billion billions miliardo miliardi bilhão bilhões bilhao bilhoes milliard milliards milliarde milliarden"
    " mrd bn",
}.items():
    for _word in _words.split():
        SCALES[_word] = _value

CURRENCIES: dict[str, str] = {
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "dollari": "USD",
    "dólar": "USD",
    "dólares": "USD",
    "dolar": "USD",
    "dolares": "USD",
    "r$": "BRL",
    "real": "BRL",
    "reais": "BRL",
    "reales": "BRL",
    "brl": "BRL",
    "£": "GBP",
    "gbp": "GBP",
    "sterline": "GBP",
    "pounds": "GBP",
    "libras": "GBP",
    "livres": "GBP",
    "pfund": "GBP",
}

PERCENT_WORDS = ("%", "per cent", "percent", "per cento", "por cento", "por ciento", "pour cent", "prozent", "pct")

MONTHS: dict[str, int] = {}
for _month, _names in enumerate(
    (
        "january gennaio janeiro enero janvier januar jänner",
        "february febbraio fevereiro febrero février fevrier februar",
        "march marzo março marco mars märz marz",
        "april aprile abril avril",
        "may maggio maio mayo mai",
        "june giugno junho junio juin juni",
        "july luglio julho julio juillet juli",
        "august agosto août aout",
        "september settembre setembro septiembre septembre",
        "october ottobre outubro octubre octobre oktober",
        "november novembre novembro noviembre",
        "december dicembre dezembro diciembre décembre decembre dezember",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _month


# A month name alone is a date only after one of these ("in May", "a maggio", "em abril", "im Mai", "en mai").
MONTH_PREPOSITIONS = frozenset(
    "in a em en im au no nel nello di de del of since desde da dal dall ab seit depuis".split()
)


@dataclass(frozen=True, order=True)
class Quantity:
    """One figure of a claim. kind: number, percent, money, date; unit: the currency (money) or ""."""

    kind: str
    value: float | str
    unit: str = ""


_FIGURE = r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_CURRENCY_BEFORE = r"(?:r\$|us\$|[€$£])"
_WORD = r"[^\W\d_]+"
_TOKEN = re.compile(rf"(?P<cur>{_CURRENCY_BEFORE})?\s?(?P<fig>{_FIGURE})|(?P<word>{_WORD})", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")


def parse_figure(text: str, language: str | None = None) -> float:
    """A written figure as a number: which of `.` and `,` marks decimals depends on the language, then on shape.

    `3,5` is 3.5 everywhere (a group of thousands has three digits). With one mark followed by exactly three
    digits (`200.000`, `200,000`) the language decides; without one, a group of three reads as thousands, as
    news writes large counts far more often than three-decimal fractions. Two different marks: the last one
    is the decimal mark (`1.234,5`, `1,234.5`).
    """
    text = re.sub(r"[\u00a0\u202f ]", "", text)
    marks = [c for c in text if c in ".,"]
    if not marks:
        return float(text)
    if len(set(marks)) == 2:
        decimal = text[max(text.rfind("."), text.rfind(","))]
        grouping = "," if decimal == "." else "."
        return float(text.replace(grouping, "").replace(decimal, "."))
    mark = marks[0]
    head, _, tail = text.rpartition(mark)
    if len(marks) > 1:  # 1.234.567 or 1,234,567: grouping only
        return float(text.replace(mark, ""))
    if len(tail) != 3:
        return float(f"{head}.{tail}")
    if language is None:
        return float(head + tail)
    thousands = "." if language in COMMA_DECIMAL else ","
    return float(head + tail) if mark == thousands else float(f"{head}.{tail}")


def _fold(word: str) -> str:
    return word.lower()


def _round(value: float) -> float:
    """Ten significant digits: 3,5 milioni (3.5 × 10⁶ in floating point) and 3.500.000 compare equal."""
    return float(f"{value:.10g}")


def extract_quantities(text: str, language: str | None = None) -> list[Quantity]:
    """Every figure in `text`, normalised; `language` (it, pt, en, es, fr, de) settles `200.000` vs `3.500`."""
    found: list[Quantity] = []
    text = unicodedata.normalize("NFC", text)
    for match in _NUMERIC_DATE.finditer(text):
        day, month = int(match.group(1)), int(match.group(2))
        if language == "en" and day <= 12 < month:  # 03/25/2024 written the American way
            day, month = month, day
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.append(Quantity("date", f"{int(match.group(3)):04d}-{month:02d}-{day:02d}"))
            found.append(Quantity("number", float(match.group(3))))  # as a month-name date does
    text = _NUMERIC_DATE.sub(" ", text)
    tokens = list(_TOKEN.finditer(text))
    used: set[int] = set()
    for i, token in enumerate(tokens):
        if i in used:
            continue
        word = _fold(token.group("word") or "")
        if token.group("fig") is not None:
            try:
                value = parse_figure(token.group("fig"), language)
            except ValueError:  # marks mixed past reading (1.234,567.890): no figure we could compare
                continue
            currency = CURRENCIES.get(_fold(token.group("cur") or ""), "")
        elif word in NUMBER_WORDS:
            value, currency = NUMBER_WORDS[word], ""
        elif word in MONTHS:
            found.extend(_month_date(tokens, i, used))
            continue
        else:
            continue
        j = i + 1
        # The words after a figure: a scale (mil milhões = a billion), a month (a date), a currency, percent.
        after = text[token.end() : token.end() + 24].lower()
        next_word = _next_word(tokens, j)
        if next_word in SCALES and not (next_word == "k" and not after.startswith("k")):
            scale = SCALES[next_word]
            j += 1
            if next_word == "mil" and _next_word(tokens, j) in {"milhões", "milhoes", "millones", "millon", "millón"}:
                scale, j = 1e9, j + 1
            value *= scale
            used.update(range(i + 1, j))
        elif next_word in MONTHS and token.group("fig") and value.is_integer() and 1 <= value <= 31:
            found.extend(_month_date(tokens, i + 1, used, day=int(value)))
            used.add(i + 1)
            continue
        elif next_word == "de" and _next_word(tokens, j + 1) in MONTHS and 1 <= value <= 31:
            used.add(j)
            found.extend(_month_date(tokens, j + 1, used, day=int(value)))
            used.add(j + 1)
            continue
        rest = text[tokens[j - 1].end() : tokens[j - 1].end() + 24].lower().lstrip(" .\u00a0")
        percent = next((p for p in PERCENT_WORDS if rest.startswith(p)), None)
        if percent is not None:
            found.append(Quantity("percent", _round(value)))
            used.update(range(j, j + len(re.findall(_WORD, percent))))  # "per cento" is not also a hundred
            continue
        if not currency:
            currency = _currency_after(tokens, j, rest)
        if currency:
            found.append(Quantity("money", _round(value), currency))
        else:
            found.append(Quantity("number", _round(value)))
    return sorted(set(found))


def _next_word(tokens: list[re.Match[str]], j: int) -> str:
    if j < len(tokens) and tokens[j].group("word"):
        return _fold(tokens[j].group("word"))
    return ""


def _currency_after(tokens: list[re.Match[str]], j: int, rest: str) -> str:
    for symbol in ("€", "$", "£"):
        if rest.startswith(symbol):
            return CURRENCIES[symbol]
    word = _next_word(tokens, j)
    if word == "de" or word == "di" or word == "d":  # "milioni di euro", "milhões de reais", "millions d'euros"
        word = _next_word(tokens, j + 1)
    return CURRENCIES.get(word, "")


def _month_date(tokens: list[re.Match[str]], i: int, used: set[int], day: int | None = None) -> list[Quantity]:
    """A date around a month name: `12 marzo 2024`, `March 12, 2024`, `12 de março de 2024`, `März 2024`."""
    month = MONTHS[_fold(tokens[i].group("word"))]
    j = i + 1
    if day is None and j < len(tokens) and tokens[j].group("fig") and re.fullmatch(r"\d{1,2}", tokens[j].group("fig")):
        day, j = int(tokens[j].group("fig")), j + 1
        used.add(j - 1)
    if _next_word(tokens, j) == "de":
        j += 1
    year = None
    if j < len(tokens) and tokens[j].group("fig") and re.fullmatch(r"\d{4}", tokens[j].group("fig")):
        year = int(tokens[j].group("fig"))
        used.add(j)
    if day is None and year is None and not (i > 0 and _next_word(tokens, i - 1) in MONTH_PREPOSITIONS):
        return []  # "may", "mai", "mars" alone are as often a verb, a planet or a name as a month
    # A year stays a figure of its own too, so "in 2024" and "on 12 March 2024" still share it.
    parts = [f"{year:04d}" if year else "????", f"{month:02d}", f"{day:02d}" if day else "??"]
    out = [Quantity("date", "-".join(parts))]
    if year:
        out.append(Quantity("number", float(year)))
    return out


def quantities_agree(a: list[Quantity], b: list[Quantity]) -> bool:
    """Whether two claims' figures can state the same fact.

    Per kind (and currency), one side's figures must all appear on the other: a paraphrase may leave out a
    figure ("7% in 2023" vs "7%"), but where both give a figure of a kind, they must give the same. Dates
    compare by their known parts (a month without a year matches that month in any year).
    """
    kinds = {(q.kind, q.unit) for q in a} & {(q.kind, q.unit) for q in b}
    for kind in kinds:
        left = {q.value for q in a if (q.kind, q.unit) == kind}
        right = {q.value for q in b if (q.kind, q.unit) == kind}
        if kind[0] == "date":
            if not (_dates_within(left, right) or _dates_within(right, left)):
                return False
        elif not (left <= right or right <= left):
            return False
    # Money in one currency against money in another: not comparable without a rate, so not the same figure.
    money_a = {q.unit for q in a if q.kind == "money"}
    money_b = {q.unit for q in b if q.kind == "money"}
    if money_a and money_b and not money_a & money_b:
        return False
    return True


def _dates_within(left: set, right: set) -> bool:
    return all(any(_date_fits(x, y) for y in right) for x in left)


def _date_fits(x: str, y: str) -> bool:
    return all(p == q or "?" in p or "?" in q for p, q in zip(x.split("-"), y.split("-")))
