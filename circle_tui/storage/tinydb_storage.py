"""The TinyDB storage of the attendance log: whole-file atomic writes, checked reads.

TinyDB's documented extension point (a `Storage` subclass) rather than its JSONStorage,
which writes the file in place (a crash mid-write leaves half a log), and rather than its
CachingMiddleware, which holds writes back until a flush (a crash loses them)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from circle_tui.storage.atomic import parse_json, read_json_bytes, write_bytes_atomic

Tables = dict[str, dict[str, dict[str, Any]]]


class AtomicJSONStorage(Storage):
    """The file as TinyDB's tables, written whole (temp + fsync + replace, mode 0600) and
    checked by `check` whenever it is read from the disk (DamagedFile if it fails).

    It keeps the bytes it last read or wrote, and reads come from them: whoever writes holds
    the data dir's lock, so those bytes are what the file holds (a read-only log gives one
    consistent view of the file as it was read). Each read parses them again, so TinyDB,
    which changes what `read` returns in place, can never change the kept copy; a failed
    write forgets them, so the next read sees whatever the disk holds."""

    def __init__(self, path: str | Path, check: Callable[[Any], None] | None = None) -> None:
        self.path = Path(path)
        self._check = check
        #: (bytes last read or written, None when there was no file), or None: not read yet
        self._held: tuple[bytes | None] | None = None

    def read(self) -> Tables | None:
        held = self._held
        if held is None:
            raw = read_json_bytes(self.path)
            if raw is not None and self._check is not None:
                self._check(parse_json(self.path, raw))
            self._held = held = (raw,)
        raw = held[0]
        return None if raw is None else parse_json(self.path, raw)

    def write(self, data: Tables) -> None:
        # Compact UTF-8. orjson rather than json: the whole log is written on every count
        # change, and it is several times quicker.
        payload = orjson.dumps(data)
        try:
            write_bytes_atomic(self.path, payload)
        except BaseException:
            self._held = None  # the replace may have happened before the failure
            raise
        self._held = (payload,)

    def as_read(self) -> bytes | None:
        """The file's bytes as last read or written (None: there was no file)."""
        if self._held is None:
            self.read()
        return self._held[0] if self._held is not None else None

    def forget(self) -> None:
        """Read the disk again next time: another process may have written the file."""
        self._held = None

    def assume_empty(self) -> None:
        """Read as no file until `forget`: for a log that could not be read at all."""
        self._held = (None,)

    def close(self) -> None:
        pass
