"""Quantities across six languages, and the word rules that tell a paraphrase from a hard negative.

No encoder needed: these run whether or not the `matching` extra is installed.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.matching.quantities import Quantity, extract_quantities, parse_figure, quantities_agree
from workbench.matching.signals import clauses, core_of, direction, is_negated, names

N = "number"


def q(kind: str, value: float | str, unit: str = "") -> Quantity:
    return Quantity(kind, value, unit)


EXTRACTION = [
    # (text, language, expected, why the case exists)
    ("Il PIL è cresciuto del 3,5%", "it", [q("percent", 3.5)], "decimal comma before %"),
    ("GDP grew 3.5 percent", "en", [q("percent", 3.5)], "decimal point, percent as a word"),
    ("un aumento del 7 per cento", "it", [q("percent", 7.0)], "'per cento' is not also a hundred"),
    ("um aumento de sete por cento", "pt", [q("percent", 7.0)], "a number word before a percent word"),
    ("50 Prozent der Befragten", "de", [q("percent", 50.0)], "German percent word"),
    ("200 mil pessoas", "pt", [q(N, 200000.0)], "'mil' is a thousand in Portuguese"),
    ("200.000 persone", "it", [q(N, 200000.0)], "a dot groups thousands in Italian"),
    ("200,000 people", "en", [q(N, 200000.0)], "a comma groups thousands in English"),
    ("200 thousand people", "en", [q(N, 200000.0)], "a scale word"),
    ("200 000 personnes", "fr", [q(N, 200000.0)], "French groups thousands with a space"),
    ("200\u202f000 personnes", "fr", [q(N, 200000.0)], "…or with a narrow no-break space"),
    ("3.500 euro", "it", [q("money", 3500.0, "EUR")], "one dot and three digits: thousands in Italian"),
    ("3.500 metres", "en", [q(N, 3.5)], "…but a decimal in English"),
    ("1.234.567 votos", "es", [q(N, 1234567.0)], "several groups are never a decimal"),
    ("1.234,5 Tonnen", "de", [q(N, 1234.5)], "both marks: the last one is the decimal mark"),
    ("1,234.5 tonnes", "en", [q(N, 1234.5)], "both marks, the English way"),
    ("cinco mortos", "pt", [q(N, 5.0)], "a number word"),
    ("5 deaths", "en", [q(N, 5.0)], "the same figure as digits"),
    ("un accordo con due aziende", "it", [q(N, 2.0)], "'un' is an article, not a one"),
    ("€3,5 milioni", "it", [q("money", 3500000.0, "EUR")], "currency sign before, scale word after"),
    ("3.5 million euros", "en", [q("money", 3500000.0, "EUR")], "currency word after the scale"),
    ("3,5 millones de euros", "es", [q("money", 3500000.0, "EUR")], "'de' between scale and currency"),
    ("1,8 milliard d'euros", "fr", [q("money", 1.8e9, "EUR")], "elided 'd'' before the currency"),
    ("5 mil milhões de euros", "pt", [q("money", 5e9, "EUR")], "'mil milhões' is a billion in Portugal"),
    ("36.000 millones de reales", "es", [q("money", 3.6e10, "BRL")], "thousands of millions, Brazilian reais"),
    ("R$ 36 bilhões", "pt", [q("money", 3.6e10, "BRL")], "…the same figure written in Brazil"),
    ("US$ 200", "en", [q("money", 200.0, "USD")], "a two-letter currency sign"),
    ("12 marzo 2024", "it", [q("date", "2024-03-12"), q(N, 2024.0)], "a date keeps its year as a figure"),
    ("March 12, 2024", "en", [q("date", "2024-03-12"), q(N, 2024.0)], "month first, comma before the year"),
    ("12 de março de 2024", "pt", [q("date", "2024-03-12"), q(N, 2024.0)], "'de' around the month"),
    ("am 12. März 2024", "de", [q("date", "2024-03-12"), q(N, 2024.0)], "German ordinal dot"),
    ("le 12/03/2024", "fr", [q("date", "2024-03-12"), q(N, 2024.0)], "numeric dates are day first…"),
    ("on 03/25/2024", "en", [q("date", "2024-03-25"), q(N, 2024.0)], "…unless the day cannot be a month"),
    ("a maggio l'inflazione", "it", [q("date", "????-05-??")], "a month after a preposition"),
    ("They may rise", "en", [], "'may' alone is a verb, not a month"),
    ("in 2023", "en", [q(N, 2023.0)], "a year is a plain figure, like '2.000' elsewhere"),
    ("Il governo ha parlato", "it", [], "no figure at all"),
]


@pytest.mark.parametrize(("text", "language", "expected", "why"), EXTRACTION, ids=[c[3] for c in EXTRACTION])
def test_extract_quantities(text: str, language: str, expected: list[Quantity], why: str) -> None:
    assert extract_quantities(text, language) == sorted(expected)


AGREEMENT = [
    # (a, language a, b, language b, agree?, why)
    ("disoccupazione al 7,2%", "it", "unemployment at 7.2%", "en", True, "one percent in two notations"),
    ("unemployment at 7.2%", "en", "unemployment at 7.5%", "en", False, "another percent"),
    ("7% in 2023", "en", "7%", "en", True, "a paraphrase may leave a figure out"),
    ("7% in 2023", "en", "7% in 2022", "en", False, "another year"),
    ("rose from 5% to 7%", "en", "rose to 8%, from 5%", "en", False, "one figure shared, one differs"),
    ("40 milioni di euro", "it", "40 milioni di dollari", "it", False, "another currency"),
    ("2.000 auto", "it", "2000 cars", "en", True, "a count written as a year-like number"),
    ("12 marzo 2024", "it", "in March 2024", "en", True, "a month fits a date within it"),
    ("12 marzo 2024", "it", "13 March 2024", "en", False, "another day"),
    ("a maggio", "it", "em abril", "pt", False, "another month"),
    ("cinco mortos", "pt", "5 deaths", "en", True, "a number word and digits"),
    ("Governo", "it", "7% in 2022", "en", True, "nothing to compare on one side"),
]


@pytest.mark.parametrize(("a", "la", "b", "lb", "agree", "why"), AGREEMENT, ids=[c[5] for c in AGREEMENT])
def test_quantities_agree(a: str, la: str, b: str, lb: str, agree: bool, why: str) -> None:
    qa, qb = extract_quantities(a, la), extract_quantities(b, lb)
    assert quantities_agree(qa, qb) is agree
    assert quantities_agree(qb, qa) is agree  # the rule is symmetric


def _written(value: int, language: str) -> str:
    """`value` with thousands grouped the way `language` writes it."""
    grouped = f"{value:,}"
    return grouped.replace(",", {"en": ",", "fr": " "}.get(language, "."))


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["it", "pt", "en", "es", "fr", "de"]))
def test_a_grouped_whole_number_reads_back_in_its_language(value: int, language: str) -> None:
    assert parse_figure(_written(value, language), language) == value


@given(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=1, max_value=99),
    st.sampled_from(["it", "pt", "es", "fr", "de"]),
)
def test_a_decimal_comma_and_a_decimal_point_agree(whole: int, cents: int, language: str) -> None:
    """`3,5` in a comma language and `3.5` in English are one figure, whatever the number (two decimals)."""
    comma = extract_quantities(f"{_written(whole, language)},{cents:02d} %", language)
    point = extract_quantities(f"{whole:,}.{cents:02d}%", "en")
    assert comma == point and len(comma) == 1 and comma[0].kind == "percent"


@given(st.text(max_size=200), st.sampled_from([None, "it", "pt", "en", "es", "fr", "de"]))
def test_any_text_extracts_without_error_and_agrees_with_itself(text: str, language: str | None) -> None:
    found = extract_quantities(text, language)
    assert quantities_agree(found, found)


_GROUPS = st.lists(st.tuples(st.sampled_from([".", ",", " "]), st.integers(0, 999)), max_size=4)


@given(
    st.integers(1, 999), _GROUPS, st.sampled_from(["", "%", " mil", " €"]), st.sampled_from([None, "it", "en", "fr"])
)
def test_any_run_of_digit_groups_and_marks_extracts(head: int, groups, tail: str, language: str | None) -> None:
    """Mixed marks such as 1.234,567.890 once raised ValueError from float(); now they are simply no figure."""
    text = str(head) + "".join(f"{mark}{group:03d}" for mark, group in groups) + tail
    for quantity in extract_quantities(text, language):
        assert quantity.kind in {"number", "percent", "money"}


SIGNALS = [
    # (function, text, language, expected, why)
    (is_negated, "Il governo non ha aumentato le tasse", "it", True, "Italian negation"),
    (is_negated, "The government didn't raise taxes", "en", True, "an English contraction"),
    (is_negated, "O lucro foi anunciado no trimestre", "pt", False, "Portuguese 'no' is 'in the'"),
    (is_negated, "Die Inflation lag im Mai bei 2 Prozent", "de", False, "German 'Mai' is not Italian 'mai'"),
    (is_negated, "Le gouvernement n'a pas augmenté la TVA", "fr", True, "French ne … pas"),
    (direction, "Unemployment rose to 7%", "en", 1, "up"),
    (direction, "La disoccupazione è scesa al 7%", "it", -1, "down"),
    (direction, "El Real Madrid ganó la final", "es", 1, "a win counts as the up side"),
    (direction, "Das Parlament hat das Gesetz abgelehnt", "de", -1, "a rejection as the down side"),
    (direction, "Doce mineros bajo tierra", "es", 0, "'bajo' (under) is not 'bajó' (fell)"),
    (direction, "Prices rose and then fell", "en", 0, "both directions: no claim of either"),
]


@pytest.mark.parametrize(("fn", "text", "language", "expected", "why"), SIGNALS, ids=[c[4] for c in SIGNALS])
def test_signal_words(fn, text: str, language: str, expected: object, why: str) -> None:
    assert fn(text, language) == expected if fn is is_negated else fn(text) == expected


NAMES = [
    # (a, la, b, lb, differ?, why)
    (
        "Heavy rain closed 30 schools in Lisbon",
        "en",
        "Chuvas fortes fecharam 30 escolas no Porto",
        "pt",
        True,
        "another city",
    ),
    ("Rain flooded Milan", "en", "La pioggia ha allagato Milano", "it", False, "a city's name in two languages"),
    (
        "Floods hit Milan",
        "en",
        "Alluvioni a Milano",
        "it",
        True,
        "known limit: a first word counts as a name (it raises the bar)",
    ),
    (
        "La Commissione multa Google",
        "it",
        "A Comissão multou a Meta",
        "pt",
        True,
        "another company, shared words aside",
    ),
    (
        "OpenAI annuncia una collaborazione con Foxconn",
        "it",
        "A OpenAI revela parceria com a Foxconn e a Apple",
        "pt",
        False,
        "one side names more",
    ),
    (
        "Österreich verlängert die Grenzkontrollen zu Slowenien",
        "de",
        "Austria extends border controls with Hungary",
        "en",
        True,
        "German: no capitalised noun meets a name",
    ),
    (
        "Barcelona begrenzte den Wasserverbrauch",
        "de",
        "La sequía obligó a Barcelona",
        "es",
        False,
        "German: one noun meets the name",
    ),
]


@pytest.mark.parametrize(("a", "la", "b", "lb", "differ", "why"), NAMES, ids=[c[5] for c in NAMES])
def test_names_differ(a: str, la: str, b: str, lb: str, differ: bool, why: str) -> None:
    from workbench.matching.signals import conflicts

    assert ("names" in conflicts(core_of(a, la), core_of(b, lb))) is differ


def test_names_skip_a_sentence_opener_and_keep_marked_words() -> None:
    assert names("The GPT-5 model by OpenAI") == {"gpt-5", "opena"}


def test_clauses_split_on_punctuation_and_drop_fragments() -> None:
    text = "L'accordo, almeno nella sua fase iniziale, non prevede impegni, ma garantisce un accesso anticipato."
    assert clauses(text) == [
        "almeno nella sua fase iniziale",
        "non prevede impegni",
        "garantisce un accesso anticipato.",
    ]
