"""Three demo articles of our own writing (Italian, Portuguese, English), loaded into a new database."""

from __future__ import annotations

from .importing import ImportResult, prepare, save
from .store import Store

DEMO_MARKER = "demo_articles_loaded"

# Invented towns, people and figures: realistic news shapes (headings, quotes, numbers,
# abbreviations, page furniture) with nothing that could be mistaken for a real report.
DEMO_ARTICLES: tuple[tuple[str, str, str], ...] = (
    (
        "it",
        "Valdoria, il nuovo ponte sul fiume Arsa apre a marzo",
        """\
Valdoria, il nuovo ponte sul fiume Arsa apre a marzo

Il nuovo ponte sul fiume Arsa sarà aperto al traffico il 3 marzo, secondo quanto annunciato ieri dal Comune di Valdoria. L'opera è costata 14,5 milioni di euro, circa il 20% in più rispetto al progetto iniziale. Il sindaco, dott.ssa Elena Marchetti, ha dichiarato che «i ritardi sono stati causati dalle piene dell'autunno scorso».

I numeri del cantiere

Secondo l'ufficio tecnico, nel cantiere hanno lavorato in media 85 persone al giorno. La ditta costruttrice, Arsa Costruzioni S.p.A., sostiene di aver completato la struttura in 26 mesi. Un comitato di residenti afferma invece che il traffico nel centro storico è aumentato del 40% durante i lavori.

Leggi anche: Valdoria, approvato il bilancio 2027
Condividi su Facebook
""",
    ),
    (
        "pt",
        "Serra Alta inaugura dessalinizadora com capacidade para 200 mil pessoas",
        """\
Serra Alta inaugura dessalinizadora com capacidade para 200 mil pessoas

A nova estação de dessalinização de Serra Alta começou a funcionar na segunda-feira e pode abastecer até 200 mil pessoas, segundo a companhia municipal de águas. O investimento foi de R$ 310 milhões, financiado em parte pelo governo estadual.
Consumo de energia em debate
De acordo com a Dra. Helena Duarte, engenheira responsável pelo projeto, a usina consome 3,2 kWh por metro cúbico de água tratada. Ambientalistas da região afirmam que o descarte de salmoura pode afetar a pesca artesanal. A prefeitura diz que o monitoramento da costa será feito a cada três meses.

Leia também: Seca atinge 12 municípios do litoral
Nenhum comentário
Seja o primeiro!
""",
    ),
    (
        "en",
        "Harbourford council says bus ridership doubled after fare cut",
        """\
Harbourford council says bus ridership doubled after fare cut

Bus ridership in Harbourford doubled in the six months after fares were cut to $1, the city council said on Tuesday. The council's transport officer, Mr. Daniel Okafor, told reporters that 1.2 million trips were recorded between May and October. "We expected growth, but not this much," he said.

What the figures leave out

Local business groups say the cut costs the city about $4.5 million a year. A council report published in Nov. 2026 found that car traffic in the centre fell by 8%. The report does not say whether new riders previously walked or cycled.

Related: Harbourford votes on new cycle lanes
Share this article
""",
    ),
)


def load_demo_articles(store: Store) -> list[ImportResult]:
    """Import the demo articles once per database; never again after a reviewer deletes them."""
    if store.meta(DEMO_MARKER):
        return []
    results = [
        save(store, prepare(text, language=lang, title=title, source_name=f"demo-{lang}.txt"))
        for lang, title, text in DEMO_ARTICLES
    ]
    store.set_meta(DEMO_MARKER, "yes")
    return results
