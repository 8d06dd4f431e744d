"""Crash-safe JSON files: a write either lands whole or not at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import orjson

FILE_MODE = 0o600
DIR_MODE = 0o700


class DamagedFile(Exception):
    """The file exists but cannot be used as it is; `reason` says why in plain words."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def ensure_private_dir(path: Path) -> None:
    """Create `path` as 0700, or tighten it to 0700 — but never a shared sticky dir like /tmp."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    mode = path.stat().st_mode
    if not mode & stat.S_ISVTX and stat.S_IMODE(mode) != DIR_MODE:
        os.chmod(path, DIR_MODE)


def write_json_atomic(path: Path, data: Any) -> None:
    """Serialise, write a temp file beside `path`, fsync, replace, fsync the directory."""
    # Compact UTF-8. orjson rather than json: the whole log is written on every count change
    # and read by every listing, and for years of sessions it is several times quicker.
    write_bytes_atomic(path, orjson.dumps(data))


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, payload: bytes) -> None:
    ensure_private_dir(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def read_json(path: Path) -> Any | None:
    """The file's JSON, None if there is no file; DamagedFile if it cannot be read as JSON."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise DamagedFile(path, f"cannot be read ({err.strerror})") from None
    if not raw.strip():
        raise DamagedFile(path, "the file is empty")
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as err:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            raise DamagedFile(path, "the file is not UTF-8 text") from None
        raise DamagedFile(path, f"not valid JSON (line {err.lineno}: {err.msg})") from None
