"""Exact nearest-neighbour search over compactly stored vectors: a normalised matrix product, no approximate index.

Vectors are kept as int8 (each row scaled so its largest component is ±127) with one float32 scale per row:
512 bytes + 4 per claim, 103 MB for 200,000 claims, where float32 would take 410 MB and float16 205 MB. The
dot product is taken block by block (int8 rows widened to float32 in a reused buffer, then BLAS), so memory
stays flat; the quantisation error on a cosine is about 0.003, far below any decision the matcher makes.
bench/matching.py measures search time and memory at 200,000 claims.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache

import numpy as np

BLOCK = 2048  # rows widened at a time: 4 MB of float32, small enough to stay in cache on a laptop


def quantise(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors as int8 codes and one scale per row; `codes * scale` gives the vector back."""
    vectors = np.asarray(vectors, dtype=np.float32)
    peak = np.abs(vectors).max(axis=1) if len(vectors) else np.zeros(0, np.float32)
    scale = np.where(peak == 0, 1.0, peak / 127.0).astype(np.float32)
    codes = np.clip(np.rint(vectors / scale[:, None]), -127, 127).astype(np.int8)
    return codes, scale


class VectorIndex:
    """Ids and their vectors; `search` returns the most similar ids. Filled from the store or from a file.

    Appending grows arrays geometrically, so filling it one claim at a time costs amortised O(1); a caller
    that knows the count (the store) passes `capacity` and holds no spare room.
    """

    def __init__(self, dimensions: int, capacity: int = 0) -> None:
        self.dimensions = dimensions
        self._codes = np.zeros((capacity, dimensions), dtype=np.int8)
        self._scales = np.zeros(capacity, dtype=np.float32)
        self._ids = np.zeros(capacity, dtype=np.int64)
        self._size = 0
        self._buffer = np.empty((BLOCK, dimensions), dtype=np.float32)

    def __len__(self) -> int:
        return self._size

    @property
    def nbytes(self) -> int:
        """Memory held for vectors, ids and scales, spare capacity included (the figure bench/matching.py checks)."""
        return self._codes.nbytes + self._scales.nbytes + self._ids.nbytes

    def add(self, ids: Sequence[int] | np.ndarray, vectors: np.ndarray) -> None:
        codes, scales = quantise(vectors)
        self.add_quantised(ids, codes, scales)

    def add_quantised(self, ids: Sequence[int] | np.ndarray, codes: np.ndarray, scales: np.ndarray) -> None:
        """Vectors already stored as int8 and scales (as the database will keep them)."""
        count = len(codes)
        if count != len(ids) or count != len(scales) or (count and codes.shape[1] != self.dimensions):
            raise ValueError("ids, codes and scales must agree in length and dimensions")
        needed = self._size + count
        if needed > len(self._ids):
            capacity = max(needed, 2 * len(self._ids), 1024)
            self._codes = _grown(self._codes, capacity, self._size)
            self._scales = _grown(self._scales, capacity, self._size)
            self._ids = _grown(self._ids, capacity, self._size)
        self._codes[self._size : needed] = codes
        self._scales[self._size : needed] = scales
        self._ids[self._size : needed] = np.asarray(ids, dtype=np.int64)
        self._size = needed

    def scores(self, query: np.ndarray) -> np.ndarray:
        """Cosine of `query` (a unit vector) with every stored vector, in insertion order."""
        query = np.asarray(query, dtype=np.float32)
        out = np.empty(self._size, dtype=np.float32)
        with _one_blas_thread() as blas:
            for start in range(0, self._size, BLOCK):
                stop = min(start + BLOCK, self._size)
                block = self._buffer[: stop - start]
                np.copyto(block, self._codes[start:stop], casting="unsafe")
                if blas:
                    np.dot(block, query, out=out[start:stop])
                else:
                    out[start:stop] = np.einsum("ij,j->i", block, query)
        out *= self._scales[: self._size]
        return out

    def search(self, query: np.ndarray, k: int, exclude: Iterable[int] = ()) -> list[tuple[int, float]]:
        """The k stored ids most similar to `query`, best first, as (id, cosine); ids in `exclude` left out."""
        if not self._size or k <= 0:
            return []
        scores = self.scores(query)
        excluded = np.fromiter(exclude, dtype=np.int64)
        if len(excluded):
            scores[np.isin(self._ids[: self._size], excluded)] = -np.inf
        k = min(k, self._size)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(self._ids[i]), float(scores[i])) for i in top if np.isfinite(scores[i])]


@contextmanager
def _one_blas_thread() -> Iterator[bool]:
    """BLAS limited to one thread while we search; False when that cannot be done (numpy's einsum then).

    A matrix-vector product per block is too small to share: with OpenBLAS on two threads, each of the ~100
    calls waits for the other thread, and on a loaded machine a search took 250-1200 ms instead of 17 ms.
    """
    controller = _controller()
    if controller is None:
        yield False
        return
    with controller.limit(limits=1, user_api="blas"):
        yield True


@lru_cache(maxsize=1)
def _controller() -> object | None:
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()


def _grown(array: np.ndarray, capacity: int, size: int) -> np.ndarray:
    grown = np.zeros((capacity, *array.shape[1:]), dtype=array.dtype)
    grown[:size] = array[:size]
    return grown
