"""Room snapshots and consoles for tests: a valid snapshot of any phase, and a stand-in console
that greets nobody back and serves whatever lines a test gives it."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from circle_tui.room.snapshot import VERSION


def room_of(phase: str = "waiting", **fields: Any) -> dict[str, Any]:
    """A snapshot that passes the contract: every field, the neutral value unless given."""
    room: dict[str, Any] = {
        "version": VERSION,
        "language": "en",
        "circle": "Tuesday circle",
        "phase": phase,
        "title": "",
        "words": "",
        "card": None,
        "round": None,
        "speaker": None,
        "timer": None,
        "countdown": None,
        "qr": None,
    }
    room.update(fields)
    return room


def timer_of(limit: float = 60.0, elapsed: float = 0.0, **fields: Any) -> dict[str, Any]:
    return {
        "limit": limit,
        "adjustment": 0.0,
        "warning": 60.0,
        "elapsed": elapsed,
        "started": True,
        "running": True,
        "silence": 0.0,
        **fields,
    }


class FakeConsole:
    """A Unix socket server in the console's place: it waits for each connection's first line
    (kept in `hellos`) and answers with `lines()`, one line at a time, then closes."""

    def __init__(self, path: Path, lines: Callable[[], Iterable[bytes]]) -> None:
        self.path = path
        self.lines = lines
        self.hellos: list[bytes] = []
        self.server: asyncio.AbstractServer | None = None

    async def __aenter__(self) -> FakeConsole:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.server = await asyncio.start_unix_server(self._serve, str(self.path))
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self.server is not None
        self.server.close()
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            self.hellos.append(await reader.readline())
            for line in self.lines():
                writer.write(line)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()


async def until(condition: Callable[[], bool], timeout: float = 15.0, what: str = "") -> None:
    """Wait for `condition`, failing loudly at the deadline."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what or condition}"
        await asyncio.sleep(0.01)
