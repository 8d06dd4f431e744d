"""One writer per data dir: a lock held for the app's life, released by the OS if it dies."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from circle_tui.storage.atomic import FILE_MODE, ensure_private_dir

LOCK_NAME = "circle-tui.lock"


class AlreadyRunning(Exception):
    def __init__(self, data_dir: Path, pid: str) -> None:
        who = f"process {pid}" if pid else "another process"
        super().__init__(
            f"circle-tui is already running ({who}) with the data in {data_dir}. "
            "Switch to that window, or quit it first. Read-only commands such as "
            "`circle-tui attendance` still work."
        )
        self.pid = pid


class WriterLock:
    """An advisory `flock`: never stale, because the kernel drops it with the process."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        ensure_private_dir(self.data_dir)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            os.close(fd)
            raise AlreadyRunning(self.data_dir, pid) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> WriterLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
