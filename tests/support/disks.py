"""Disks that fail for real: a tiny tmpfs that fills, a folder that is read-only.

Mounting needs root, as CI has (root also ignores permissions, so a read-only folder is a
read-only remount then); without root a read-only folder is made with chmod, and a test that
needs a tiny filesystem is skipped with the reason."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = os.geteuid() == 0


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"cannot mount here ({done.stderr.strip()}); CI can")


@contextmanager
def tmpfs(path: Path, size: str = "1m") -> Iterator[Path]:
    """A filesystem of its own at `path`, as small as asked, gone again afterwards."""
    if not ROOT:
        pytest.skip("a tiny filesystem needs root to mount (CI runs the tests as root)")
    path.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(path))
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=True)


@contextmanager
def own_disk(path: Path) -> Iterator[Path]:
    """A folder that `read_only` can make read-only: its own tmpfs as root, any folder else."""
    if ROOT:
        with tmpfs(path):
            yield path
    else:
        path.mkdir(parents=True, exist_ok=True)
        yield path


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """`path` (from `own_disk`) read-only: remounted so as root, by its mode otherwise."""
    if ROOT:
        _mount("-o", "remount,ro", str(path))
        try:
            yield
        finally:
            _mount("-o", "remount,rw", str(path))
    else:
        os.chmod(path, 0o500)
        try:
            yield
        finally:
            os.chmod(path, 0o700)


def fill(disk: Path) -> Path:
    """Take every free byte of `disk` with one file; deleting it frees them again."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as err:
        assert err.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler
