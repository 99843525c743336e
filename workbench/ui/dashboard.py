"""Widgets of the Dashboard: progress, label distribution, disagreements, agreement."""

from __future__ import annotations

from itertools import islice

import pandas as pd
import streamlit as st

from workbench import agreement
from workbench.store import Store


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def headline(store: Store) -> None:
    done, total = store.progress()
    ratings, articles = store.ratings()
    figures = agreement.report(ratings, articles)
    disagreements = sum(1 for _ in islice(store.disagreements(), 100_000))
    cols = st.columns(4)
    cols[0].metric("Claims with a label", f"{done} / {total}")
    cols[1].metric("Disagreements", disagreements)
    cols[2].metric("Krippendorff's α", _figure(figures["krippendorff_alpha"]),
                   help="Nominal α over every claim with two or more labels; 1 is full agreement, 0 chance.")
    cols[3].metric("Fleiss' κ", _figure(figures["fleiss_kappa"]))
    if figures["cohen_kappa"]:
        st.subheader("Agreement between pairs of reviewers")
        st.dataframe(pd.DataFrame(figures["cohen_kappa"]).rename(columns={"kappa": "Cohen's κ", "n": "claims"}),
                     hide_index=True, width="stretch")


def progress_by_article(store: Store) -> None:
    articles = store.articles()
    if not articles:
        return
    st.subheader("Progress per article")
    frame = pd.DataFrame({"article": [f"{a.id}. {a.title[:40]}" for a in articles],
                          "labelled": [a.labelled for a in articles],
                          "not yet": [a.claims - a.labelled for a in articles]}).set_index("article")
    st.bar_chart(frame, horizontal=True, stack=True)


def labels_by_reviewer(store: Store) -> None:
    counts = store.label_counts()
    if not counts:
        st.caption("No labels yet.")
        return
    st.subheader("Labels per reviewer and status")
    frame = pd.DataFrame(counts).pivot(index="reviewer", columns="status", values="labels").fillna(0)
    st.bar_chart(frame, horizontal=True, stack=True)
