"""The only package that speaks SQL: articles, segments, labels and their history, on SQLite or PostgreSQL."""

from .connection import SQLITE_MAGIC, explain, now, text_sha256
from .facade import Store

__all__ = ["SQLITE_MAGIC", "Store", "explain", "now", "text_sha256"]
