"""A workbench for fact-checkers: split news articles into claims, label them, export the verdicts."""

from .database import open_store
from .errors import (DatabaseError, InvalidInput, InvalidLabel, NotAWorkbenchDatabase, NotFound,
                     SchemaTooNew, WorkbenchError)
from .models import Article, ArticleSummary, Claim, Label, Segment, SegmentKind, Split, Status
from .store import Store

__all__ = [
    "Article", "ArticleSummary", "Claim", "DatabaseError", "InvalidInput", "InvalidLabel", "Label",
    "NotAWorkbenchDatabase", "NotFound", "SchemaTooNew", "Segment", "SegmentKind", "Split", "Status",
    "Store", "WorkbenchError", "open_store",
]
