"""Function words that often open a sentence, per language.

Used where a capitalised word is the only evidence of a new sentence: after an ambiguous
abbreviation ("dos EUA. Segundo …") and to find a headline glued to its article. spaCy's
stop-word lists are too broad for this (they hold "anni", "Jahren", "generale").
"""

from __future__ import annotations

from workbench.models import GENERIC_LANGUAGE

_OPENERS: dict[str, str] = {
    "it": "il lo la i gli le un uno una l dei delle degli del della nel nella nei negli in a ad da di"
    " per con su tra fra e ma o però quindi inoltre anche non se quando mentre dopo prima secondo"
    " questo questa questi queste quello quella quelli quelle ci si è sono era io noi lui lei loro"
    " egli essi come dove perché chi che cosa oggi ieri già ora poi così infatti invece tuttavia",
    "pt": "o a os as um uma uns umas no na nos nas do da dos das em de para por com sem sobre entre"
    " e mas ou porém contudo também não se quando enquanto depois antes segundo este esta estes"
    " estas esse essa esses essas isso isto aquele aquela ele ela eles elas eu nós você há é são"
    " foi era como onde porque que quem hoje ontem já agora assim ainda além apesar após até",
    "en": "the a an this that these those it its he she they we you his her their our there here"
    " in on at for from with by to of as and but or so yet if when while after before since"
    " although though however also but not no many some most all one two what who why how where",
    "es": "el la los las lo un una unos unas en de del a al para por con sin sobre entre y e pero o"
    " u sino también no si cuando mientras después antes según este esta estos estas ese esa esos"
    " esas eso esto él ella ellos ellas yo nosotros usted hay es son fue era como donde porque que"
    " quien hoy ayer ya ahora así además aunque tras",
    "fr": "le la les l un une des du de d au aux en dans pour par avec sans sur sous entre et mais"
    " ou donc car ni aussi ne pas si quand lorsque pendant après avant selon ce cet cette ces"
    " celui celle il elle ils elles on nous vous je c est sont était comme où pourquoi qui que"
    " aujourd hier déjà maintenant ainsi cependant toutefois",
    "de": "der die das den dem des ein eine einen einem einer eines im in am an auf aus bei mit"
    " nach von vor zu zum zur für über unter zwischen und aber oder doch denn sondern auch nicht"
    " wenn als dass während nachdem bevor seit laut dieser diese dieses diesen er sie es wir ich man"
    " ihr es dort hier heute gestern bereits jetzt so damit deshalb trotzdem jedoch zudem",
}


def _parse() -> dict[str, frozenset[str]]:
    parsed = {lang: frozenset(words.split()) for lang, words in _OPENERS.items()}
    parsed[GENERIC_LANGUAGE] = frozenset().union(*parsed.values())
    return parsed


OPENERS = _parse()


def openers_for(language: str) -> frozenset[str]:
    return OPENERS.get(language, OPENERS[GENERIC_LANGUAGE])
