"""English splitting cases: each says why it is here."""

from __future__ import annotations

import pytest

from workbench.splitting import split_text

C, H, B = "claim", "heading", "boilerplate"

CASES = [
    # "Mr." and "Sen." are titles before a name.
    (
        "Mr. Smith met Sen. Warren on Monday. They disagreed.",
        [(C, "Mr. Smith met Sen. Warren on Monday."), (C, "They disagreed.")],
    ),
    # "U.S." inside a sentence before a name, and at its end before "The".
    (
        "U.S. President Biden spoke. Troops stay in the U.S. The rest leave.",
        [(C, "U.S. President Biden spoke."), (C, "Troops stay in the U.S."), (C, "The rest leave.")],
    ),
    # "a.m." before a capitalised day name does not end the sentence.
    ("The vote starts at 9 a.m. Monday in Ohio.", [(C, "The vote starts at 9 a.m. Monday in Ohio.")]),
    # "Dec." before a day number.
    ("It was signed on Dec. 5 in Paris.", [(C, "It was signed on Dec. 5 in Paris.")]),
    # Decimal point with a currency sign.
    (
        "The deficit reached $1.2 trillion. Markets fell.",
        [(C, "The deficit reached $1.2 trillion."), (C, "Markets fell.")],
    ),
    # A straight closing quote after the period.
    ('"We will win." The crowd cheered.', [(C, '"We will win."'), (C, "The crowd cheered.")]),
    # A dateline with the agency in parentheses.
    (
        "WASHINGTON (Reuters) - The Senate passed the bill. It now goes to the House.",
        [(C, "WASHINGTON (Reuters) - The Senate passed the bill."), (C, "It now goes to the House.")],
    ),
    # URLs and e-mail addresses hold periods that are not ends.
    (
        "Read it at www.example.com/report.html today. Write to info@example.org for details.",
        [(C, "Read it at www.example.com/report.html today."), (C, "Write to info@example.org for details.")],
    ),
    # A question and an exclamation end sentences.
    ("Is it true? Yes! It is.", [(C, "Is it true?"), (C, "Yes!"), (C, "It is.")]),
    # Hard-wrapped text: a single newline inside a sentence is not a break.
    (
        "The committee said that the new rules would\napply from next year. Nobody objected.",
        [(C, "The committee said that the new rules would\napply from next year."), (C, "Nobody objected.")],
    ),
    # Page furniture: related link, share buttons, comments, ad label, byline.
    (
        "Related: Senate passes bill\nShare on Facebook\nLeave a comment\nAdvertisement\nBy John Smith\nThe bill passed.",
        [
            (B, "Related: Senate passes bill"),
            (B, "Share on Facebook"),
            (B, "Leave a comment"),
            (B, "Advertisement"),
            (B, "By John Smith"),
            (C, "The bill passed."),
        ],
    ),
    # "share" inside a real sentence is a claim.
    ("Share prices fell sharply on Monday.", [(C, "Share prices fell sharply on Monday.")]),
    # A sentence starting "By" is not a byline.
    ("By the end of the year, prices rose.", [(C, "By the end of the year, prices rose.")]),
    # A heading followed directly by body text on the next line.
    (
        "Markets in turmoil\nStocks fell for a third day.",
        [(H, "Markets in turmoil"), (C, "Stocks fell for a third day.")],
    ),
    # A numbered list: the numbers are not sentence ends.
    ("1. Buy milk.\n2. Call Anna.", [(C, "1. Buy milk."), (C, "2. Call Anna.")]),
    # A sentence in parentheses is a sentence.
    (
        "He left early. (Nobody noticed.) Then it rained.",
        [(C, "He left early."), (C, "(Nobody noticed.)"), (C, "Then it rained.")],
    ),
    # An ellipsis before lower case continues; before a capital it ends.
    ("He waited... and waited. Then... Nothing.", [(C, "He waited... and waited."), (C, "Then..."), (C, "Nothing.")]),
    # Ordinals and thousands with commas.
    (
        "It was the 5th time in 2,000 days. Nobody cared.",
        [(C, "It was the 5th time in 2,000 days."), (C, "Nobody cared.")],
    ),
    # A heading between blank lines, then body text.
    ("Markets in turmoil\n\nStocks fell.", [(H, "Markets in turmoil"), (C, "Stocks fell.")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_english(text: str, expected: list[tuple[str, str]]) -> None:
    split = split_text(text, language="en")
    assert [(s.kind.value, s.text) for s in split.segments] == expected
