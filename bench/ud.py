"""Read Universal Dependencies .conllu files into raw documents with gold sentence ends."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Files without document markers are cut into runs of this many sentences (see ../shared/ud/README.md).
RUN_LENGTH = 20


@dataclass(frozen=True)
class Document:
    """Raw text rebuilt from gold sentences, and the gold ends as non-whitespace character counts."""

    text: str
    boundaries: frozenset[int]


def language_of(path: Path) -> str:
    """The language code a UD file name starts with (`pt_bosque-ud-dev.conllu` → `pt`)."""
    return path.name.split("_", 1)[0]


def _paragraphs(path: Path) -> Iterator[list[list[str]]]:
    """Yield documents as lists of paragraphs, each a list of sentence texts."""
    has_docs = False
    doc: list[list[str]] = []
    par: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("# newdoc"):
                has_docs = True
                if par:
                    doc.append(par)
                if doc:
                    yield doc
                doc, par = [], []
            elif line.startswith("# newpar"):
                if par:
                    doc.append(par)
                par = []
            elif line.startswith("# text ="):
                par.append(line.split("=", 1)[1].strip())
                if not has_docs and sum(map(len, doc)) + len(par) >= RUN_LENGTH:
                    doc.append(par)
                    yield doc
                    doc, par = [], []
    if par:
        doc.append(par)
    if doc:
        yield doc


def _nonspace(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def read_documents(path: Path) -> list[Document]:
    """Rebuild each document: sentences of a paragraph joined by a space, paragraphs by a newline."""
    documents = []
    for paragraphs in _paragraphs(path):
        ends: set[int] = set()
        count = 0
        for paragraph in paragraphs:
            for sentence in paragraph:
                count += _nonspace(sentence)
                ends.add(count)
        text = "\n".join(" ".join(paragraph) for paragraph in paragraphs)
        documents.append(Document(text=text, boundaries=frozenset(ends)))
    return documents


def nonspace_ends(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Convert character end offsets into non-whitespace character counts."""
    ends: set[int] = set()
    prefix = 0
    last = 0
    for _start, end in sorted(spans, key=lambda span: span[1]):
        prefix += _nonspace(text[last:end])
        last = end
        ends.add(prefix)
    return ends
