"""The only package that speaks SQL: articles, segments, labels and their history in one SQLite file."""

from .articles import Articles
from .connection import SQLITE_MAGIC, explain, now, text_sha256
from .corrections import Corrections
from .links import Links
from .matches import Matches
from .metadata import ArticleMetadata
from .reading import Reading
from .records import Records
from .search import Search
from .undo import Undo
from .verdicts import Verdicts


class Store(Matches, ArticleMetadata, Articles, Corrections, Links, Reading, Records, Search, Undo, Verdicts):
    """The workbench database through one connection; open one per thread or page run, never share it."""


__all__ = ["SQLITE_MAGIC", "Store", "explain", "now", "text_sha256"]
