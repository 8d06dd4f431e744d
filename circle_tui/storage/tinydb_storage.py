"""A TinyDB storage that never leaves a half-written file (not CachingMiddleware: it loses writes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from circle_tui.storage.atomic import read_json, write_json_atomic


class AtomicJSONStorage(Storage):
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        return read_json(self.path)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        write_json_atomic(self.path, data)

    def close(self) -> None:
        pass
