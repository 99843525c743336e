"""The probe table: one short text per news phenomenon, in each language where it occurs.

Every text is written for this table (none is taken from a treebank or a seed). Each probe
names its phenomenon, its language and the segments expected, with their kinds. The same
table is printed into BENCHMARKS.md by `python -m bench.segmentation --write`.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from workbench.splitting import split_text

C, H, B = "claim", "heading", "boilerplate"


class Probe(NamedTuple):
    phenomenon: str
    language: str
    text: str
    expected: list[tuple[str, str]]


def _claims(*texts: str) -> list[tuple[str, str]]:
    return [(C, text) for text in texts]


PROBES: list[Probe] = [
    # A number that ends a sentence is not a section number: the end falls after it.
    Probe(
        "number at sentence end",
        "en",
        "Inflation rose to 2.5. Analysts had expected less.",
        _claims("Inflation rose to 2.5.", "Analysts had expected less."),
    ),
    Probe(
        "number at sentence end",
        "it",
        "Il treno è partito alle 8.15. Nessuno lo ha fermato.",
        _claims("Il treno è partito alle 8.15.", "Nessuno lo ha fermato."),
    ),
    Probe(
        "number at sentence end",
        "it",
        "Il contratto porta la data del 14.03.97. Poi nessuno lo ha più firmato.",
        _claims("Il contratto porta la data del 14.03.97.", "Poi nessuno lo ha più firmato."),
    ),
    Probe(
        "number at sentence end",
        "pt",
        "O voo chegou às 21.40. Ninguém estava à espera.",
        _claims("O voo chegou às 21.40.", "Ninguém estava à espera."),
    ),
    Probe(
        "number at sentence end",
        "es",
        "El índice subió hasta 3.2. Los analistas esperaban menos.",
        _claims("El índice subió hasta 3.2.", "Los analistas esperaban menos."),
    ),
    Probe(
        "figure number in running text",
        "it",
        "I valori sono riportati nella Figura 4.2. Il campione è piccolo.",
        _claims("I valori sono riportati nella Figura 4.2.", "Il campione è piccolo."),
    ),
    Probe(
        "figure number in running text",
        "pt",
        "Os resultados aparecem na Tabela 2.3. A amostra é pequena.",
        _claims("Os resultados aparecem na Tabela 2.3.", "A amostra é pequena."),
    ),
    # Interview transcripts: the speaker label stays with the question or answer.
    Probe(
        "interview markers",
        "it",
        "D: Che cosa pensa della riforma?\nR: Che arriva troppo tardi.",
        _claims("D: Che cosa pensa della riforma?", "R: Che arriva troppo tardi."),
    ),
    Probe(
        "interview markers",
        "pt",
        "P. — O que pensa da reforma?\nR. — Que chega tarde demais.",
        _claims("P. — O que pensa da reforma?", "R. — Que chega tarde demais."),
    ),
    # Lists: a last item without its period does not swallow the next line...
    Probe(
        "last bullet without period",
        "it",
        "Il piano prevede:\n- più medici\n- più infermieri\nIl ministro ha promesso i fondi.",
        _claims("Il piano prevede:", "- più medici", "- più infermieri", "Il ministro ha promesso i fondi."),
    ),
    Probe(
        "last bullet without period",
        "pt",
        "O plano prevê:\n- mais médicos\n- mais enfermeiros\nO ministro prometeu as verbas.",
        _claims("O plano prevê:", "- mais médicos", "- mais enfermeiros", "O ministro prometeu as verbas."),
    ),
    Probe(
        "last bullet without period",
        "en",
        "The plan includes:\n• more doctors\n• more nurses\nThe minister promised the money.",
        _claims("The plan includes:", "• more doctors", "• more nurses", "The minister promised the money."),
    ),
    # ...and an inline list is one claim unless its items are sentences.
    Probe(
        "inline numbered list",
        "it",
        "Le priorità del governo sono tre: 1) sanità; 2) scuola; 3) trasporti.",
        _claims("Le priorità del governo sono tre: 1) sanità; 2) scuola; 3) trasporti."),
    ),
    Probe(
        "inline numbered list",
        "it",
        "Il decreto tocca due punti: a) le pensioni; b) il lavoro. Il voto è domani.",
        _claims("Il decreto tocca due punti: a) le pensioni; b) il lavoro.", "Il voto è domani."),
    ),
    Probe(
        "inline list of short items",
        "it",
        "In portafoglio: Eni, azioni 300; Enel, azioni 500; Fiat, azioni 200. Il resto è liquidità.",
        _claims("In portafoglio: Eni, azioni 300; Enel, azioni 500; Fiat, azioni 200.", "Il resto è liquidità."),
    ),
    Probe(
        "semicolon between long clauses",
        "it",
        "I docenti di ruolo restano nella sede che occupano oggi; gli altri insegnanti saranno trasferiti entro"
        " l'estate.",
        _claims(
            "I docenti di ruolo restano nella sede che occupano oggi;",
            "gli altri insegnanti saranno trasferiti entro l'estate.",
        ),
    ),
    # A long sentence that lost its final period is a claim, not a heading.
    Probe(
        "long line without period",
        "it",
        "Il consiglio comunale ha approvato ieri sera il bilancio dopo una seduta durata sei ore\n\n"
        "Il sindaco si è detto soddisfatto.",
        _claims(
            "Il consiglio comunale ha approvato ieri sera il bilancio dopo una seduta durata sei ore",
            "Il sindaco si è detto soddisfatto.",
        ),
    ),
    Probe(
        "long line without period",
        "pt",
        "A câmara aprovou ontem à noite o orçamento depois de uma sessão que durou seis horas\n\n"
        "O prefeito disse estar satisfeito.",
        _claims(
            "A câmara aprovou ontem à noite o orçamento depois de uma sessão que durou seis horas",
            "O prefeito disse estar satisfeito.",
        ),
    ),
    Probe(
        "long line without period",
        "en",
        "The city council approved the budget last night after a session that lasted six hours\n\n"
        "The mayor said he was satisfied.",
        _claims(
            "The city council approved the budget last night after a session that lasted six hours",
            "The mayor said he was satisfied.",
        ),
    ),
    # A short title-like line is still a heading.
    Probe(
        "heading",
        "it",
        "Bilancio approvato dopo sei ore\n\nIl sindaco si è detto soddisfatto.",
        [(H, "Bilancio approvato dopo sei ore"), (C, "Il sindaco si è detto soddisfatto.")],
    ),
    Probe(
        "heading",
        "it",
        "Incendio in un capannone alla periferia di Roma, evacuate le famiglie: nessun ferito\n\n"
        "Il rogo è divampato nella notte.",
        [
            (H, "Incendio in un capannone alla periferia di Roma, evacuate le famiglie: nessun ferito"),
            (C, "Il rogo è divampato nella notte."),
        ],
    ),
    Probe(
        "heading",
        "pt",
        "Câmara aprova orçamento após seis horas\n\nO prefeito disse estar satisfeito.",
        [(H, "Câmara aprova orçamento após seis horas"), (C, "O prefeito disse estar satisfeito.")],
    ),
    # Agency datelines with an abbreviated month stay with their sentence.
    Probe(
        "dateline",
        "it",
        "ROMA, 3 nov. (ANSA) – Il governo ha approvato il decreto. Le opposizioni protestano.",
        _claims("ROMA, 3 nov. (ANSA) – Il governo ha approvato il decreto.", "Le opposizioni protestano."),
    ),
    Probe(
        "dateline",
        "pt",
        "LISBOA, 3 nov (Lusa) – O Governo aprovou o decreto. A oposição protesta.",
        _claims("LISBOA, 3 nov (Lusa) – O Governo aprovou o decreto.", "A oposição protesta."),
    ),
    Probe(
        "dateline",
        "es",
        "MADRID, 3 Nov. (EUROPA PRESS) - El Gobierno ha aprobado el decreto. La oposición protesta.",
        _claims("MADRID, 3 Nov. (EUROPA PRESS) - El Gobierno ha aprobado el decreto.", "La oposición protesta."),
    ),
    Probe(
        "dateline",
        "en",
        "LONDON, Nov. 3 (Reuters) - The government approved the decree. The opposition protested.",
        _claims("LONDON, Nov. 3 (Reuters) - The government approved the decree.", "The opposition protested."),
    ),
    # Abbreviations inside a sentence...
    Probe(
        "abbreviation inside",
        "pt",
        "O protesto seguiu pela Av. Paulista até a noite.",
        _claims("O protesto seguiu pela Av. Paulista até a noite."),
    ),
    Probe(
        "abbreviation inside",
        "pt",
        "O Sp. Braga venceu o jogo por dois a zero.",
        _claims("O Sp. Braga venceu o jogo por dois a zero."),
    ),
    Probe(
        "abbreviation inside",
        "pt",
        "A igreja foi construída no séc. XIX pelos jesuítas.",
        _claims("A igreja foi construída no séc. XIX pelos jesuítas."),
    ),
    Probe(
        "abbreviation inside",
        "it",
        "Il giudice ha letto gli att. 157 e seguenti del fascicolo.",
        _claims("Il giudice ha letto gli att. 157 e seguenti del fascicolo."),
    ),
    Probe(
        "abbreviation inside",
        "it",
        "Il palazzo risale al sec. XVII secondo gli storici.",
        _claims("Il palazzo risale al sec. XVII secondo gli storici."),
    ),
    # ...and real ends after an abbreviation or a single letter.
    Probe(
        "end after abbreviation",
        "it",
        "Hanno portato pane, vino, formaggi ecc. Nessuno ha pagato.",
        _claims("Hanno portato pane, vino, formaggi ecc.", "Nessuno ha pagato."),
    ),
    Probe(
        "end after abbreviation",
        "pt",
        "Levaram pão, vinho, queijos etc. Ninguém pagou.",
        _claims("Levaram pão, vinho, queijos etc.", "Ninguém pagou."),
    ),
    Probe(
        "end after abbreviation",
        "en",
        "The deal was signed by Acme Inc. Shares rose by a tenth.",
        _claims("The deal was signed by Acme Inc.", "Shares rose by a tenth."),
    ),
    Probe(
        "end after abbreviation",
        "en",
        "The vote closed at 8 p.m. Officials began counting at once.",
        _claims("The vote closed at 8 p.m.", "Officials began counting at once."),
    ),
    Probe(
        "end after single letter",
        "it",
        "La squadra torna in serie A. Juventus e Inter restano in testa.",
        _claims("La squadra torna in serie A.", "Juventus e Inter restano in testa."),
    ),
    Probe(
        "end after single letter",
        "pt",
        "Ninguém sabe o que é. Ontem o governo negou tudo.",
        _claims("Ninguém sabe o que é.", "Ontem o governo negou tudo."),
    ),
    Probe(
        "initial before a name",
        "en",
        "The bill was drafted by John F. Kennedy and his staff.",
        _claims("The bill was drafted by John F. Kennedy and his staff."),
    ),
    Probe(
        "unit after a number",
        "pt",
        "O filme dura 101 min. Estreia amanhã em Lisboa.",
        _claims("O filme dura 101 min.", "Estreia amanhã em Lisboa."),
    ),
    # European Portuguese press: a colon then a «quoted» statement starts a sentence; Italian
    # keeps the quotation with its speaker.
    Probe(
        "colon before a quoted statement",
        "pt",
        "O ministro foi lacónico: «Não há dinheiro.» A reunião acabou cedo.",
        _claims("O ministro foi lacónico:", "«Não há dinheiro.»", "A reunião acabou cedo."),
    ),
    Probe(
        "colon before a quoted statement",
        "it",
        "Il ministro è stato laconico: «Non ci sono soldi». La riunione è finita presto.",
        _claims("Il ministro è stato laconico: «Non ci sono soldi».", "La riunione è finita presto."),
    ),
    # A title from another language quoted in the article.
    Probe(
        "mixed-language abbreviation",
        "it",
        "Lo ha confermato la Dra. Souza, medico brasiliano, durante il convegno.",
        _claims("Lo ha confermato la Dra. Souza, medico brasiliano, durante il convegno."),
    ),
    Probe(
        "mixed-language abbreviation",
        "pt",
        "A conferência foi aberta pelo dott. Rossi, da Universidade de Pádua.",
        _claims("A conferência foi aberta pelo dott. Rossi, da Universidade de Pádua."),
    ),
    Probe(
        "mixed-language abbreviation",
        "en",
        "The study was led by Sra. Gómez and two colleagues.",
        _claims("The study was led by Sra. Gómez and two colleagues."),
    ),
    # Social text: an emoji stays with its sentence; a run of hashtags ends one.
    Probe(
        "emoji after end",
        "it",
        "Che vittoria! 🎉 Domani si replica.",
        _claims("Che vittoria! 🎉", "Domani si replica."),
    ),
    Probe(
        "emoji after end",
        "en",
        "What a night! 🙌🔥 Tomorrow we go again.",
        _claims("What a night! 🙌🔥", "Tomorrow we go again."),
    ),
    Probe(
        "hashtag run",
        "pt",
        "Grande noite em Lisboa #musica #aovivo Amanhã tem mais.",
        _claims("Grande noite em Lisboa #musica #aovivo", "Amanhã tem mais."),
    ),
    Probe(
        "hashtag run",
        "en",
        "Great night in Leeds #music #live Tomorrow there is more.",
        _claims("Great night in Leeds #music #live", "Tomorrow there is more."),
    ),
    # A quoted answer in lower case after a question opens a new sentence; a bare lower-case
    # word after "?" usually continues it.
    Probe(
        "quoted lower-case start",
        "it",
        "Chi lo sa? «nessuno», ha risposto il ministro.",
        _claims("Chi lo sa?", "«nessuno», ha risposto il ministro."),
    ),
    Probe(
        "quoted lower-case start",
        "pt",
        "Quem sabe? “ninguém”, respondeu o ministro.",
        _claims("Quem sabe?", "“ninguém”, respondeu o ministro."),
    ),
    Probe(
        "lower-case continuation",
        "en",
        "Yahoo! said on Monday that profits fell.",
        _claims("Yahoo! said on Monday that profits fell."),
    ),
    # Paywall prompts are page furniture in every language.
    Probe(
        "paywall prompt",
        "fr",
        "Le gouvernement a présenté son budget.\nAbonnez-vous pour lire la suite",
        [(C, "Le gouvernement a présenté son budget."), (B, "Abonnez-vous pour lire la suite")],
    ),
    Probe(
        "paywall prompt",
        "it",
        "Il governo ha presentato la manovra.\nAbbonati per continuare a leggere",
        [(C, "Il governo ha presentato la manovra."), (B, "Abbonati per continuare a leggere")],
    ),
    Probe(
        "paywall prompt",
        "pt",
        "O governo apresentou o orçamento.\nAssine para continuar lendo",
        [(C, "O governo apresentou o orçamento."), (B, "Assine para continuar lendo")],
    ),
    Probe(
        "paywall prompt",
        "es",
        "El Gobierno presentó los presupuestos.\nSuscríbete para seguir leyendo",
        [(C, "El Gobierno presentó los presupuestos."), (B, "Suscríbete para seguir leyendo")],
    ),
    Probe(
        "paywall prompt",
        "de",
        "Die Regierung hat den Haushalt vorgestellt.\nJetzt abonnieren und weiterlesen",
        [(C, "Die Regierung hat den Haushalt vorgestellt."), (B, "Jetzt abonnieren und weiterlesen")],
    ),
    Probe(
        "paywall prompt",
        "en",
        "The government presented its budget.\nSubscribe to continue reading",
        [(C, "The government presented its budget."), (B, "Subscribe to continue reading")],
    ),
]


def run_probe(probe: Probe) -> list[tuple[str, str]]:
    """What the splitter makes of a probe: (kind, text) per segment."""
    return [(s.kind.value, s.text) for s in split_text(probe.text, language=probe.language).segments]


@pytest.mark.parametrize("probe", PROBES, ids=[f"{p.language}-{p.phenomenon}-{i}" for i, p in enumerate(PROBES)])
def test_probe(probe: Probe) -> None:
    assert run_probe(probe) == probe.expected
