"""Widgets of the Dashboard: progress, label distribution, disagreements, agreement."""

from __future__ import annotations

from itertools import islice

import pandas as pd
import streamlit as st

from workbench import agreement
from workbench.store import Store
from workbench.ui.i18n import status_name, t

# More bars than a chart can label legibly: with thousands of articles, one bar each is unreadable.
CHART_ARTICLES = 30


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def headline(store: Store) -> None:
    done, total = store.progress()
    ratings, articles = store.ratings()
    figures = agreement.report(ratings, articles)
    disagreements = sum(1 for _ in islice(store.disagreements(), 100_000))
    cols = st.columns(4)
    cols[0].metric(t("dash.with_label"), f"{done} / {total}")
    cols[1].metric(t("dash.disagreements"), disagreements)
    cols[2].metric(t("dash.alpha"), _figure(figures["krippendorff_alpha"]), help=t("dash.alpha_help"))
    cols[2].caption(_basis(figures))
    cols[3].metric(t("dash.kappa"), _figure(figures["fleiss_kappa"]))
    cols[3].caption(_basis(figures))
    if figures["cohen_kappa"]:
        st.subheader(t("dash.pairs"))
        pairs = pd.DataFrame(figures["cohen_kappa"]).rename(columns={"kappa": t("col.cohen"), "n": t("col.claims")})
        st.dataframe(pairs, hide_index=True, width="stretch")
    if figures["pairs_below_minimum"]:
        st.caption(t("dash.pairs_below", count=figures["pairs_below_minimum"], minimum=figures["minimum"]))


def _basis(figures: dict) -> str:
    """What a figure stands on: n claims reviewed twice, or why there is no figure."""
    if figures["too_few"]:
        return t("dash.too_few", n=figures["n"], minimum=figures["minimum"])
    return t("dash.basis", n=figures["n"])


def progress_by_article(store: Store) -> None:
    """A bar per article; past CHART_ARTICLES, only the articles with the most claims still to label."""
    articles = store.articles()
    if not articles:
        return
    st.subheader(t("dash.per_article"))
    if len(articles) > CHART_ARTICLES:
        st.caption(t("dash.per_article_some", shown=CHART_ARTICLES, count=len(articles)))
        articles = sorted(articles, key=lambda a: (a.labelled - a.claims, a.id))[:CHART_ARTICLES]
    frame = pd.DataFrame(
        {
            t("col.article"): [f"{a.id}. {a.title[:40]}" for a in articles],
            t("col.labelled"): [a.labelled for a in articles],
            t("col.not_yet"): [a.claims - a.labelled for a in articles],
        }
    ).set_index(t("col.article"))
    st.bar_chart(frame, horizontal=True, stack=True)


def labels_by_reviewer(store: Store) -> None:
    counts = store.label_counts()
    if not counts:
        st.caption(t("dash.no_labels"))
        return
    st.subheader(t("dash.per_reviewer"))
    frame = pd.DataFrame(counts).pivot(index="reviewer", columns="status", values="labels").fillna(0)
    frame = frame.rename(columns=status_name).rename_axis(index=t("col.reviewer"), columns=None)
    st.bar_chart(frame, horizontal=True, stack=True)
