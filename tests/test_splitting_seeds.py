"""The seed articles in ../shared/seeds split exactly as gold.json says, kinds included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.splitting import split_text

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def _gold() -> dict:
    path = SEEDS / "gold.json"
    if not path.is_file():
        pytest.skip(f"seed articles not available at {SEEDS}")
    return json.loads(path.read_text(encoding="utf-8"))["articles"]


def _names() -> list[str]:
    path = SEEDS / "gold.json"
    if not path.is_file():
        return ["(seeds absent)"]
    return sorted(json.loads(path.read_text(encoding="utf-8"))["articles"])


@pytest.mark.parametrize("name", _names())
def test_seed_segments_match_gold(name: str) -> None:
    article = _gold()[name]
    split = split_text((SEEDS / name).read_text(encoding="utf-8"))
    got = [(segment.kind.value, segment.text) for segment in split.segments]
    expected = [(segment["kind"], segment["text"]) for segment in article["segments"]]
    assert got == expected


@pytest.mark.parametrize("name", _names())
def test_seed_language_detected(name: str) -> None:
    article = _gold()[name]
    split = split_text((SEEDS / name).read_text(encoding="utf-8"))
    assert split.detected_language == article["language"]
    assert split.language == article["language"]


@pytest.mark.parametrize("name", _names())
def test_seed_offsets_index_the_text(name: str) -> None:
    _gold()
    split = split_text((SEEDS / name).read_text(encoding="utf-8"))
    assert [s.index for s in split.segments] == list(range(len(split.segments)))
    for segment in split.segments:
        assert split.text[segment.start : segment.end] == segment.text
