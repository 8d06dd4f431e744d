"""The console's side of the room: a snapshot to each room view once it has greeted, and on
every change.

It runs in the console's own asyncio loop rather than a thread: every change it sends comes
from a key handled in that loop, so there is nothing to hand across threads and no lock, and
an asyncio transport never blocks — a write goes to the kernel at once, and what the kernel
will not take waits in a small per-view buffer. A room view that falls behind by more than
that (stopped, hung, or just slow) is dropped; it reconnects and gets the current snapshot.

A connection is only a room view once it has said hello (room/hello.py): until then it is
sent nothing, holds no room view's place and is not counted, and after a few seconds it is
dropped."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from circle_tui.i18n import _
from circle_tui.room.address import (
    LOOPBACK,
    SOCKET_MODE,
    RoomUnavailable,
    Ticket,
    loopback,
    private_dir,
    remove_ticket,
    write_ticket,
)
from circle_tui.room.hello import HELLO_SECONDS, MAX_HELLO, Greeting, greeting
from circle_tui.room.snapshot import VERSION, Refusal, Room, encode

#: Bytes a room view may lag behind, beyond what the kernel holds for it, before it is dropped.
MAX_PENDING = 64 * 1024
#: The kernel's own buffer per room view, kept small so a stopped view is noticed soon.
SEND_BUFFER = 64 * 1024
#: More room views than any room has screens: the rest are turned away.
MAX_VIEWS = 8
#: Connections still to greet at once; a newer one pushes the oldest out. A room view
#: greets within milliseconds of connecting, so a flood of junk cannot starve it.
MAX_UNGREETED = 16


class RoomServer:
    """Serves `snapshot()` to every room view; `publish()` after each change of the session."""

    def __init__(
        self,
        path: Path,
        snapshot: Callable[[], Room],
        on_count: Callable[[int], None] = lambda count: None,
        on_other_version: Callable[[], None] = lambda: None,
        *,
        hello_seconds: float = HELLO_SECONDS,
    ) -> None:
        self.path = path
        self.snapshot = snapshot
        self.on_count = on_count
        self.on_other_version = on_other_version
        self.hello_seconds = hello_seconds
        self._views: set[asyncio.Transport] = set()
        self._ungreeted: dict[_ViewLink, asyncio.TimerHandle] = {}  # oldest first
        self._server: asyncio.AbstractServer | None = None
        self._bound: tuple[int, int] | None = None  # (device, inode) of the socket we made
        self._ticket: Ticket | None = None  # the loopback port and secret (Windows)
        #: Why room views cannot connect, if `open` could not start serving.
        self.problem: str | None = None

    @property
    def count(self) -> int:
        """Room views that greeted and are still connected: what the console shows."""
        return len(self._views)

    @property
    def secret(self) -> str:
        """What a room view must greet with: "" over a Unix socket, whose folder is private."""
        return self._ticket.secret if self._ticket else ""

    async def open(self) -> bool:
        """Start serving, or keep why not in `problem`: the console runs on without room
        views, and its checklist says why."""
        try:
            await self.start()
        except RoomUnavailable as err:
            self.problem = str(err)
        except Exception as err:  # noqa: BLE001 - the circle never depends on the room view
            self.problem = f"{self.path}: {err}"
        else:
            self.problem = None
        return self.problem is None

    async def start(self) -> None:
        """Start serving: a Unix socket (replacing one a killed console left), or on Windows a
        loopback port named in the ticket."""
        if sys.platform == "win32":
            await self._serve_loopback()
        else:
            await self._serve_unix()

    async def _serve_unix(self) -> None:
        if sys.platform == "win32":  # start() serves a loopback port there instead
            raise AssertionError("no Unix sockets on Windows")
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

    async def _serve_loopback(self) -> None:
        """127.0.0.1 only (never a name to resolve, never another interface), on a port no
        other process may share, with a fresh secret in the private ticket."""
        private_dir(self.path.parent, create=True)
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            exclusive = getattr(socket, "SO_EXCLUSIVEADDRUSE", None)  # Windows: no port theft
            if exclusive is not None:
                sock.setsockopt(socket.SOL_SOCKET, exclusive, 1)
            sock.bind((LOOPBACK, 0))
            sock.listen(MAX_VIEWS)
            sock.setblocking(False)
            loop = asyncio.get_running_loop()
            self._server = await loop.create_server(lambda: _ViewLink(self), sock=sock)
            ticket = Ticket.new(sock.getsockname()[1])
            write_ticket(self.path, ticket)
        except OSError as err:
            if self._server is not None:
                self._server.close()
                self._server = None
            sock.close()
            raise RoomUnavailable(f"{self.path}: {err.strerror or err}") from None
        self._ticket = ticket

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

    # -- a connection's life -------------------------------------------------------------------
    def _connected(self, link: _ViewLink) -> None:
        if len(self._ungreeted) >= MAX_UNGREETED:
            self._forget(next(iter(self._ungreeted))).abort()
        loop = asyncio.get_running_loop()
        self._ungreeted[link] = loop.call_later(self.hello_seconds, self._too_slow, link)

    def _forget(self, link: _ViewLink) -> asyncio.Transport:
        handle = self._ungreeted.pop(link, None)
        if handle is not None:
            handle.cancel()
        return link.transport

    def _too_slow(self, link: _ViewLink) -> None:
        """No hello in time. Over the private Unix socket the peer is this user's own process,
        perhaps a room view of an older circle-tui, which says hello to nothing: it is told
        the version, so it can say what to do. A loopback port tells a stranger nothing."""
        transport = self._forget(link)
        if loopback():
            transport.abort()
        else:
            self._refuse(transport, "version")

    def _greeted(self, link: _ViewLink, line: bytes) -> None:
        if link not in self._ungreeted:
            return  # too late: already dropped, or pushed out by newer connections
        transport = self._forget(link)
        said = greeting(line, self.secret)
        if said is Greeting.STRANGER:
            transport.abort()
        elif said is Greeting.OTHER_VERSION:
            self._refuse(transport, "version")
            self.on_other_version()
        elif len(self._views) >= MAX_VIEWS:
            self._refuse(transport, "full")
        else:
            self._join(transport)

    def _refuse(self, transport: asyncio.Transport, reason: str) -> None:
        refusal: Refusal = {"version": VERSION, "refused": reason}  # type: ignore[typeddict-item]
        transport.write(encode(refusal))
        transport.close()  # once the line is out

    def _join(self, transport: asyncio.Transport) -> None:
        sock = transport.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)
        self._views.add(transport)
        transport.write(encode(self.snapshot()))
        self.on_count(self.count)

    def _left(self, link: _ViewLink) -> None:
        self._forget(link)
        if link.transport in self._views:
            self._views.discard(link.transport)
            self.on_count(self.count)

    async def close(self) -> None:
        """Stop serving: room views see the connection end; the socket or ticket goes."""
        if self._server is not None:
            self._server.close()
            self._server = None
        for link in list(self._ungreeted):
            self._forget(link).abort()
        for transport in list(self._views):
            transport.close()  # what is already queued is still sent
        self._views.clear()
        if self._ticket is not None:
            remove_ticket(self.path, self._ticket)
            self._ticket = None
        self._remove_socket()

    def _remove_socket(self) -> None:
        """Unlink the socket only if it is still the one we bound."""
        if self._bound is None:
            return
        with contextlib.suppress(OSError):
            info = os.lstat(self.path)
            if (info.st_dev, info.st_ino) == self._bound:
                self.path.unlink()
        self._bound = None


class _ViewLink(asyncio.Protocol):
    """One connection: first its hello, then a room view that only listens."""

    def __init__(self, server: RoomServer) -> None:
        self.server = server
        self.transport: asyncio.Transport
        self._heard = bytearray()  # the hello so far
        self._greeted = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.server._connected(self)

    def data_received(self, data: bytes) -> None:
        if self._greeted:
            return  # a room view has nothing more to say; whatever it sends is ignored
        self._heard += data
        end = self._heard.find(b"\n")
        if end < 0 and len(self._heard) <= MAX_HELLO:
            return
        self._greeted = True
        self.server._greeted(self, bytes(self._heard[: end if 0 <= end <= MAX_HELLO else 0]))
        self._heard.clear()

    def connection_lost(self, exc: Exception | None) -> None:
        self.server._left(self)


def _clear_stale(path: Path) -> None:
    """A socket left by a console that was killed is removed, but only once nobody answers on
    it; anything else at that path is left alone and reported."""
    if sys.platform == "win32":  # Windows serves a loopback port instead
        raise AssertionError("no Unix sockets on Windows")
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
