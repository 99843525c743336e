"""Evidence links on the pages: the archive link field, the background check after a save, the link's flag on
a claim (Review, Adjudication), what was kept of the page, and the Dashboard's figure.

Checks run in a small pool of threads of the server process (linkcheck.BackgroundChecks), one per database,
each writing through a connection of its own: a save never waits for the network.
"""

from __future__ import annotations

import streamlit as st

from workbench.linkcheck import BackgroundChecks
from workbench.models import Claim, Label, LinkState, LinkStatus
from workbench.store import Store
from workbench.store.links import NOT_CHECKED
from workbench.ui import safe
from workbench.ui.i18n import t
from workbench.ui.when import local_time

# Okabe-Ito, as the verdicts (palette.py): apart for the common colour-blindnesses, and always beside a word.
COLOURS = {
    LinkStatus.OK: "#00775a",
    LinkStatus.DEAD: "#c24e00",
    LinkStatus.CHANGED: "#b27a00",
    LinkStatus.UNCHECKED: "#6b7280",
}
SYMBOLS = {LinkStatus.OK: "✓", LinkStatus.DEAD: "✗", LinkStatus.CHANGED: "≠", LinkStatus.UNCHECKED: "…"}


def status_word(status: LinkStatus) -> str:
    """A link status in the reader's language (one literal key each, so the catalogue test sees them)."""
    words = {
        LinkStatus.OK: lambda: t("links.status.ok"),
        LinkStatus.DEAD: lambda: t("links.status.dead"),
        LinkStatus.CHANGED: lambda: t("links.status.changed"),
        LinkStatus.UNCHECKED: lambda: t("links.status.unchecked"),
    }
    return words[status]()


def archive_key(claim_id: int) -> str:
    return f"archive-{claim_id}"


@st.cache_resource(show_spinner=False)
def _checks(db_path: str) -> BackgroundChecks:
    """One pool per database for the whole server: the checks of every session share its few threads."""
    return BackgroundChecks(db_path)


def archive_input(claim: Claim, label: Label | None) -> str:
    """The optional archive link beside the source link."""
    return st.text_input(
        t("links.archive"),
        value=label.archive_url if label else "",
        key=archive_key(claim.id),
        placeholder="https://…",
        help=t("links.archive_help"),
    )


def typed_archive(claim_id: int) -> str:
    return st.session_state.get(archive_key(claim_id), "")


def after_save(store: Store, label: Label) -> None:
    """Queue a check of the label's source link; returns at once (the check writes its result later)."""
    if label.source_url:
        _checks(store.database.target).submit(label.source_url)


def flag_html(state: LinkState) -> str:
    """A small badge: symbol and word in the status's colour, then when; every value escaped."""
    colour = COLOURS[state.status]
    when = f" · {local_time(state.checked_at)}" if state.checked_at else ""
    word = status_word(state.status)
    return (
        f'<span class="wb-link-flag" data-link-status="{state.status.value}" style="border:1px solid {colour};'
        f'color:{colour};border-radius:0.3rem;padding:0 0.35rem;font-size:0.85em">'
        f"{safe.escape(SYMBOLS[state.status] + ' ' + t('links.flag', status=word))}</span>"
        f'<span style="color:#6b7280;font-size:0.85em">{safe.escape(when)}</span>'
    )


def flag(state: LinkState | None) -> None:
    """The link's flag with, when dead or unchecked, the reason said plainly."""
    if state is None:
        return
    said = t("links.not_checked") if state.reason == NOT_CHECKED else state.reason
    reason = f" — {said}" if said and state.status is not LinkStatus.OK else ""
    st.html(
        f'<div class="wb-link">{flag_html(state)}<span style="font-size:0.8em;color:#6b7280">'
        f"{safe.escape(reason)}</span></div>"
    )


def own_flag(store: Store, claim: Claim, reviewer: str) -> None:
    """Review: the flag of the reviewer's own source link on this claim, and what was kept of the page."""
    state = store.link_states(claim.id, viewer=reviewer).get(reviewer)
    flag(state)
    if state is not None and st.toggle(t("links.kept"), key=f"kept-{claim.id}"):
        kept(store, state)


def kept(store: Store, state: LinkState) -> None:
    """The title and main text of the page as last found, so the evidence can be read after it dies."""
    found = [c for c in store.link_checks(state.canonical_url) if c["outcome"] == "ok"]
    if not found:
        st.caption(t("links.nothing_kept"))
        return
    last = found[-1]
    st.caption(t("links.kept_when", at=safe.md(local_time(last["checked_at"])), url=safe.md(last["final_url"])))
    safe.plain(last["title"] + "\n\n" + last["text"] if last["title"] else last["text"], muted=True)


def dashboard_figure(store: Store, viewer: str) -> None:
    """Dashboard: "evidence links: 312 ok · 9 dead · 14 changed · 40 unchecked" over the labels `viewer` sees."""
    counts = store.link_summary(viewer=viewer)
    if not any(counts.values()):
        return
    spans = " · ".join(
        f'<span data-link-count="{s.value}" style="color:{COLOURS[s]}">'
        f"{safe.escape(str(counts.get(s.value, 0)))} {safe.escape(status_word(s))}</span>"
        for s in LinkStatus
    )
    st.html(f'<div class="wb-link-summary">{safe.escape(t("links.dashboard"))}: {spans}</div>')
