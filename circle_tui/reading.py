"""Reading a file someone handed us: a regular file only, up to a size, and never hanging.
Below every layer: the settings file and the attendance log are read alike."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from circle_tui import platform
from circle_tui.i18n import N_, _, current, ngettext, number

_KINDS = (
    (stat.S_ISDIR, N_("a directory")),
    (stat.S_ISFIFO, N_("a named pipe (FIFO)")),
    (stat.S_ISCHR, N_("a device")),
    (stat.S_ISBLK, N_("a device")),
    (stat.S_ISSOCK, N_("a socket")),
)


class UnusableFile(Exception):
    """A path that is not a file we may read whole; `reason` says why in plain words."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def size_words(n: int) -> str:
    """`300 bytes`, `12 KiB`, `16 MiB`: a size as a person reads it."""
    if n < 1024:
        return ngettext("{n} byte", "{n} bytes", n).format(n=n)
    if n < 1024 * 1024:
        return f"{n // 1024} KiB"
    mebibytes = f"{n / (1024 * 1024):.3g}"  # 1 MiB, 1.5 MiB, 16 MiB
    return f"{mebibytes if current() == 'en' else mebibytes.replace('.', ',')} MiB"


class NotARegularFile(UnusableFile):
    """A directory, FIFO, device or socket where a file was expected."""


class FileTooLarge(UnusableFile):
    """More bytes than the caller will read."""


def _not_regular(path: Path, mode: int) -> UnusableFile:
    kind = next((name for test, name in _KINDS if test(mode)), N_("something else"))
    return NotARegularFile(path, _("{kind}, not a regular file").format(kind=_(kind)))


def _too_large(path: Path, size: int, max_bytes: int) -> UnusableFile:
    return FileTooLarge(
        path,
        _("the file is over the {limit} limit ({size} bytes)").format(
            limit=size_words(max_bytes), size=number(size)
        ),
    )


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The whole file, or UnusableFile if it is not a regular file or holds more than
    `max_bytes`; other OSErrors (FileNotFoundError among them) as the OS raises them.

    The kind of file is checked before opening it, so a FIFO cannot hang the command and a
    device is never opened; it is checked again on the open file, in case it was swapped."""
    info = os.stat(path)  # follows a symlink: a link to a file is as good as the file
    if not stat.S_ISREG(info.st_mode):
        raise _not_regular(path, info.st_mode)
    if info.st_size > max_bytes:
        raise _too_large(path, info.st_size, max_bytes)
    fd = os.open(path, platform.READ_FLAGS)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _not_regular(path, mode)
        chunks, read = [], 0
        while read <= max_bytes:  # a file still growing stops at one byte over the limit
            chunk = os.read(fd, min(max_bytes + 1 - read, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            read += len(chunk)
    finally:
        os.close(fd)
    if read > max_bytes:
        raise _too_large(path, read, max_bytes)
    return b"".join(chunks)
