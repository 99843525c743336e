"""Review page: "Same claim elsewhere" (candidates from other articles, confirmed or refused from the keyboard)
and the suggestion that a confirmed twin's verdict gives, pre-filled but never saved without a key press.

Everything shown comes from the store, which applies blind review; this module only renders it as text.
"""

from __future__ import annotations

import streamlit as st

from workbench import config
from workbench.matching import enabled
from workbench.models import Claim, SegmentKind
from workbench.store import Store
from workbench.store.matches import DIFFERENT, SAME, UNDONE, Suggestion, Twin
from workbench.ui import db, safe
from workbench.ui.i18n import status_name, t, tn

SAME_KEY, DIFFERENT_KEY = "S", "D"
SHOWN = 5
WAITING_COUNTED = 1000  # the queue is counted up to here on each run; beyond, "more than 1,000"


def _off_reason() -> str:
    return t("match.off_setting") if not config.get("matching") else t("match.off_package")


def prefill(store: Store, claim: Claim, reviewer: str) -> Suggestion | None:
    """Before the label form: put a confirmed twin's source and note in the empty fields of a claim this
    reviewer has not labelled. The status is only shown; the reviewer still presses its key."""
    if (
        claim.kind is not SegmentKind.CLAIM
        or not enabled()
        or store.label(claim.id, reviewer, viewer=reviewer) is not None
    ):
        return None
    suggestion = store.suggestion(claim.id, viewer=reviewer)
    if suggestion is None:
        return None
    # Once per claim and session: a reviewer who clears the field does not get it back on the next run.
    if not st.session_state.get(f"prefilled-{claim.id}"):
        st.session_state[f"prefilled-{claim.id}"] = True
        for key, value in ((f"source-{claim.id}", suggestion.source_url), (f"note-{claim.id}", suggestion.note)):
            if value and not st.session_state.get(key):
                st.session_state[key] = value
    st.info(
        t(
            "match.suggested",
            status=status_name(suggestion.status.value),
            source=safe.escape_markdown(suggestion.source_url or t("review.no_link")),
            claim=suggestion.claim_id,
            article=safe.escape_markdown(suggestion.article_title),
            language=suggestion.language,
        ),
        icon="💡",
    )
    return suggestion


def section(store: Store, claim: Claim, reviewer: str) -> None:
    """The claims from other articles most likely to state the same fact, with a key for each decision."""
    if claim.kind is not SegmentKind.CLAIM:
        return
    if not enabled():
        st.caption(_off_reason())
        return
    st.markdown(f"**{t('match.title')}**")
    twins: list[Twin] = []
    with db.reported():
        twins = store.similar(claim.id, viewer=reviewer, k=SHOWN)
    if not twins:
        st.caption(t("match.none"))
    waiting = store.embeddings_missing(at_most=WAITING_COUNTED + 1)
    if waiting > WAITING_COUNTED:
        st.caption(t("match.waiting.many", limit=safe.md(f"{WAITING_COUNTED:,}")))  # a bound, never 1
    elif waiting:
        st.caption(tn("match.waiting", waiting))
    first_open = next((twin.claim.id for twin in twins if twin.decision is None), None)
    for twin in twins:
        _twin_row(store, claim, reviewer, twin, keys=twin.claim.id == first_open)


def _twin_row(store: Store, claim: Claim, reviewer: str, twin: Twin, *, keys: bool) -> None:
    seen = [f"{label.reviewer}: {status_name(label.status.value)}" for label in twin.labels]
    if twin.verdict is not None:
        seen.append(t("match.verdict", status=status_name(twin.verdict.value)))
    decision = {SAME: t("match.is_same"), DIFFERENT: t("match.is_different")}.get(twin.decision or "", "")
    safe.plain(
        t(
            "match.row",
            article=twin.article_title,
            language=twin.claim.language,
            score=f"{twin.score:.2f}",
            claim=twin.claim.id,
            text=twin.claim.text,
        )
    )
    details = " · ".join(part for part in (decision, ", ".join(seen) or t("match.no_labels")) if part)
    safe.plain(details, muted=True)
    left, middle, right = st.columns(3)
    chosen = None
    if twin.decision is None:
        if left.button(
            t("match.same"), key=f"match-same-{claim.id}-{twin.claim.id}", shortcut=SAME_KEY if keys else None
        ):
            chosen = SAME
        if middle.button(
            t("match.different"),
            key=f"match-different-{claim.id}-{twin.claim.id}",
            shortcut=DIFFERENT_KEY if keys else None,
        ):
            chosen = DIFFERENT
    elif right.button(t("match.undo"), key=f"match-undo-{claim.id}-{twin.claim.id}"):
        chosen = UNDONE
    if chosen is not None:
        with db.reported():
            store.decide_match(claim.id, twin.claim.id, chosen, by=reviewer, score=twin.score)
            st.rerun()


def setting(current: bool) -> bool:
    """The Admin page's toggle for serving claims with a suggestion first; hidden while matching is off."""
    if not enabled():
        st.caption(_off_reason())
        return current
    return st.toggle(t("admin.suggestions_first"), value=current, key="settings-suggestions-first")


def conflicts(store: Store, viewer: str) -> None:
    """Adjudication: clusters whose confirmed twins got different verdicts."""
    found = store.cluster_conflicts(viewer=viewer)
    if not found:
        return
    st.subheader(t("match.conflicts", count=len(found)))
    for conflict in found:
        lines = [
            t(
                "match.conflict_row",
                claim=claim.id,
                article=title,
                language=claim.language,
                status=status_name(status.value),
                by=t("match.by_editor") if editor else t("match.by_reviewers"),
            )
            for claim, title, status, editor in conflict.members
        ]
        safe.plain(t("match.cluster", cluster=conflict.cluster_id) + "\n" + "\n".join(lines))


def dashboard_figure(store: Store, viewer: str) -> None:
    """Dashboard: how many clusters of confirmed twins got different verdicts, where the store has a figure
    for this viewer."""
    count = store.cluster_conflict_count(viewer=viewer)
    if count is not None:
        st.metric(t("match.dash_conflicts"), safe.md(count))
