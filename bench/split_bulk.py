"""Bulk split: `workbench split --lang auto` over 1,500 mixed-language articles, whole process, vs spaCy.

Run: python -m bench.split_bulk [--quick] [--write]

1,500 articles (bench/data.py: 20 UD sentences under a headline, the six languages in turn,
about 2.9 M characters) are written to files. Ours: one `workbench split --lang auto --format
jsonl` process over all the files, so language identification is included. Baseline: one Python
process that is told each article's language (no detection), builds `spacy.blank(lang)` +
`sentencizer` per language and writes each sentence as a JSON line. Both write to /dev/null and
are timed wall clock from spawn to exit, alternating, best of the repeats. Target: ratio
(baseline time / ours) ≥ 1.0×. The language-identification model cache is filled beforehand,
as it is after a user's first run.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.data import articles  # noqa: E402
from bench.report import replace_section  # noqa: E402
from bench.result import Result, emit  # noqa: E402
from bench.split_start import workbench_command  # noqa: E402

TARGET = 1.0
ARTICLES = 1500

# The baseline process: told each file's language, spaCy's sentencizer, one JSON line per sentence.
BASELINE = """
import json, sys
import spacy
manifest = json.load(open(sys.argv[1], encoding="utf-8"))
pipelines = {}
out = sys.stdout
for language, path in manifest:
    nlp = pipelines.get(language)
    if nlp is None:
        nlp = pipelines[language] = spacy.blank(language)
        nlp.add_pipe("sentencizer")
    text = open(path, encoding="utf-8").read()
    for sentence in nlp(text).sents:
        out.write(json.dumps({"source": path, "text": sentence.text, "start": sentence.start_char,
                              "end": sentence.end_char, "language": language}) + "\\n")
"""


def wall(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure(quick: bool) -> Result:
    count = 300 if quick else ARTICLES
    repeats = 1 if quick else 3
    with tempfile.TemporaryDirectory(prefix="workbench-bulk-") as scratch:
        folder = Path(scratch)
        env = {**os.environ, "WORKBENCH_CACHE_DIR": str(folder / "cache")}
        manifest = []
        chars = 0
        for number, article in enumerate(articles(count)):
            path = folder / f"{number:05d}.txt"
            path.write_text(article.text, encoding="utf-8")
            manifest.append((article.language, str(path)))
            chars += len(article.text)
        (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        ours_command = workbench_command() + ["split", "--lang", "auto", "--format", "jsonl"]
        ours_command += [path for _, path in manifest]
        baseline_command = [sys.executable, "-c", BASELINE, str(folder / "manifest.json")]
        wall(workbench_command() + ["split", "--lang", "auto", manifest[0][1]], env)  # fill the model cache
        ours = baseline = float("inf")
        for _ in range(repeats):
            ours = min(ours, wall(ours_command, env))
            baseline = min(baseline, wall(baseline_command, env))
    ratio = baseline / ours
    detail = (
        f"split bulk: {count:,} articles, {chars:,} characters, six languages; whole process, wall time,"
        f" best of {repeats}\n"
        f"  workbench split --lang auto {ours:.2f} s; spaCy sentencizer told each language {baseline:.2f} s"
    )
    return Result(
        "split bulk",
        f"{ratio:.2f}× ({ours:.1f} vs {baseline:.1f} s)",
        f"≥ {TARGET:.1f}× sentencizer",
        ratio >= TARGET,
        detail,
    )


SECTION = "## Split in bulk"


def write_section(result: Result) -> None:
    """Replace only this benchmark's section of BENCHMARKS.md."""
    today = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        SECTION,
        "",
        f"`python -m bench.split_bulk --write` on {today}, {os.cpu_count()} cores shared with other work.",
    ]
    lines += ["", f"- measured: {result.value}; target {result.target}: {result.verdict}"]
    lines += [f"- {line.strip()}" for line in result.detail.splitlines() if line.strip()]
    replace_section(SECTION, "\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="reduced scale, for bench/run.py --quick")
    parser.add_argument("--write", action="store_true", help=f"update the {SECTION!r} section of BENCHMARKS.md")
    args = parser.parse_args()
    result = measure(args.quick)
    emit(result)
    if args.write and not args.quick:
        write_section(result)


if __name__ == "__main__":
    main()
