"""A fair queue for the write lock: writers of one database file take turns through an OS file lock.

SQLite's busy handler sleeps 1, 2, 5 … up to 100 ms between tries, so under steady contention one
writer can lose every race for seconds (measured with 8 writer processes: p99 280 ms, max 8 s).
A writer blocked on `flock` is woken by the kernel the moment the lock is released. The lock file
sits beside the database (`NAME-writer.lock`); where it cannot be created (a read-only folder)
writers fall back to SQLite's own waiting, which is still correct, only less fair.
"""

from __future__ import annotations

import fcntl
import os
import threading
from pathlib import Path


class WriteLock:
    """Held around every write transaction of one Connection; re-entrant use is not needed."""

    def __init__(self, database: Path) -> None:
        self.path = database.with_name(database.name + "-writer.lock")
        self._fd: int | None = None

    def _open(self) -> int | None:
        """The lock file, readable by its owner only: anyone who can open it can flock it and stall every write.

        A lock file left world-readable by an older workbench is narrowed the first time its owner writes.
        """
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
        except OSError:
            return None
        try:
            found = os.fstat(fd)
            if found.st_mode & 0o077 and found.st_uid == os.geteuid():
                os.fchmod(fd, 0o600)
        except OSError:
            pass  # the lock works all the same
        return fd

    def acquire(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds; False when it could not be had (the caller lets SQLite wait)."""
        fd = self._open()
        if fd is None:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not _wait(fd, timeout):
                return False  # _wait closed the descriptor, or hands it over later and then closes it
        except OSError:
            os.close(fd)  # a filesystem without flock: fall back to SQLite's own waiting
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the lock
            self._fd = None


def _wait(fd: int, timeout: float) -> bool:
    """A blocking flock on a helper thread, so the wait can end at `timeout`."""
    got = threading.Event()
    state = {"abandoned": False}
    guard = threading.Lock()

    def block() -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            os.close(fd)
            return
        with guard:
            if state["abandoned"]:
                os.close(fd)  # the caller gave up meanwhile: let the next writer in
                return
            got.set()

    threading.Thread(target=block, name="workbench-write-lock", daemon=True).start()
    if got.wait(timeout):
        return True
    with guard:
        if got.is_set():
            return True
        state["abandoned"] = True
    return False
