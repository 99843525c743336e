"""Which lines are page furniture: every kind in every language, and the near misses that are claims."""

from __future__ import annotations

import pytest

from workbench.splitting import split_text

FURNITURE = [
    # Related-article links, with and without the linked title.
    "Leggi anche: Il governo cade",
    "Leia também: Lula viaja à China",
    "Related: Senate passes the bill",
    "Lesen Sie auch",
    "Lire aussi : La loi est votée",
    "Lee también: El Gobierno cae",
    "Read more",
    # Share and subscribe prompts, and rows of social network names.
    "Condividi",
    "Compartilhe",
    "Share on Facebook",
    "Partager",
    "Compartir",
    "Teilen",
    "Facebook Twitter WhatsApp",
    "Iscriviti alla newsletter",
    "Assine a nossa newsletter",
    "Subscribe to our newsletter",
    "Abonnez-vous",
    "Suscríbete",
    "Newsletter abonnieren",
    # Comment widgets.
    "Nenhum comentário",
    "Seja o primeiro!",
    "0 commenti",
    "Leave a comment",
    "Laisser un commentaire",
    "Deja un comentario",
    "Kommentare",
    # Advertisement labels.
    "Pubblicità",
    "Publicidade",
    "Advertisement",
    "Anzeige",
    "Publicité",
    "Publicidad",
    # Bylines alone on a line.
    "Di Mario Rossi",
    "Por João Silva",
    "By John Smith",
    "Par Jean Dupont",
    "Von Peter Müller",
    "By John Smith and Jane Doe | Reuters",
    # Cookie notices and their buttons.
    "Questo sito utilizza cookie tecnici e di profilazione.",
    "We use cookies to improve your experience.",
    "Este site utiliza cookies para melhorar a sua experiência.",
    "Accetta tutti i cookie",
    "Accept all cookies",
    # Agency footers, publication stamps, reading time, picture credits, tags, copyright.
    "(Reporting by John Smith; Editing by Jane Doe)",
    "Pubblicato il 12/03/2024 alle 10:30",
    "Atualizado em 5 de março de 2024",
    "Updated: March 5, 2024",
    "Mis à jour le 5 mars 2024 à 10h00",
    "Stand: 05.03.2024",
    "Tempo di lettura: 3 min",
    "5 min read",
    "Foto: ANSA",
    "(Bild: dpa)",
    "Tags: economia, governo",
    "© 2024 Example Media. Tutti i diritti riservati.",
    "Riproduzione riservata © Copyright ANSA",
    "Copyright 2024 Example Media",
]

CLAIMS = [
    # Real sentences that merely contain a furniture word.
    "Share prices fell sharply on Monday.",
    "Users can share the article with friends.",
    "Condividi questo pensiero con chi ami.",
    "By the end of the year, prices rose.",
    "Por favor, leia o relatório completo.",
    "Published research shows that five people died in 2020.",
    "Reporting by phone is allowed since 2020.",
    "The EU says websites must let users refuse cookies.",
    "Il ministro ha letto anche il rapporto dell'Istat.",
    "Copyright law protects authors for seventy years.",
    # A surname that looks like the Italian byline lead-in.
    "Di Maio ha detto che il governo durerà.",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_is_boilerplate(line: str) -> None:
    text = f"Il testo dell'articolo inizia qui.\n{line}\nE continua qui."
    kinds = [(s.kind.value, s.text) for s in split_text(text, language="it").segments]
    assert ("boilerplate", line) in kinds


@pytest.mark.parametrize("line", CLAIMS)
def test_sentences_with_furniture_words_are_claims(line: str) -> None:
    segments = split_text(f"{line}\nE continua qui.", language="en").segments
    assert segments[0].kind.value == "claim"
    assert segments[0].text == line
