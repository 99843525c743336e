"""A real spreadsheet opens our CSV export: LibreOffice (headless) must not evaluate any cell as a formula.

The control case writes the very same rows without our neutralisation and shows LibreOffice does evaluate
them, so a regression in `neutralise` makes this test fail rather than pass silently.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from workbench.exporting import CSV_COLUMNS, export_file
from workbench.models import Segment, SegmentKind, Split
from workbench.store import Store
from workbench.store.accounts import OPERATOR

# OWASP CSV-injection payloads (CWE-1236), one per label note; each says why it is here.
PAYLOADS = (
    "=1+1",  # the plain formula: evaluates to 2
    "+1+1",  # Excel runs a leading +
    "-1+1",  # ... and a leading -
    "@SUM(1,1)",  # ... and a leading @ (Lotus-style)
    '=HYPERLINK("http://evil.example","x")',  # a clickable exfiltration link
    "\t=1+1",  # a tab before the = hides it from naive checks
    "=cmd|' /C calc'!A0",  # DDE: runs a program in old spreadsheets
)
# Must be evaluated in the control: LibreOffice 7.4 runs a leading '=' on CSV import (it leaves
# '+', '-', '@' and a tab-led formula as text, which Excel would not; neutralisation covers them all).
EVALUATED_IN_CONTROL = {"=1+1", '=HYPERLINK("http://evil.example","x")', "=cmd|' /C calc'!A0"}
# CSV import options: comma, double quote, UTF-8, from line 1, no column types, default language,
# quoted fields not forced to text, detect special numbers, (3 export-only tokens), all sheets, and
# token 13 "evaluate formulas" = true. That is LibreOffice's own default for this conversion; we pin it
# so the control keeps meaning something if a later version changes the default.
CSV_FILTER = "CSV:44,34,76,1,,0,false,true,false,false,false,-1,true"

NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        reason = "LibreOffice (soffice) is not installed"
        if os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}:
            pytest.fail(f"CI=true but {reason}: .ci/run installs libreoffice-calc-nogui", pytrace=False)
        pytest.skip(reason)
    return found


def payload_database(path: Path) -> Store:
    """An article whose title and claims hold payloads too, one label per claim with a payload note."""
    claims = [f"Claim number {n} says {p.strip()}." for n, p in enumerate(PAYLOADS)]
    text = "\n".join(claims)
    segments, cursor = [], 0
    for index, piece in enumerate(claims):
        start = text.index(piece, cursor)
        cursor = start + len(piece)
        segments.append(Segment(index, SegmentKind.CLAIM, piece, start, cursor, index))
    store = Store(path)
    article_id, _ = store.add_article(Split(text, "en", "en", tuple(segments)), title="=1+1")
    for claim, payload in zip(store.claims(article_id), PAYLOADS, strict=True):
        store.save_label(claim.id, status="unverified", reviewer="@reviewer", note=payload)
    return store


def write_raw_csv(store: Store, path: Path) -> None:
    """The control: the same rows and quoting as our export, minus the neutralisation."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for row in store.export_rows(viewer=OPERATOR):
            writer.writerow(["" if row[c] is None else str(row[c]) for c in CSV_COLUMNS])


def convert(csv_files: list[Path], workdir: Path) -> dict[str, list[list[dict]]]:
    """Convert CSVs to flat ODS in one LibreOffice run with a fresh profile; return each file's cells."""
    out = workdir / "converted"
    profile = (workdir / "lo-profile").as_uri()  # a fresh profile: no user settings, no lock from another run
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            f"--infilter={CSV_FILTER}",
            "--convert-to",
            "fods",
            "--outdir",
            str(out),
            *map(str, csv_files),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )
    return {f.stem: read_fods(out / f"{f.stem}.fods") for f in csv_files}


def read_fods(path: Path) -> list[list[dict]]:
    """Rows of cells: formula (or None), value type, and the text shown; repeated empty cells expanded."""
    rows = []
    for row in ET.parse(path).iter(f"{{{NS['table']}}}table-row"):
        cells = []
        for cell in row.iter(f"{{{NS['table']}}}table-cell"):
            shown = "\n".join("".join(p.itertext()) for p in cell.iter(f"{{{NS['text']}}}p"))
            repeat = int(cell.get(f"{{{NS['table']}}}number-columns-repeated", "1"))
            cells += [
                {
                    "formula": cell.get(f"{{{NS['table']}}}formula"),
                    "type": cell.get(f"{{{NS['office']}}}value-type"),
                    "text": shown,
                }
            ] * min(repeat, 64)
        rows.append(cells)
    return rows


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[list[dict]]]:
    workdir = tmp_path_factory.mktemp("libreoffice")
    with payload_database(workdir / "workbench.db") as store:
        export_file(store, workdir / "ours.csv", viewer=OPERATOR)
        write_raw_csv(store, workdir / "raw.csv")
    return convert([workdir / "ours.csv", workdir / "raw.csv"], workdir)


def column(rows: list[list[dict]], name: str) -> list[dict]:
    index = [cell["text"] for cell in rows[0]].index(name)
    return [row[index] for row in rows[1 : 1 + len(PAYLOADS)]]


def test_no_cell_of_our_export_is_evaluated(converted: dict[str, list[list[dict]]]) -> None:
    rows = converted["ours"]
    formulas = [cell for row in rows for cell in row if cell["formula"]]
    assert formulas == [], f"LibreOffice evaluated cells of our export: {formulas}"
    for cell, payload in zip(column(rows, "note"), PAYLOADS, strict=True):
        assert cell["type"] == "string", (payload, cell)
        # Shown as typed, with our "'" prefix; LibreOffice may trim the tab, never evaluate the rest.
        assert cell["text"].removeprefix("'").strip() == payload.strip(), (payload, cell)
        assert cell["text"].startswith("'"), (payload, cell)
    for name in ("article_title", "reviewer"):
        assert {c["text"] for c in column(rows, name)} == {"'=1+1" if name == "article_title" else "'@reviewer"}


def test_control_without_neutralisation_is_evaluated(converted: dict[str, list[list[dict]]]) -> None:
    """Proof that the check above can fail: the raw payloads do run as formulas in LibreOffice."""
    notes = column(converted["raw"], "note")
    evaluated = {payload for cell, payload in zip(notes, PAYLOADS, strict=True) if cell["formula"]}
    assert evaluated >= EVALUATED_IN_CONTROL
    assert notes[PAYLOADS.index("=1+1")]["text"] == "2"
    assert column(converted["raw"], "article_title")[0]["text"] == "2"
