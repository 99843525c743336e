"""Per-language abbreviation tables that decide whether a period ends a sentence.

Words are stored lower-cased and without their final period ("dott", "s.p.a").
Three kinds:
- TITLES precede a name, so the period after them never ends a sentence
  ("dott. Rossi", "Sr. Silva").
- BEFORE_NUMBER precede a number ("art. 5", "Dec. 5").
- ENDERS close a noun phrase ("ecc.", "Inc.", "p.m."), so a capitalised word after them
  starts a new sentence.
- OTHERS usually sit inside a sentence but can also end one ("in the U.S. The…"):
  after them we only split when the next word is a function word that commonly
  opens a sentence.
"""

from __future__ import annotations

from workbench.models import GENERIC_LANGUAGE

_TITLES: dict[str, str] = {
    "it": "dott dott.ssa dott.sa dr sig sig.ra sig.na sigg prof prof.ssa avv ing arch on sen geom"
    " rag mons don fr sr sra gen col magg ten cav comm gr uff egr gent.mo gent.ma spett c.a",
    "pt": "sr sra srs sras srta dr dra drs dras prof profa eng arq des min gen cel maj ten sgt"
    " dom pe fr exmo exma ilmo ilma v.exa sto sta",
    "en": "mr mrs ms messrs dr prof sen rep gov lt col gen maj capt cmdr sgt rev hon pres supt st mt ft",
    "es": "sr sra srs sres srta dr dra drs dres lic ing arq prof profa gral gen cnel tte sgto"
    " dña sto sta fr pbro ud uds vd vds",
    "fr": "m mm mme mmes mlle mlles dr pr me mgr st ste gén col cdt lt cne sgt",
    "de": "hr hrn frl dr prof dipl ing mag st gen oberst hptm lt",
}

# Abbreviations that stand before a number ("art. 5", "Dec. 5", "ca. 300"); before a
# capitalised word they behave like ordinary words.
_BEFORE_NUMBER: dict[str, str] = {
    "it": "art artt att n nr num pag pagg cfr vol ca p pp sez sec cap tel fax gen feb mar apr mag giu"
    " lug ago set sett ott nov dic h ore",
    "pt": "art arts n nº núm pág págs p pp cap vol tel av r aprox ca cf séc jan fev mar abr mai"
    " jun jul ago set out nov dez",
    "en": "no nos vol pp p fig figs art ch sec jan feb mar apr jun jul aug sep sept oct nov dec approx ca cf vs v est",
    "es": "art núm n nº pág págs p pp vol cap tel aprox ca cf vs av avda ene feb mar abr may jun"
    " jul ago sep sept oct nov dic",
    "fr": "art n nº no p pp vol chap fig tél env ca cf av bd janv févr avr juil sept oct nov déc",
    "de": "nr art abs bd kap s ca tel jh jan feb apr aug sept okt nov dez",
}

# Ambiguous: inside a sentence usually, at its end sometimes ("the U.S. The…"). Acronyms
# written without periods (EUA, USA, ONU) are not here: a period after them ends a sentence.
_OTHERS: dict[str, str] = {
    "it": "al s.p.a s.r.l s.n.c s.a.s spa srl ecc etc a.c d.c u.s.a sgg segg ss",
    "pt": "al e.u.a ltda s.a s/a etc cia a.c d.c",
    "en": "inc ltd co corp plc llc u.s u.k u.n e.u a.m p.m etc al e.g i.e b.c a.d d.c ph.d u.s.a",
    "es": "al ee.uu s.a s.l etc cía a.c d.c a.m p.m",
    "fr": "al etc s.a s.a.r.l cie j.-c av.-j.-c",
    "de": "al gmbh ag kg e.v usw etc v.chr n.chr mio mrd tsd ggf bzw vgl inkl exkl evtl ugs zzgl abzgl"
    " u.a z.b d.h u.u o.ä z.t i.d.r s.o u.ä d.i m.e",
}


# Closers of a noun phrase, so often the last word of a sentence: before a capitalised word
# (not one in capitals) a new sentence starts ("formaggi ecc. Nessuno", "Acme Inc. Shares").
_ENDERS: dict[str, str] = {
    "it": "ecc s.p.a s.r.l s.n.c s.a.s spa srl",
    "pt": "ltda s.a s/a cia",
    "en": "ltd corp plc llc a.m p.m",
    "es": "s.a s.l cía a.m p.m",
    "fr": "cie s.a s.a.r.l",
    "de": "usw gmbh ag kg",
}

# English titles and "No." travel into news in every language ("Mr. Frost", "St. Louis", "No. 1"),
# and so do "etc." and "Inc.".
_EVERYWHERE: dict[int, str] = {id(_TITLES): "mr mrs ms st", id(_BEFORE_NUMBER): "no", id(_ENDERS): "etc inc"}

# Titles of one language that are ordinary words, or ambiguous, in another ("me" is a French
# title and an Italian pronoun, "sta" a Portuguese one and an Italian verb): these stay in
# their own language. Every other title is understood in every language, since news quotes
# people from abroad ("la Dra. Souza" in an Italian article).
_CLASHING_TITLES = frozenset(
    "on don ten rag dom sto sta me min des pe mag col sen gen ft mt fr m mm pr rep hon pres ing eng rev cel ste"
    " lt ud vd cav comm gr uff arch des maj sgt dipl".split()
)


def _parse(table: dict[str, str]) -> dict[str, frozenset[str]]:
    shared = _EVERYWHERE.get(id(table), "").split()
    parsed = {lang: frozenset([*words.split(), *shared]) for lang, words in table.items()}
    # The generic pipeline knows every language's abbreviations.
    parsed[GENERIC_LANGUAGE] = frozenset().union(*parsed.values())
    return parsed


def _with_foreign_titles(titles: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    foreign = titles[GENERIC_LANGUAGE] - _CLASHING_TITLES
    return {lang: words | foreign for lang, words in titles.items()}


TITLES = _with_foreign_titles(_parse(_TITLES))
BEFORE_NUMBER = _parse(_BEFORE_NUMBER)
OTHERS = _parse(_OTHERS)
ENDERS = _parse(_ENDERS)


def table_for(table: dict[str, frozenset[str]], language: str) -> frozenset[str]:
    """The language's entries, or every language's for the generic pipeline."""
    return table.get(language, table[GENERIC_LANGUAGE])
