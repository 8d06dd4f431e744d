"""Recovery checkpoints on disk, beside the attendance draft: one per unfinished session,
written atomically (0600), replaced as the circle goes, deleted when the session ends or its
draft is settled. They hold seat numbers and states, never a name."""

from __future__ import annotations

import contextlib
import os
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from circle_tui.storage.atomic import DamagedFile, leftover_temp_files, read_json, write_json_atomic

PREFIX = "recovery-"
#: Where an unreadable checkpoint is moved, unchanged: never overwritten, never read again.
ASIDE_PREFIX = "recovery.corrupt-"


def checkpoint_path(data_dir: Path, session_id: str) -> Path:
    """The session's checkpoint file; ValueError for an id that is not a UUID (the id comes
    from the attendance log, and must never make a path of its own)."""
    return data_dir / f"{PREFIX}{uuid.UUID(session_id)}.json"


def save_checkpoint(data_dir: Path, session_id: str, data: dict[str, Any]) -> None:
    write_json_atomic(checkpoint_path(data_dir, session_id), data)


def load_checkpoint(data_dir: Path, session_id: str) -> dict[str, Any] | None:
    """The session's checkpoint, or None if there is none. One that cannot be read is set
    aside unchanged (DamagedFile names where it went), never read or overwritten again."""
    try:
        path = checkpoint_path(data_dir, session_id)
    except ValueError:
        return None
    try:
        data = read_json(path)
    except DamagedFile as err:
        raise DamagedFile(_set_aside(path), err.reason) from None
    if data is not None and (not isinstance(data, dict) or data.get("session") != session_id):
        raise DamagedFile(_set_aside(path), "not this session's checkpoint")
    return data


def _set_aside(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{ASIDE_PREFIX}{stamp}-{path.stem[len(PREFIX) :]}.json")
    os.replace(path, aside)
    return aside


def delete_checkpoint(data_dir: Path, session_id: str) -> None:
    """Gone, with any temp file a killed write left behind."""
    try:
        path = checkpoint_path(data_dir, session_id)
    except ValueError:
        return
    for leftover in [path, *leftover_temp_files(path)]:
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def checkpoint_files(data_dir: Path) -> list[Path]:
    """Every checkpoint file there is now, temp and set-aside ones included (for `privacy`
    and `privacy --erase`)."""
    if not data_dir.is_dir():
        return []
    return sorted(
        p for p in data_dir.iterdir() if p.name.startswith((PREFIX, ASIDE_PREFIX, f".{PREFIX}"))
    )
