"""The console's side of the room socket: a snapshot to each room view on connect and on change.

It runs in the console's own asyncio loop rather than a thread: every change it sends comes
from a key handled in that loop, so there is nothing to hand across threads and no lock, and
an asyncio transport never blocks — a write goes to the kernel at once, and what the kernel
will not take waits in a small per-view buffer. A room view that falls behind by more than
that (stopped, hung, or just slow) is dropped; it reconnects and gets the current snapshot."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from circle_tui.i18n import _
from circle_tui.room.address import SOCKET_MODE, RoomUnavailable, no_unix_sockets, private_dir
from circle_tui.room.snapshot import encode

#: Bytes a room view may lag behind, beyond what the kernel holds for it, before it is dropped.
MAX_PENDING = 64 * 1024
#: The kernel's own buffer per room view, kept small so a stopped view is noticed soon.
SEND_BUFFER = 64 * 1024
#: More room views than any room has screens: the rest are turned away.
MAX_VIEWS = 8


class RoomServer:
    """Serves `snapshot()` to every room view; `publish()` after each change of the session."""

    def __init__(
        self,
        path: Path,
        snapshot: Callable[[], dict[str, Any]],
        on_count: Callable[[int], None] = lambda count: None,
    ) -> None:
        self.path = path
        self.snapshot = snapshot
        self.on_count = on_count
        self._views: set[asyncio.Transport] = set()
        self._server: asyncio.AbstractServer | None = None
        self._bound: tuple[int, int] | None = None  # (device, inode) of the socket we made

    @property
    def count(self) -> int:
        return len(self._views)

    async def start(self) -> None:
        """Bind the socket (replacing one a killed console left) and start accepting."""
        if sys.platform == "win32":
            raise no_unix_sockets()
        private_dir(self.path.parent, create=True)
        _clear_stale(self.path)
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.bind(str(self.path))
            os.chmod(self.path, SOCKET_MODE)  # the 0700 directory already keeps others out
            info = os.stat(self.path)
            self._bound = (info.st_dev, info.st_ino)
            sock.listen(MAX_VIEWS)
            sock.setblocking(False)
            loop = asyncio.get_running_loop()
            self._server = await loop.create_unix_server(lambda: _ViewLink(self), sock=sock)
        except OSError as err:
            sock.close()
            raise RoomUnavailable(f"{self.path}: {err.strerror or err}") from None

    def publish(self) -> None:
        """Send the current snapshot to every room view; never waits for any of them."""
        if self._views:
            self._send_all(encode(self.snapshot()))

    def _send_all(self, line: bytes) -> None:
        for transport in list(self._views):
            if transport.get_write_buffer_size() > MAX_PENDING:
                transport.abort()  # far behind: dropped; it reconnects for a fresh snapshot
            else:
                transport.write(line)

    def _joined(self, transport: asyncio.Transport) -> None:
        if len(self._views) >= MAX_VIEWS:
            transport.abort()
            return
        sock = transport.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)
        self._views.add(transport)
        transport.write(encode(self.snapshot()))
        self.on_count(self.count)

    def _left(self, transport: asyncio.Transport) -> None:
        if transport in self._views:
            self._views.discard(transport)
            self.on_count(self.count)

    async def close(self) -> None:
        """Stop serving: room views see the connection end; the socket file goes."""
        if self._server is not None:
            self._server.close()
            self._server = None
        for transport in list(self._views):
            transport.close()  # what is already queued is still sent
        self._views.clear()
        self._remove_socket()

    def _remove_socket(self) -> None:
        """Unlink the socket only if it is still the one we bound."""
        with contextlib.suppress(OSError):
            info = os.lstat(self.path)
            if (info.st_dev, info.st_ino) == self._bound:
                self.path.unlink()
        self._bound = None


class _ViewLink(asyncio.Protocol):
    """One connected room view. It only listens: anything it sends is ignored."""

    def __init__(self, server: RoomServer) -> None:
        self.server = server
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.server._joined(transport)

    def data_received(self, data: bytes) -> None:
        pass

    def connection_lost(self, exc: Exception | None) -> None:
        if self.transport is not None:
            self.server._left(self.transport)


def _clear_stale(path: Path) -> None:
    """A socket left by a console that was killed is removed, but only once nobody answers on
    it; anything else at that path is left alone and reported."""
    if sys.platform == "win32":
        raise no_unix_sockets()
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISSOCK(info.st_mode):
        raise RoomUnavailable(
            _("{path} exists and is not a socket; remove it if you know what it is").format(
                path=path
            )
        )
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    probe.settimeout(1.0)
    try:
        probe.connect(str(path))
    except (ConnectionRefusedError, FileNotFoundError):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return
    except OSError:
        pass  # busy or timed out: somebody is there
    finally:
        probe.close()
    raise RoomUnavailable(
        _("another circle-tui already serves room views at {path}").format(path=path)
    )
