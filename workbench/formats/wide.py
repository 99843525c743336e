"""CSV wide: one row per claim, a group of columns per reviewer, the final verdict (empty until adjudicated),
then `superseded`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..models import Claim, Label, LinkState

CLAIM_COLUMNS = (
    "article_id",
    "article_title",
    "language",
    "claim_id",
    "claim_index",
    "claim_text",
    "start",
    "end",
    "paragraph",
)
REVIEWER_FIELDS = ("status", "source_url", "note", "labelled_at", "archive_url", "link_status", "link_checked_at")
FINAL_COLUMNS = ("final_status", "final_note")
# Empty while the claim is current; when a correction of the split replaced it, as in the long CSV.
LINEAGE_COLUMNS = ("superseded",)


def wide_columns(reviewers: Iterable[str]) -> list[str]:
    """Base columns, then `NAME:status`, `NAME:source_url`, `NAME:note`, `NAME:labelled_at`, `NAME:archive_url`,
    `NAME:link_status`, `NAME:link_checked_at` per reviewer."""
    group = [f"{reviewer}:{name}" for reviewer in reviewers for name in REVIEWER_FIELDS]
    return [*CLAIM_COLUMNS, *group, *FINAL_COLUMNS, *LINEAGE_COLUMNS]


def wide_rows(
    claims: Iterable[tuple[Claim, str, list[Label]]],
    reviewers: list[str],
    verdicts: dict[int, dict],
    link_states: Callable[[int], dict[str, LinkState]] | None = None,
) -> Iterator[dict]:
    """One dict per claim, keyed by `wide_columns(reviewers)`; `claims` gives (claim, article title, labels),
    `link_states` a claim's {reviewer: state of their source link} (those the viewer may see)."""
    for claim, title, labels in claims:
        states = link_states(claim.id) if link_states and any(label.source_url for label in labels) else {}
        row: dict[str, object] = {
            "article_id": claim.article_id,
            "article_title": title,
            "language": claim.language,
            "claim_id": claim.id,
            "claim_index": claim.index,
            "claim_text": claim.text,
            "start": claim.start,
            "end": claim.end,
            "paragraph": claim.paragraph,
        }
        for label in labels:
            if label.reviewer in reviewers:
                row.update(
                    {
                        f"{label.reviewer}:status": label.status.value,
                        f"{label.reviewer}:source_url": label.source_url,
                        f"{label.reviewer}:note": label.note,
                        f"{label.reviewer}:labelled_at": label.updated_at,
                        f"{label.reviewer}:archive_url": label.archive_url,
                    }
                )
                state = states.get(label.reviewer)
                if label.source_url:
                    row[f"{label.reviewer}:link_status"] = state.status.value if state else "unchecked"
                    row[f"{label.reviewer}:link_checked_at"] = (state.checked_at or "") if state else ""
        verdict = verdicts.get(claim.id) or {}
        row["final_status"], row["final_note"] = verdict.get("status", ""), verdict.get("note", "")
        row["superseded"] = claim.superseded_at or ""
        yield row
