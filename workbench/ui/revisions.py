"""Revisions on the Articles page (each text an article has had, and a diff of two) and the Review page's
notice on a claim a revision changed or removed. Every text is escaped (safe.py): never markup from an article."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from workbench.models import Claim, RevisionReport
from workbench.store import Store
from workbench.text_diff import DiffRow, text_diff, word_changes
from workbench.ui import safe, search
from workbench.ui.i18n import t
from workbench.ui.when import local_time

_STYLE = {  # change → (left border colour, sign, text style)
    "same": ("#e5e7eb", " ", "color:#6b7280"),
    "added": ("#16a34a", "+", "background:#f0fdf4"),
    "removed": ("#dc2626", "−", "background:#fef2f2;text-decoration:line-through"),
    "changed": ("#d97706", "~", "background:#fffbeb"),
}


def _word(change: str) -> str:
    return {"added": t("revisions.added"), "removed": t("revisions.removed"), "changed": t("revisions.changed")}[change]


def counts(report: RevisionReport | dict) -> dict[str, str]:
    values = report if isinstance(report, dict) else report.__dict__
    return {key: safe.md(values.get(key, 0)) for key in ("unchanged", "changed", "new", "removed")}


def _words(row: DiffRow) -> str:
    parts = []
    for op, words in word_changes(row.before, row.after):
        text = safe.escape(words)
        if op == "removed":
            parts.append(f'<del style="color:#b91c1c">{text}</del>')
        elif op == "added":
            parts.append(f'<ins style="color:#15803d;text-decoration:underline">{text}</ins>')
        else:
            parts.append(text)
    return "".join(parts)


def diff_html(rows: list[DiffRow]) -> str:
    """The diff as escaped text in styled lines: a sign and a word per change, for readers who see no colour."""
    lines = []
    for row in rows:
        border, sign, style = _STYLE[row.change]
        body = _words(row) if row.change == "changed" else safe.escape(row.after or row.before)
        tag = "" if row.change == "same" else f"<strong>{sign} {safe.escape(_word(row.change))}:</strong> "
        lines.append(
            f'<div class="wb-diff-{row.change}" style="border-left:4px solid {border};padding:0.15rem 0.5rem;'
            f'margin:0.1rem 0;white-space:pre-wrap;{style}">{tag}{body}</div>'
        )
    return f'<div class="wb-diff">{"".join(lines)}</div>'


def section(store: Store) -> None:
    """Pick an article; its revisions as a table and, with two or more, a diff of two of them."""
    st.caption(t("revisions.caption"))
    chosen = search.article_picker(store, st, "revisions-article", required=True)
    if chosen is None:
        return
    revisions = store.revisions(chosen)
    st.dataframe(
        pd.DataFrame(
            {
                t("col.revision"): [r.revision for r in revisions],
                t("col.when"): [safe.cell(local_time(r.imported_at)) for r in revisions],
                t("col.who"): [safe.cell(r.by) for r in revisions],
                t("col.from"): [safe.cell(r.source_name) for r in revisions],
                t("col.changes"): [
                    t("revisions.counts", **counts(r.counts)) if r.counts else t("revisions.first") for r in revisions
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    if len(revisions) < 2:
        st.caption(t("revisions.only_one"))
        return
    numbers = [r.revision for r in revisions]
    left, right = st.columns(2)
    before = left.selectbox(t("revisions.from"), numbers, index=len(numbers) - 2, key=f"revisions-from-{chosen}")
    after = right.selectbox(t("revisions.to"), numbers, index=len(numbers) - 1, key=f"revisions-to-{chosen}")
    rows = text_diff(store.revision_text(chosen, before), store.revision_text(chosen, after))
    tally = {change: sum(1 for r in rows if r.change == change) for change in _STYLE}
    st.caption(
        t(
            "revisions.summary",
            added=safe.md(tally["added"]),
            removed=safe.md(tally["removed"]),
            changed=safe.md(tally["changed"]),
            same=safe.md(tally["same"]),
        )
    )
    st.html(diff_html(rows))


def claim_notice(store: Store, claim: Claim) -> None:
    """On the Review page: a claim a revision changed (queued again) or removed says so."""
    marks = store.revision_marks(claim.id)
    if marks["removed_in"] is not None:
        st.info(t("review.removed_in", revision=safe.md(marks["removed_in"])), icon="🗂️")
    elif marks["changed_since_label"]:
        st.warning(t("review.changed_since_label", revision=safe.md(marks["revision"])), icon="✏️")
