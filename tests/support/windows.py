"""Windows, as far as circle-tui can tell: the POSIX pieces hidden, `sys.platform` "win32",
and an msvcrt whose byte locks are kept by the real OS. Proves the platform seam's Windows
side on any machine, since no test machine here runs Windows."""

from __future__ import annotations

import asyncio
import errno
import importlib
import os
import signal
import socket
import sys
import types
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

#: What Windows' CPython lacks that circle-tui would otherwise reach for.
POSIX_ONLY = {
    os: (
        "O_NOFOLLOW",
        "O_NONBLOCK",
        "O_NOCTTY",
        "O_CLOEXEC",
        "O_DIRECTORY",
        "getuid",
        "geteuid",
        "pread",
        "pwrite",
        "statvfs",
    ),
    socket: ("AF_UNIX",),
    signal: ("SIGHUP",),
    asyncio: ("open_unix_connection", "start_unix_server"),
}


@dataclass
class FakeMsvcrt:
    """msvcrt.locking over flock: one lock per open file, refused to any other, as Windows
    refuses a locked byte to every other handle. Records where each lock was taken."""

    flock: types.BuiltinFunctionType
    exclusive: int  # fcntl.LOCK_EX | fcntl.LOCK_NB, kept before fcntl was hidden
    taken: list[tuple[int, int]] = field(default_factory=list)  # (position, bytes)
    LK_NBLCK: int = 2
    LK_UNLCK: int = 0

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        if mode != self.LK_NBLCK:
            raise AssertionError(f"circle-tui must never wait for a lock (mode {mode})")
        try:
            self.flock(fd, self.exclusive)
        except BlockingIOError:
            raise OSError(errno.EACCES, "Permission denied") from None
        self.taken.append((os.lseek(fd, 0, os.SEEK_CUR), nbytes))


def reload_seam() -> None:
    from circle_tui import platform

    importlib.reload(platform)


@pytest.fixture
def as_on_windows(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeMsvcrt]:
    import fcntl

    msvcrt = FakeMsvcrt(fcntl.flock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    unix_pair, unix = socket.socketpair, socket.AF_UNIX
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setitem(sys.modules, "msvcrt", msvcrt)  # type: ignore[arg-type]
    monkeypatch.setitem(sys.modules, "fcntl", None)  # `import fcntl` raises ImportError
    for module, names in POSIX_ONLY.items():
        for name in names:
            monkeypatch.delattr(module, name, raising=False)
    # asyncio's own wake-up pipe is a socket pair, which Windows' CPython makes without
    # AF_UNIX; this machine's cannot, so the test harness keeps its own.
    monkeypatch.setattr(socket, "socketpair", lambda *a, **k: unix_pair(unix))
    reload_seam()
    yield msvcrt
    monkeypatch.undo()
    reload_seam()
