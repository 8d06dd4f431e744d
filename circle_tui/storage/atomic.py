"""Crash-safe JSON files: a write either lands whole or not at all."""

from __future__ import annotations

import contextlib
import glob
import os
from pathlib import Path
from typing import Any

import orjson

from circle_tui import platform
from circle_tui.i18n import _
from circle_tui.reading import UnusableFile, read_regular_file

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"
#: Far above any real log (a thousand sessions take about 250 KiB), far below a memory problem.
MAX_JSON_BYTES = 256 * 1024 * 1024


class DamagedFile(Exception):
    """The file exists but cannot be used as it is; `reason` says why in plain words."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def ensure_private_dir(path: Path) -> None:
    """Create `path` as 0700 if it is missing. A directory that already exists keeps its mode:
    it may be a home directory or a folder the user shares on purpose, not ours to change."""
    if path.is_dir():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.mkdir(mode=DIR_MODE)
    except FileExistsError:
        if path.is_dir():  # made by someone else in the meantime: theirs, left as it is
            return
        raise
    os.chmod(path, DIR_MODE)  # ours: the umask may have taken bits that mkdir asked for


def write_json_atomic(path: Path, data: Any) -> None:
    """Serialise, write a temp file beside `path`, fsync, replace, fsync the directory."""
    # Compact UTF-8. orjson rather than json: the whole log is written on every count change
    # and read by every listing, and for years of sessions it is several times quicker.
    write_bytes_atomic(path, orjson.dumps(data))


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, payload: bytes, *, make_folder: bool = True) -> None:
    """`payload` as the whole of `path`, or (OSError naming `path`) nothing changed at all.

    `make_folder=False` for a path the user typed (a report): a mistyped folder is an error
    to show, not a folder to create."""
    try:
        _write_bytes_atomic(path, payload, make_folder)
    except OSError as err:
        # Said as the file the user knows, not the temp file beside it, whatever failed.
        err.filename, err.filename2 = str(path), None
        raise


def _write_bytes_atomic(path: Path, payload: bytes, make_folder: bool) -> None:
    import tempfile  # only writers need it: listing stays quick

    if make_folder:
        ensure_private_dir(path.parent)
    # A fresh name each time, created with O_EXCL | O_NOFOLLOW and mode 0600 by mkstemp: a
    # symlink or file planted at a guessable temp path is never followed or written through.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):  # a full or vanished disk: leave nothing behind
            os.unlink(tmp)
        raise
    platform.fsync_dir(path.parent)


def leftover_temp_files(path: Path) -> list[Path]:
    """Temp files of `path` that a killed process left behind (they may hold its data)."""
    return sorted(path.parent.glob(f".{glob.escape(path.name)}.*{TEMP_SUFFIX}"))


def read_json(path: Path, max_bytes: int = MAX_JSON_BYTES) -> Any | None:
    """The file's JSON, None if there is no file; DamagedFile if it cannot be read as JSON."""
    raw = read_json_bytes(path, max_bytes)
    return None if raw is None else parse_json(path, raw)


def read_json_bytes(path: Path, max_bytes: int = MAX_JSON_BYTES) -> bytes | None:
    """The file's bytes, None if there is no file; DamagedFile if it is no file to read."""
    try:
        raw = read_regular_file(path, max_bytes)
    except FileNotFoundError:
        return None
    except UnusableFile as err:
        raise DamagedFile(path, err.reason) from None
    except OSError as err:
        raise DamagedFile(path, _("cannot be read ({why})").format(why=err.strerror)) from None
    if not raw.strip():
        raise DamagedFile(path, _("the file is empty"))
    return raw


def parse_json(path: Path, raw: bytes) -> Any:
    """`raw` (read from `path`) as JSON, or DamagedFile saying where it is not."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as err:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            raise DamagedFile(path, _("the file is not UTF-8 text")) from None
        raise DamagedFile(
            path,
            _("not valid JSON (line {line}: {problem})").format(line=err.lineno, problem=err.msg),
        ) from None
