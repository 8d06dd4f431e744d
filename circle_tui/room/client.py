"""A room view's side of the socket: connect to the console on this laptop and read snapshots."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from circle_tui.i18n import _
from circle_tui.room.address import private_dir
from circle_tui.room.snapshot import MAX_LINE, RoomProtocolError, decode


class NotServing(Exception):
    """No console is serving room views at the socket (yet, or any more)."""


async def snapshots(path: Path) -> AsyncIterator[dict[str, Any]]:
    """Every snapshot the console sends, until it closes the connection (then the iterator
    ends). NotServing when nobody is there; RoomProtocolError for what is not a snapshot of
    this version."""
    from circle_tui.room.address import RoomUnavailable, no_unix_sockets

    try:
        if sys.platform == "win32":
            raise no_unix_sockets()
        private_dir(path.parent, create=False)
        reader, writer = await asyncio.open_unix_connection(str(path), limit=MAX_LINE)
    except (RoomUnavailable, FileNotFoundError, ConnectionRefusedError) as err:
        raise NotServing(str(err)) from None
    try:
        while True:
            try:
                line = await reader.readline()
            except (asyncio.LimitOverrunError, ValueError):
                raise RoomProtocolError(_("a message longer than any room snapshot")) from None
            except ConnectionResetError:
                return
            if not line.endswith(b"\n"):
                return  # closed, possibly mid-line: what came is not a snapshot
            yield decode(line)
    finally:
        writer.close()
