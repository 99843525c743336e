"""The exact search over int8 vectors: the same neighbours as float32, exclusions honoured, growth lossless."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.matching.index import BLOCK, VectorIndex, quantise


def unit_vectors(count: int, dimensions: int = 64, seed: int = 0) -> np.ndarray:
    vectors = np.random.default_rng(seed).standard_normal((count, dimensions)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1, max_value=300), st.integers(min_value=0, max_value=2**31))
def test_int8_cosines_are_within_a_hundredth_of_float32(count: int, seed: int) -> None:
    vectors = unit_vectors(count, seed=seed)
    codes, scales = quantise(vectors)
    error = np.abs((codes * scales[:, None]) @ vectors[0] - vectors @ vectors[0])
    assert error.max() < 0.01


def test_search_finds_what_a_float32_product_finds_across_blocks() -> None:
    """More vectors than one block, so the block loop and its last partial block are exercised."""
    vectors = unit_vectors(BLOCK * 2 + 37, seed=1)
    # Planted neighbours of the query, far apart in similarity so int8 rounding cannot swap them.
    query = vectors[0]
    for rank, row in enumerate((5, BLOCK + 3, 2 * BLOCK + 30)):
        vectors[row] = query * (0.95 - 0.1 * rank) + vectors[row] * 0.3
        vectors[row] /= np.linalg.norm(vectors[row])
    index = VectorIndex(64)
    index.add(np.arange(100, 100 + len(vectors)), vectors)
    found = index.search(query, 4)
    assert [i for i, _ in found] == [100, 105, 100 + BLOCK + 3, 100 + 2 * BLOCK + 30]
    assert found[0][1] == pytest.approx(1.0, abs=0.01)
    assert [s for _, s in found] == sorted((s for _, s in found), reverse=True)


def test_exclude_leaves_out_ids_and_k_larger_than_the_index() -> None:
    vectors = unit_vectors(5)
    index = VectorIndex(64)
    index.add([10, 11, 12, 13, 14], vectors)
    found = index.search(vectors[0], 10, exclude=[10, 12])
    assert sorted(i for i, _ in found) == [11, 13, 14]


def test_empty_index_and_zero_k() -> None:
    index = VectorIndex(64)
    assert index.search(unit_vectors(1)[0], 3) == [] and len(index) == 0
    index.add([1], unit_vectors(1))
    assert index.search(unit_vectors(1)[0], 0) == []


def test_adding_one_at_a_time_equals_adding_at_once() -> None:
    vectors = unit_vectors(2500, seed=3)
    once, grown = VectorIndex(64), VectorIndex(64)
    once.add(np.arange(2500), vectors)
    for i, vector in enumerate(vectors):
        grown.add([i], vector[None, :])
    assert len(grown) == 2500
    assert np.array_equal(once.scores(vectors[7]), grown.scores(vectors[7]))


def test_a_known_count_holds_no_spare_room() -> None:
    index = VectorIndex(512, capacity=1000)
    index.add(np.arange(1000), np.ones((1000, 512), dtype=np.float32) / np.sqrt(512))
    assert index.nbytes == 1000 * (512 + 4 + 8)


def test_mismatched_arrays_are_refused() -> None:
    index = VectorIndex(64)
    with pytest.raises(ValueError):
        index.add([1, 2], unit_vectors(3))
