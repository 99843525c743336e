"""Recognise page furniture lines (related links, share prompts, comment widgets, ads, bylines, cookies).

Every pattern matches a whole line, so a real sentence that merely contains "share" or
"cookie" stays a claim. Patterns from all six languages apply to every article: a page
in Italian can carry an English "Share on Facebook" button.
"""

from __future__ import annotations

import re

_SOCIAL = r"(?:facebook|twitter|x|whatsapp|telegram|linkedin|instagram|pinterest|e-?mail|reddit|threads|bluesky)"
_SEP = r"[\s:|·•/,\-–—>»›]*"

# Lead-ins of "read also" links; the linked title may follow on the same line.
_RELATED = (
    r"leggi anche|leggi pure|vedi anche|potrebbe interessarti|ti potrebbe interessare|approfondisci"
    r"|leia também|leia mais|veja também|veja mais|saiba mais|relacionad[oa]s?"
    r"|related(?: articles?| stories| posts?)?|read more|read also|see also|you may also like|more on this"
    r"|recommended|most read"
    r"|lesen sie auch|lesen sie mehr|mehr zum thema|auch interessant|weiterlesen"
    r"|lire aussi|à lire aussi|a lire aussi|voir aussi|lire la suite|sur le même sujet"
    r"|lee también|leer más|ver también|te puede interesar|noticias relacionadas"
)
RELATED = re.compile(rf"^(?:{_RELATED})(?:\s*(?:[:\-–—|»›>…]|\.\.\.).*|\s+[^.!?]*)?$", re.IGNORECASE)

_SHARE = (
    r"condividi(?: (?:su|l'articolo|questo articolo))?|compartilh(?:e|ar)(?: (?:no|este artigo|esta notícia))?"
    r"|share(?: this(?: article| story| post)?)?(?: on| via)?|tweet|pin it"
    r"|partager|partagez(?: cet article)?|compartir|comparte|teilen|jetzt teilen|artikel teilen"
    r"|segui(?:ci)?(?: su)?|siga-nos(?: no)?|follow us(?: on)?|suivez-nous(?: sur)?|síguenos(?: en)?"
    r"|folgen sie uns(?: auf)?"
)
SHARE = re.compile(rf"^(?:(?:{_SHARE}){_SEP})?(?:{_SOCIAL}{_SEP})*$", re.IGNORECASE)
SOCIAL_ONLY = re.compile(rf"^(?:{_SOCIAL}{_SEP}){{2,}}$", re.IGNORECASE)

SUBSCRIBE = re.compile(
    r"^(?:iscriviti(?: (?:alla|alle))?(?: nostra| nostre)? newsletter|iscriviti|abbonati(?: ora)?"
    r"|assine(?: (?:a|já))?(?: nossa)? newsletter|assine já|inscreva-se(?: na)?(?: nossa)?(?: newsletter)?"
    r"|subscribe(?: (?:to|for))?(?: our| the)?(?: newsletter)?(?: now)?|sign up(?: for)?(?: our| the)? newsletter"
    r"|abonnez-vous(?: à)?(?: notre| la)?(?: newsletter)?|inscrivez-vous(?: à)?(?: notre| la)? newsletter"
    r"|suscríbete(?: a)?(?: nuestro| nuestra)?(?: newsletter| boletín)?"
    r"|newsletter abonnieren|jetzt abonnieren|abonnieren sie(?: unseren)? newsletter"
    r")[\s!.:…]*$",
    re.IGNORECASE,
)

COMMENTS = re.compile(
    r"^(?:nenhum comentário|seja o primeiro(?: a comentar)?|deixe (?:o )?(?:seu |um )?comentário|comentários?"
    r"|\d+ (?:commenti|commento|comments?|comentários?|commentaires?|comentarios?|kommentare?)"
    r"|nessun commento|lascia un commento|commenta|commenti|sii il primo a commentare"
    r"|leave a (?:comment|reply)|no comments(?: yet)?|be the first to comment|comments?|add a comment"
    r"|laisser un commentaire|aucun commentaire|soyez le premier à commenter|commentaires?"
    r"|deja (?:un|tu) comentario|sin comentarios|sé el primero en comentar|comentarios?"
    r"|kommentar(?:e)?(?: schreiben)?|keine kommentare|schreiben sie einen kommentar"
    r")[\s!.:…()\d]*$",
    re.IGNORECASE,
)

# Paywall prompts: "Abbonati per continuare a leggere", "Abonnez-vous pour lire la suite".
PAYWALL = re.compile(
    r"^(?:(?:abbonati|iscriviti|accedi|registrati) per (?:continuare a leggere|leggere (?:tutto|l'articolo))"
    r"|(?:questo )?(?:articolo|contenuto) (?:è )?riservato agli abbonati"
    r"|(?:assine|inscreva-se|entre|cadastre-se) para (?:continuar (?:lendo|a ler)|ler (?:a matéria|o artigo|mais))"
    r"|(?:conteúdo|matéria|artigo) exclusiv[oa] para assinantes"
    r"|(?:subscribe|sign in|log in|register) to (?:continue reading|read (?:more|the full (?:article|story)))"
    r"|(?:this (?:article|content) is )?(?:for|exclusive to|available to) subscribers(?: only)?"
    r"|abonnez-vous pour (?:lire la suite|continuer à lire|lire l'article)|(?:article )?réservé aux abonnés"
    r"|suscríbete para (?:seguir leyendo|continuar leyendo|leer más)|(?:contenido )?exclusivo para suscriptores"
    r"|(?:jetzt )?(?:abonnieren|weiterlesen mit \w+)(?: und weiterlesen)?|abonnieren sie, um weiterzulesen"
    r")[\s!.:…]*$",
    re.IGNORECASE,
)

ADS = re.compile(
    r"^(?:pubblicità|annuncio|contenuto sponsorizzato|publicidade|conteúdo patrocinado|advertisement"
    r"|sponsored(?: content)?|ad|anzeige|werbung|publicité|publicidad|contenido patrocinado)[\s:.]*$",
    re.IGNORECASE,
)

_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’.-]+"
_PARTICLE = r"(?:d[aeio]s?|del|della|van|von|der|de la|du|le|y|e|and|et|und)"
_TAIL = r"(?:\s*[|,–—-]\s*[^.!?]{0,60})?$"
# "Di Mario Rossi", "By John Smith and Jane Doe | Reuters"; a lone surname after "Di"
# ("Di Maio") is a name, not a byline, so at least two name words are required...
BYLINE = re.compile(
    rf"^(?i:di|by|por|par|von)\s+{_NAME}(?:\s+(?:{_PARTICLE}\s+)?{_NAME}){{1,3}}"
    rf"(?:\s*(?:,|e|and|y|et|und|&)\s+{_NAME}(?:\s+{_NAME}){{0,3}})?{_TAIL}"
)
# ...except after the unambiguous English, Portuguese/Spanish, French and German lead-ins.
BYLINE_SHORT = re.compile(rf"^(?i:by|por|par|von)\s+{_NAME}{_TAIL}")

_COOKIE_LEAD = (
    r"questo sito (?:web )?(?:utilizza|usa)|utilizziamo (?:i )?cookie|usiamo (?:i )?cookie"
    r"|este (?:site|sítio|sitio)(?: web)? (?:utiliza|usa)|usamos cookies|utilizamos cookies"
    r"|this (?:web)?site uses|we use cookies|by continuing to (?:use|browse)"
    r"|ce site (?:web )?utilise|nous utilisons des cookies|en poursuivant votre navigation"
    r"|diese (?:web)?seite verwendet|diese website (?:verwendet|nutzt)|wir verwenden cookies|wir nutzen cookies"
)
COOKIE_SENTENCE = re.compile(rf"^(?=.*cooki)(?:{_COOKIE_LEAD})", re.IGNORECASE)
COOKIE_BUTTON = re.compile(
    r"^(?:(?:accetta|accept|aceitar|aceito|accepter|akzeptieren|aceptar|rifiuta|reject|rejeitar|refuser|ablehnen|rechazar)"
    r"(?: (?:tutti|all|todos|tout|alle|todas))?(?: (?:i |os |les |las )?cookies?)?"
    r"|cookie(?:s)? (?:policy|settings|preferences|einstellungen)|informativa (?:sui )?cookie|política de cookies"
    r"|gestione cookie|ok|got it|ho capito|entendi|j'accepte)[\s!.]*$",
    re.IGNORECASE,
)

# Copyright lines: "© 2024 Example", "Riproduzione riservata © Copyright ANSA", "All rights reserved."
RIGHTS = re.compile(
    r"^(?:.{0,100}©.{0,100}|.{0,100}(?:tutti i diritti riservati|riproduzione riservata|all rights reserved"
    r"|todos os direitos reservados|tous droits réservés|todos los derechos reservados|alle rechte vorbehalten)"
    r".{0,60})$",
    re.IGNORECASE,
)
# "Copyright 2024 Example Media": only a year and capitalised names may follow, so a sentence
# that starts with the word ("Copyright law protects…") stays a claim.
COPYRIGHT = re.compile(
    r"^(?:[Cc]opyright|COPYRIGHT|\([Cc]\))(?:\s*(?:\(c\)|\d{4}(?:[-–]\d{4})?|[A-ZÀ-Þ][\w&.'’-]*|[,|-]))*\.?$"
)

# Agency footers: "(Reporting by John Smith; Editing by Jane Doe)".
AGENCY_FOOTER = re.compile(
    r"^(?:\((?:additional )?(?:reporting|writing|editing) by [^()]{2,200}\)"
    r"|(?:additional )?reporting by [^()]{2,200}editing by [^()]{2,100})\.?$",
    re.IGNORECASE,
)

_MONTH = (
    r"(?:gen|feb|mar|apr|mag|giu|lug|ago|set|ott|nov|dic|jan|fev|abr|mai|jun|jul|out|dez|ene|may|sep|oct|dec"
    r"|janv|févr|avr|juil|déc|märz|okt|aug)[a-zà-ü]*\.?"
)
_STAMP = rf"(?:\d[\d./:,h-]*|{_MONTH}|de|del|of|às|alle|at|um|à|a las|uhr|h)"
# Publication stamps: "Pubblicato il 12/03/2024 alle 10:30", "Updated: March 5, 2024", "Stand: 05.03.2024".
TIMESTAMP = re.compile(
    r"^(?:pubblicato|aggiornato|ultimo aggiornamento|publicado|atualizado|actualizado|published|updated"
    r"|last updated|posted|publié|mis à jour|veröffentlicht|aktualisiert|stand)"
    r"(?: (?:il|em|el|le|am|on|at|às|alle))?[\s:]*"
    rf"(?:{_STAMP}(?:[\s,]+{_STAMP}){{0,7}}"
    r"|\d+ (?:hours?|minutes?|days?|ore|minuti|giorni|horas|minutos|dias|días|heures|jours|stunden|minuten|tagen)"
    r" (?:ago|fa|atrás))$",
    re.IGNORECASE,
)
# "Tempo di lettura: 3 min", "5 min read", "Lesezeit: 4 Minuten".
READING_TIME = re.compile(
    r"^(?:(?:tempo di lettura|tempo de leitura|tiempo de lectura|reading time|temps de lecture|lesezeit)[\s:]*\d+"
    r"\s*(?:min\w*|minut\w*)?|\d+\s*min(?:ute)?s?\.? read|lettura:? \d+ min\w*)\.?$",
    re.IGNORECASE,
)
# Picture credits alone on a line: "Foto: ANSA", "Photo: Getty Images", "(Bild: dpa)".
CREDIT = re.compile(
    r"^\(?(?:foto|photo|fotografia|image|imagem|imagen|immagine|bild|credit|crédito|crédit)s?\s*:\s*[^.!?]{1,60}\)?$",
    re.IGNORECASE,
)
# Topic tag lists: "Tags: economia, governo".
TAGS = re.compile(r"^(?:tags?|argomenti|tópicos|temas|themen|sujets|topics)\s*:\s*[^.!?]{1,200}$", re.IGNORECASE)

_PATTERNS = (
    RELATED,
    SHARE,
    SOCIAL_ONLY,
    SUBSCRIBE,
    PAYWALL,
    COMMENTS,
    ADS,
    BYLINE,
    BYLINE_SHORT,
    COOKIE_SENTENCE,
    COOKIE_BUTTON,
    RIGHTS,
    COPYRIGHT,
    AGENCY_FOOTER,
    TIMESTAMP,
    READING_TIME,
    CREDIT,
    TAGS,
)


def is_boilerplate(line: str) -> bool:
    """Whether a stripped line is page furniture rather than article text."""
    if not line or len(line) > 400:
        return False
    return any(pattern.match(line) for pattern in _PATTERNS)
