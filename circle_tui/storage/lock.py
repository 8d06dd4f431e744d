"""One writer per data dir: a lock held for the app's life, released by the OS if it dies."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from circle_tui import platform
from circle_tui.errors import UserError
from circle_tui.i18n import _
from circle_tui.storage.atomic import FILE_MODE, ensure_private_dir

LOCK_NAME = "circle-tui.lock"


class AlreadyRunning(Exception):
    def __init__(self, data_dir: Path, pid: str) -> None:
        who = _("process {pid}").format(pid=pid) if pid else _("another process")
        super().__init__(
            _(
                "circle-tui is already running ({who}) with the data in {folder}. "
                "Switch to that window, or quit it first. Read-only commands such as "
                "`circle-tui attendance` still work."
            ).format(who=who, folder=data_dir)
        )
        self.pid = pid


class LockRefused(UserError):
    """Something at the lock's path that is not our own lock file: we will not write to it."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(
            _(
                "{path}: {what}, not circle-tui's lock file; nothing was written to it. "
                "Remove it if you know what it is, or choose another --data-dir."
            ).format(path=path, what=what)
        )


def _open_lock_file(path: Path) -> int:
    """Create the lock file exclusively, or open the one a previous run left (it is kept:
    deleting a lock file on release lets two processes lock two different files)."""
    # Never through a symlink, never a FIFO or device (non-blocking), not inherited by children.
    try:
        return platform.open_no_follow(
            path, platform.LOCK_FLAGS | os.O_CREAT | os.O_EXCL, FILE_MODE
        )
    except FileExistsError:
        pass
    try:
        return platform.open_no_follow(path, platform.LOCK_FLAGS)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise LockRefused(path, _("a symbolic link")) from None
        raise


def _check_ours(path: Path, fd: int) -> None:
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        problem = _("not a regular file")
    elif info.st_nlink != 1:  # a hard link to some other file, which we would truncate
        problem = _("a file with other names (hard links)")
    elif not platform.owned_by_me(info):
        problem = _("a file that belongs to another user")
    else:
        return
    os.close(fd)
    raise LockRefused(path, problem)


class WriterLock:
    """A lock the OS drops with the process (platform.try_lock), so it is never stale."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        ensure_private_dir(self.data_dir)
        fd = _open_lock_file(self.path)
        _check_ours(self.path, fd)
        if not platform.try_lock(fd):
            try:
                pid = platform.read_at_start(fd, 32).decode("ascii", "replace").strip()
            except OSError:
                pid = ""
            os.close(fd)
            raise AlreadyRunning(self.data_dir, pid)
        self._fd = fd
        try:
            platform.write_at_start(fd, str(os.getpid()).encode())
        except OSError:  # a full disk: the lock holds all the same, only the pid is not told
            os.ftruncate(fd, 0)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> WriterLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
