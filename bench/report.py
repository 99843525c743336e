"""BENCHMARKS.md is shared by several benchmarks: each rewrites only its own section."""

from __future__ import annotations

from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "BENCHMARKS.md"


def replace_section(heading: str, section: str, path: Path = BENCHMARKS) -> None:
    """Put `section` (starting with `heading`) in place of that section, or append it; leave the rest as it is."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    start = text.find(heading + "\n")
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n"
    else:
        following = text.find("\n## ", start + len(heading))
        rest = "" if following < 0 else "\n" + text[following + 1 :]
        text = text[:start] + section.rstrip("\n") + "\n" + rest
    path.write_text(text, encoding="utf-8")
