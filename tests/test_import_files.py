"""Import refuses, before reading a byte, a file that is too big or is not a regular file."""

from __future__ import annotations

import os
import socket
import tracemalloc
from pathlib import Path

import pytest

from tests.test_cli import run
from workbench.formats.batch import Refused
from workbench.importing import import_sources
from workbench.store import Store


def sparse(path: Path, size: int) -> Path:
    with path.open("wb") as file:
        file.truncate(size)  # takes no disk space, and reads as zeros
    return path


def test_a_big_file_is_refused_before_it_is_read(store: Store, tmp_path: Path) -> None:
    big = sparse(tmp_path / "big.txt", 254 * 1024 * 1024)  # took 357 MB of memory to refuse
    tracemalloc.start()
    try:
        outcomes = list(import_sources(store, [big]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [type(o) for o in outcomes] == [Refused] and "254.0 MB; the limit is 5 MB" in outcomes[0].reason
    assert peak < 10 * 1024 * 1024


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def bound_socket(path: Path) -> Path:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    return path


def link_to(target: str):
    def make(path: Path) -> Path:
        path.symlink_to(target)
        return path

    return make


@pytest.mark.parametrize(
    "make, kind",
    [
        (link_to("/dev/zero"), "a character device"),  # ended in MemoryError
        (link_to("/dev/null"), "a character device"),
        (fifo, "a FIFO"),  # waited forever for a writer
        (bound_socket, "a socket"),
    ],
)
def test_what_is_not_a_regular_file_is_refused_in_one_line(
    capsys, db_path: Path, tmp_path: Path, make, kind: str
) -> None:
    path = make(tmp_path / "article.txt")
    good = tmp_path / "good.txt"
    good.write_text("The port grew by 3% in 2023. Critics doubt it.\n", encoding="utf-8")
    code, out, err = run(capsys, "import", str(path), str(good))
    err = "".join(x for x in err.splitlines(keepends=True) if "created a new database" not in x)
    assert (
        code == 1
        and err == f"workbench: refused: {path}: it is {kind}, not a regular file; only regular files are imported\n"
    )
    assert out.splitlines()[1].split()[0] == "1"  # the regular file after it still comes in (after the header)


def test_a_symlink_to_a_regular_file_is_followed(capsys, db_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("The port grew by 3% in 2023. Critics doubt it.\n", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(target)
    code, out, err = run(capsys, "import", str(tmp_path / "link.txt"))
    assert code == 0 and "refused" not in err
