"""A workbench for fact-checkers: split news articles into claims, label them, export the verdicts."""

from .database import open_store
from .errors import (
    DatabaseError,
    InvalidInput,
    InvalidLabel,
    NotAuthorized,
    NotAWorkbenchDatabase,
    NotFound,
    SchemaTooNew,
    WorkbenchError,
)
from .models import Account, Article, ArticleSummary, Claim, Label, Role, Segment, SegmentKind, Split, Status
from .store import Store

__all__ = [
    "Account",
    "Role",
    "Article",
    "ArticleSummary",
    "Claim",
    "DatabaseError",
    "InvalidInput",
    "InvalidLabel",
    "Label",
    "NotAWorkbenchDatabase",
    "NotAuthorized",
    "NotFound",
    "SchemaTooNew",
    "Segment",
    "SegmentKind",
    "Split",
    "Status",
    "Store",
    "WorkbenchError",
    "open_store",
]
