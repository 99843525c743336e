"""A real spreadsheet opens our CSV export: LibreOffice (headless) must not evaluate any cell as a formula.

Every shape (long, wide, and the Excel-friendly ones with a BOM and `;`) is opened with each separator a
spreadsheet may pick (`,`, `;`, TAB): an Italian or Portuguese one splits on `;`, where our quotes no
longer hold. The control case writes the very same rows without our neutralisation and shows LibreOffice
does evaluate them, so a regression in `neutralise` makes this test fail rather than pass silently.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from workbench.exporting import CSV_COLUMNS, export_file, neutralise
from workbench.models import Segment, SegmentKind, Split
from workbench.store import Store

# OWASP CSV-injection payloads (CWE-1236), one per label note; each says why it is here.
PAYLOADS = (
    "=1+1",  # the plain formula: evaluates to 2
    "+1+1",  # Excel runs a leading +
    "-1+1",  # ... and a leading -
    "@SUM(1,1)",  # ... and a leading @ (Lotus-style)
    '=HYPERLINK("http://evil.example","x")',  # a clickable exfiltration link
    "\t=1+1",  # a tab before the = hides it from naive checks
    "=cmd|' /C calc'!A0",  # DDE: runs a program in old spreadsheets
    "a;=1+1;b",  # three cells where a spreadsheet splits on ";", the middle one a formula
    "a\t=1+1",  # two where it splits on TAB
    "a,=1+1",  # two where it splits on ","  (our ";" files)
    "a\n=1+1",  # where the quotes no longer hold, a line break inside a cell starts a new row
    'q"a;=1+1',  # a quote before the separator moves LibreOffice's idea of where quotes are
)
# A reviewer name becomes a header of the wide CSV: `a;=1+1;b` gave an evaluated header cell.
REVIEWERS = ("@reviewer", "a;=1+1;b")
# Must be evaluated in the control: LibreOffice 7.4 runs a leading '=' on CSV import (it leaves
# '+', '-', '@' and a tab-led formula as text, which Excel would not; neutralisation covers them all).
EVALUATED_IN_CONTROL = {"=1+1", '=HYPERLINK("http://evil.example","x")', "=cmd|' /C calc'!A0"}
# CSV import options: comma, double quote, UTF-8, from line 1, no column types, default language,
# quoted fields not forced to text, detect special numbers, (3 export-only tokens), all sheets, and
# token 13 "evaluate formulas" = true. That is LibreOffice's own default for this conversion; we pin it
# so the control keeps meaning something if a later version changes the default.
CSV_FILTER = "CSV:{separator},34,76,1,,0,false,true,false,false,false,-1,true"
# Separators a spreadsheet may split on, as the filter's first token (ASCII codes).
SEPARATORS = {"comma": 44, "semicolon": 59, "tab": 9}
# Our files: (name, format, options of export_file).
SHAPES = (
    ("long", "csv", {}),
    ("wide", "csv-wide", {}),
    ("excel", "csv", {"excel": True, "delimiter": ";"}),
    ("excel-wide", "csv-wide", {"excel": True, "delimiter": ";"}),
)

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
        for reviewer in REVIEWERS:
            store.save_label(claim.id, status="unverified", reviewer=reviewer, note=payload)
    return store


def write_raw_csv(store: Store, path: Path) -> None:
    """The control: the same rows and quoting as our export, minus the neutralisation."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for row in store.export_rows():
            writer.writerow(["" if row[c] is None else str(row[c]) for c in CSV_COLUMNS])


def convert(csv_files: list[Path], workdir: Path, separator: int = 44) -> dict[str, list[list[dict]]]:
    """Convert CSVs to flat ODS in one LibreOffice run with a fresh profile; return each file's cells."""
    out = workdir / f"converted-{separator}"
    profile = (workdir / "lo-profile").as_uri()  # a fresh profile: no user settings, no lock from another run
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            f"--infilter={CSV_FILTER.format(separator=separator)}",
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
def every_separator(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[list[dict]]]]:
    """Each separator's name → each file's cells: our shapes, and the raw control."""
    workdir = tmp_path_factory.mktemp("libreoffice")
    files = [workdir / f"{name}.csv" for name, _, _ in SHAPES] + [workdir / "raw.csv"]
    with payload_database(workdir / "workbench.db") as store:
        for (_, fmt, options), path in zip(SHAPES, files, strict=False):
            export_file(store, path, fmt, **options)
        write_raw_csv(store, workdir / "raw.csv")
    return {name: convert(files, workdir, code) for name, code in SEPARATORS.items()}


@pytest.fixture(scope="module")
def converted(every_separator: dict[str, dict[str, list[list[dict]]]]) -> dict[str, list[list[dict]]]:
    """The files as LibreOffice opens them with a comma: ours is the long CSV."""
    return {"ours": every_separator["comma"]["long"], "raw": every_separator["comma"]["raw"]}


def column(rows: list[list[dict]], name: str) -> list[dict]:
    index = [cell["text"] for cell in rows[0]].index(name)
    return [row[index] for row in rows[1 : 1 + len(PAYLOADS) * len(REVIEWERS)]][:: len(REVIEWERS)]


def test_no_cell_of_our_export_is_evaluated(converted: dict[str, list[list[dict]]]) -> None:
    rows = converted["ours"]
    formulas = [cell for row in rows for cell in row if cell["formula"]]
    assert formulas == [], f"LibreOffice evaluated cells of our export: {formulas}"
    for cell, payload in zip(column(rows, "note"), PAYLOADS, strict=True):
        assert cell["type"] == "string", (payload, cell)
        # Shown as we wrote it, our "'" marks included; LibreOffice may drop a tab, never evaluate the rest.
        assert cell["text"].replace("\t", "") == neutralise(payload).replace("\t", ""), (payload, cell)
        assert cell["text"].startswith("'") or not payload.startswith(("=", "+", "-", "@", "\t")), (payload, cell)
    assert {c["text"] for c in column(rows, "article_title")} == {"'=1+1"}
    assert {c["text"] for c in column(rows, "reviewer")} <= {"'@reviewer", "a;'=1+1;b"}


@pytest.mark.parametrize("separator", SEPARATORS)
@pytest.mark.parametrize("shape", [name for name, _, _ in SHAPES])
def test_no_cell_is_evaluated_whatever_the_separator(every_separator: dict, separator: str, shape: str) -> None:
    rows = every_separator[separator][shape]
    assert len(rows) > len(PAYLOADS)  # the file was read, whichever way it was split
    formulas = [(cell["formula"], cell["text"]) for row in rows for cell in row if cell["formula"]]
    assert formulas == [], f"LibreOffice evaluated cells of {shape} opened with {separator}: {formulas}"


def test_control_without_neutralisation_is_evaluated(converted: dict[str, list[list[dict]]]) -> None:
    """Proof that the check above can fail: the raw payloads do run as formulas in LibreOffice."""
    notes = column(converted["raw"], "note")
    evaluated = {payload for cell, payload in zip(notes, PAYLOADS, strict=True) if cell["formula"]}
    assert evaluated >= EVALUATED_IN_CONTROL
    assert notes[PAYLOADS.index("=1+1")]["text"] == "2"
    assert column(converted["raw"], "article_title")[0]["text"] == "2"
