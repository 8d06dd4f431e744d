"""A room view's side: connect to the console on this laptop, greet it, and read snapshots."""

from __future__ import annotations

import asyncio
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import NamedTuple

from circle_tui.room.address import (
    LOOPBACK,
    RoomUnavailable,
    private_dir,
    read_ticket,
)
from circle_tui.room.hello import hello_line
from circle_tui.room.snapshot import (
    MAX_LINE,
    OtherVersion,
    Refused,
    Room,
    RoomProtocolError,
    decode,
)


class NotServing(Exception):
    """No console is serving room views here (yet, or any more)."""


class Dropped(NamedTuple):
    """A line that was no snapshot this view can show: dropped, and the room keeps what it
    showed. `reason` names the field, for tests; the TV never shows it."""

    reason: str


async def snapshots(path: Path) -> AsyncIterator[Room | Dropped]:
    """Every message the console sends, until it closes the connection (then the iterator
    ends): each a checked snapshot, or Dropped. NotServing when nobody is there;
    OtherVersion or Refused when the console will not serve this view; RoomProtocolError
    when the stream cannot be read further (a line longer than any snapshot)."""
    try:
        reader, writer = await _connect(path)
    except (RoomUnavailable, OSError) as err:  # refused, missing, reset, unreachable
        raise NotServing(str(err)) from None
    try:
        while True:
            try:
                line = await reader.readline()
            except (asyncio.LimitOverrunError, ValueError):
                raise RoomProtocolError("message: longer than any room snapshot") from None
            except OSError:  # reset, or gone mid-read
                return
            if not line.endswith(b"\n"):
                return  # closed, possibly mid-line: what came is not a snapshot
            try:
                yield decode(line)
            except (OtherVersion, Refused):
                raise
            except RoomProtocolError as err:
                yield Dropped(str(err))
    finally:
        writer.close()


async def _connect(path: Path) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """Open the room's connection and say hello: over the Unix socket, or on Windows over
    the loopback port the ticket names, with its secret."""
    if sys.platform == "win32":
        ticket = read_ticket(path)
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.setblocking(False)
            await asyncio.get_running_loop().sock_connect(sock, (LOOPBACK, ticket.port))
            reader, writer = await asyncio.open_connection(sock=sock, limit=MAX_LINE)
        except BaseException:
            sock.close()
            raise
        secret = ticket.secret
    else:
        private_dir(path.parent, create=False)
        reader, writer = await asyncio.open_unix_connection(str(path), limit=MAX_LINE)
        secret = ""
    writer.write(hello_line(secret))
    return reader, writer
