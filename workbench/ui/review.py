"""Widgets of the Review page: who reviews, the claim in context, the label form, progress."""

from __future__ import annotations

import streamlit as st

from workbench import rules
from workbench.errors import LabelConflict, NotFound, WorkbenchError
from workbench.ids import parse_id
from workbench.models import Claim, Label, SegmentKind, Status
from workbench.store import Store
from workbench.ui import article_view, db, evidence, history, safe, session
from workbench.ui.i18n import kind_name, status_name, t
from workbench.ui.when import local_time

SHORTCUTS = {Status.VERIFIED: "1", Status.UNVERIFIED: "2", Status.DISPUTED: "3"}


def current_claim(store: Store, reviewer: str) -> Claim | None:
    """The claim named in the URL (?claim=ID), else the next one this reviewer has not labelled.

    A claim a correction of the split replaced opens its current successor, with a one-line notice."""
    wanted = st.query_params.get("claim")
    if wanted:
        # parse_id, not isdigit(): '²' is a digit int() refuses, and a 10^30 overflows SQLite's integer.
        try:
            claim_id = parse_id(wanted, "claim")
        except NotFound as exc:
            db.show_error(exc)
        except WorkbenchError:
            st.error(t("review.bad_claim", value=safe.escape_markdown(repr(wanted[:40]))))
        else:
            with db.reported():
                claim = store.current_successor(claim_id)
                if claim.id != claim_id:
                    st.info(t("review.superseded_notice", old=safe.md(claim_id), new=safe.md(claim.id)), icon="↪️")
                return claim
        del st.query_params["claim"]
    return store.next_unlabelled(reviewer)


def go_to(claim: Claim | None) -> None:
    if claim is None:
        st.query_params.pop("claim", None)
    else:
        st.query_params["claim"] = str(claim.id)


def claim_in_context(store: Store, claim: Claim) -> None:
    article = store.article(claim.article_id)
    safe.heading(article.title)
    position, total = store.claim_position(claim)
    where = (
        t("review.position", position=safe.md(position), total=safe.md(total))
        if claim.kind is SegmentKind.CLAIM
        else kind_name(claim.kind.value)
    )
    st.caption(
        t(
            "review.context",
            article=safe.md(article.id),
            language=safe.md(article.language),
            where=where,
            segment=safe.md(claim.id),
        )
    )
    around = store.paragraphs_around(claim) if article_view.wants_more_context() else store.paragraph(claim)
    safe.paragraph_with_claim(article.text, around, claim)


def label_form(store: Store, claim: Claim, reviewer: str, label: Label | None) -> None:
    """Source, note, and the three verdict buttons; a label is saved the moment a button is pressed."""
    if claim.kind is not SegmentKind.CLAIM:
        st.info(t("review.not_offered", kind=kind_name(claim.kind.value)))
        return
    if label is not None:
        st.success(
            t(
                "review.saved",
                status=status_name(label.status.value),
                reviewer=safe.md(reviewer),
                at=safe.md(local_time(label.updated_at)),
            ),
            icon="✅",
        )
    source = st.text_input(
        t("review.source"),
        value=label.source_url if label else "",
        key=f"source-{claim.id}",
        placeholder="https://…",
        help=t("review.source_help"),
    )
    evidence.archive_input(claim, label)
    note = st.text_area(
        t("review.note"), value=label.note if label else "", key=f"note-{claim.id}", max_chars=2000, height=80
    )
    # The version this tab last showed: a save is refused if another tab or session changed it since.
    current = label.version if label else 0
    seen = st.session_state.get(session.seen_version(claim.id), current)
    columns = st.columns(3)
    for column, status in zip(columns, Status):
        chosen = label is not None and label.status is status
        # The claim is in the key: a click or key press sent while the page still showed the claim just
        # saved must not land on the next claim, which the reviewer has not seen yet. The press only asks
        # for the save (pressed()); the run it starts saves and shows the next claim, on one connection.
        column.button(
            status_name(status.value).capitalize(),
            key=f"label-{status.value}-{claim.id}",
            shortcut=SHORTCUTS[status],
            type="primary" if chosen else "secondary",
            width="stretch",
            on_click=pressed,
            args=(claim.id, status.value, seen),
        )
    conflict = st.session_state.get(session.CONFLICT)
    if conflict and conflict[0] == claim.id:
        resolve_conflict(store, claim, reviewer, Status(conflict[1]), source, note, label)
    else:
        st.session_state[session.seen_version(claim.id)] = current


def pressed(claim_id: int, status: str, seen: int) -> None:
    """A verdict button's press, kept for the run it starts (apply_pressed): callbacks run before the page
    opens its database, and a second connection per press would cost as much as the save."""
    st.session_state[session.PRESSED] = (claim_id, status, seen)


def apply_pressed(store: Store, reviewer: str) -> None:
    """Save the label a verdict button asked for, with the link and note the fields held at the press."""
    asked = st.session_state.pop(session.PRESSED, None)
    if asked is None:
        return
    claim_id, status, seen = asked
    source = st.session_state.get(f"source-{claim_id}", "")
    note = st.session_state.get(f"note-{claim_id}", "")
    with db.reported():
        save(store, store.claim(claim_id), reviewer, Status(status), source, note, expected_version=seen)


def save(
    store: Store, claim: Claim, reviewer: str, status: Status, source: str, note: str, expected_version: int | None
) -> bool:
    """Save and go to the next unlabelled claim; a conflict is kept for the reviewer to settle. True if saved."""
    try:
        saved = store.save_label(
            claim.id,
            status=status,
            reviewer=reviewer,
            source_url=source,
            note=note,
            expected_version=expected_version,
            archive_url=evidence.typed_archive(claim.id),
        )
    except LabelConflict:
        st.session_state[session.CONFLICT] = (claim.id, status.value)
        return False
    except WorkbenchError as exc:
        db.show_error(exc)  # refused: nothing stored, and the reviewer's input stays in the fields
        return False
    evidence.after_save(store, saved)  # the link is checked in the background; the save is done
    host = rules.lookalike_host(source) if source.strip() else ""
    st.session_state.pop(session.CONFLICT, None)
    st.session_state[session.LAST_SAVED] = (saved.claim_id, saved.status.value, host)
    st.session_state[session.UNDO] = (saved.claim_id, saved.version, saved.status.value)
    go_to(store.next_unlabelled(reviewer, after=claim) or claim)
    return True


def resolve_conflict(
    store: Store, claim: Claim, reviewer: str, status: Status, source: str, note: str, label: Label | None
) -> None:
    theirs = (
        t("review.no_label")
        if label is None
        else f"{status_name(label.status.value)} ({label.source_url or t('review.no_link')})"
    )
    st.warning(t("review.conflict", theirs=safe.escape_markdown(theirs), status=status_name(status.value)), icon="⚠️")
    left, right = st.columns(2)
    if left.button(t("review.overwrite", status=status_name(status.value)), key="conflict-overwrite", type="primary"):
        if save(store, claim, reviewer, status, source, note, expected_version=label.version if label else 0):
            st.rerun()
    if right.button(t("review.keep"), key="conflict-keep"):
        st.session_state.pop(session.CONFLICT, None)
        for key in (f"source-{claim.id}", f"note-{claim.id}", evidence.archive_key(claim.id)):
            st.session_state.pop(key, None)  # show the saved values again
        st.rerun()


def navigation(store: Store, claim: Claim, reviewer: str) -> None:
    """Previous, next unlabelled, next: each sets the claim in the URL before the run its press starts."""
    previous, following = store.neighbour(claim, -1), store.neighbour(claim, +1)
    left, middle, right = st.columns(3)
    left.button(
        t("review.previous"),
        key="nav-prev",
        shortcut="Left",
        disabled=previous is None,
        width="stretch",
        on_click=go_to,
        args=(previous,),
    )
    middle.button(
        t("review.next_unlabelled"),
        key="nav-unlabelled",
        shortcut="N",
        width="stretch",
        on_click=_ask_next_unlabelled,
    )
    right.button(
        t("review.next"),
        key="nav-next",
        shortcut="Right",
        disabled=following is None,
        width="stretch",
        on_click=go_to,
        args=(following,),
    )


def _ask_next_unlabelled() -> None:
    st.session_state[session.PRESSED_NEXT] = True


def apply_next_unlabelled(store: Store, reviewer: str) -> None:
    if st.session_state.pop(session.PRESSED_NEXT, False):
        try:  # parse_id, not isdigit(): '²' is a digit int() refuses
            after = store.claim(parse_id(st.query_params.get("claim", ""), "claim"))
        except WorkbenchError:
            after = None
        go_to(store.next_unlabelled(reviewer, after=after))


def progress(store: Store, claim: Claim | None, reviewer: str) -> None:
    done, total = store.progress(reviewer)
    if claim is not None:
        # This article only, not a summary of every article: the page stays as quick at 200,000 claims.
        labelled, claims = store.article_progress(claim.article_id, reviewer)
        st.progress(
            labelled / claims if claims else 1.0,
            text=t("review.article_progress", done=safe.md(labelled), total=safe.md(claims)),
        )
    st.progress(
        done / total if total else 1.0, text=t("review.overall_progress", done=safe.md(done), total=safe.md(total))
    )


def others_and_history(store: Store, claim: Claim, reviewer: str) -> None:
    """Other reviewers' labels (hidden under blind review until you have labelled) and the claim's history."""
    if claim.kind is not SegmentKind.CLAIM:
        return
    others = store.others_labels(claim.id, viewer=reviewer)  # None: blind review hides them, the store says
    verdict = store.verdict(claim.id, viewer=reviewer)
    title = t("review.others") if others is None else t("review.others_count", count=safe.md(len(others)))
    with st.expander(title):
        if others is None:
            st.caption(t("review.blind_hidden"))
        for label in others or ():
            safe.plain(
                f"{label.reviewer}: {status_name(label.status.value)} · "
                f"{label.source_url or t('review.no_link')} · {label.note or t('review.no_note')} · "
                f"{local_time(label.updated_at)}"
            )
        if verdict is not None:
            safe.plain(
                t(
                    "review.final_verdict_by",
                    by=verdict.by,
                    status=status_name(verdict.status.value),
                    note=verdict.note,
                    at=local_time(verdict.at),
                )
            )
    # A toggle, not an expander: an expander's content is computed on every run even while closed.
    if st.toggle(t("review.history"), key="show-history"):
        rows = store.claim_history(claim.id, viewer=reviewer)
        if rows:
            st.dataframe(history.table(rows), hide_index=True, width="stretch")
        else:
            st.caption(t("review.no_history"))


def last_saved() -> None:
    saved = st.session_state.pop(session.LAST_SAVED, None)
    if saved:
        st.toast(t("review.toast", claim=safe.md(saved[0]), status=status_name(saved[1])), icon="✅")
        if saved[2]:  # the look-alike host the link is stored with
            warning = t("err.lookalike_host", host=safe.escape_markdown(saved[2]))
            st.warning(t("review.link_warning", claim=safe.md(saved[0]), warning=warning), icon="⚠️")
