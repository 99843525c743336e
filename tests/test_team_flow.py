"""Three reviewers label the demo articles: agreement, disagreements, adjudication and export all reflect it."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pandas as pd

from workbench import agreement
from workbench.database import open_store
from workbench.exporting import export_text
from workbench.store.accounts import OPERATOR

REVIEWERS = ("ann@news.example", "bob@news.example", "cy@news.example")
STATUSES = ("verified", "unverified", "disputed")


def test_three_reviewers_end_to_end(db_path: Path) -> None:
    rng = random.Random(2026)
    with open_store(demo=True) as store:
        store.add_account("admin@news.example", "admin", by=OPERATOR)
        store.add_account("ed@news.example", "editor", by=OPERATOR)
        for reviewer in REVIEWERS:
            store.add_account(reviewer, "reviewer", by=OPERATOR)
        claims = [c.id for c in store.claims()]
        given: dict[int, dict[str, str]] = {}
        for claim in claims:
            # Mostly agreeing reviewers, as real ones are: one shared answer, sometimes a dissent.
            shared = rng.choice(STATUSES)
            for reviewer in REVIEWERS:
                status = shared if rng.random() < 0.75 else rng.choice(STATUSES)
                store.save_label(
                    claim,
                    status=status,
                    reviewer=reviewer,
                    source_url="" if status == "unverified" else "https://evidence.example/x",
                )
                given.setdefault(claim, {})[reviewer] = status

        # Agreement: what the store hands the calculator is exactly what was given.
        ratings, articles = store.ratings(viewer=OPERATOR)
        assert ratings == given
        figures = agreement.report(ratings, articles)
        assert figures["krippendorff_alpha"] == agreement.krippendorff_alpha(given)
        assert 0 < figures["krippendorff_alpha"] < 1  # some agreement, some dissent
        assert [(p["a"], p["b"], p["n"]) for p in figures["cohen_kappa"]] == [
            (REVIEWERS[0], REVIEWERS[1], len(claims)),
            (REVIEWERS[0], REVIEWERS[2], len(claims)),
            (REVIEWERS[1], REVIEWERS[2], len(claims)),
        ]
        assert len(figures["per_article"]) == 3

        # The disagreement queue holds exactly the claims with more than one status.
        disputed = [c for c in claims if len(set(given[c].values())) > 1]
        assert disputed and list(store.disagreements(viewer=OPERATOR)) == disputed

        # The editor settles each; the wide export carries the final verdicts.
        for claim in disputed:
            store.adjudicate(claim, status="disputed", note=f"settled {claim}", by="ed@news.example")
        wide = pd.read_csv(
            io.StringIO(export_text(store, "csv-wide", viewer=OPERATOR)), dtype=str, keep_default_na=False
        )
        settled = wide.set_index("claim_id").loc[[str(c) for c in disputed]]
        assert set(settled["final_status"]) == {"disputed"}
        assert list(settled["final_note"]) == [f"settled {c}" for c in disputed]
        for reviewer in REVIEWERS:
            column = next(c for c in wide.columns if c.startswith(reviewer) and c.endswith("status"))
            assert list(wide[column]) == [given[int(c)][reviewer] for c in wide["claim_id"]]

        # The long export: one row per label.
        long = pd.read_csv(io.StringIO(export_text(store, "csv", viewer=OPERATOR)), dtype=str, keep_default_na=False)
        assert len(long) == len(claims) * len(REVIEWERS)
        assert {(int(r.claim_id), r.reviewer): r.status for r in long.itertuples()} == {
            (c, r): s for c, by in given.items() for r, s in by.items()
        }
