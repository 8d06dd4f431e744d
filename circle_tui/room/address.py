"""Where the console serves its room views: always on this laptop, never the network.

On Linux and macOS a Unix socket in a private directory: `$XDG_RUNTIME_DIR/circle-tui/`
when the session has a runtime directory (a per-user tmpfs, emptied at logout: the place
sockets belong); on macOS, which has none, the per-user `$TMPDIR`; else a `room/` folder in
the data dir. Either way the directory is 0700 and ours, and the socket 0600: no other user
can reach it.

Windows' Python has no Unix sockets. There the console listens on a port of 127.0.0.1 and
writes the port with a secret made for this session into a private file (the "ticket",
0600, in `room/` of the data dir); a room view reads it and greets with the secret, and a
connection that does not is dropped and never counted (room/hello.py).

The name carries a hash of the data dir, so two circles on two data dirs never share a
room, and `circle-tui room` finds the one its console serves from the same `--data-dir`."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

from circle_tui import platform
from circle_tui.i18n import N_, _
from circle_tui.settings import Paths

RUNTIME_ENV = "XDG_RUNTIME_DIR"
#: macOS gives each user a private temporary folder here (/var/folders/…/T/).
MAC_TEMP_ENV = "TMPDIR"
DIR_MODE = 0o700
SOCKET_MODE = 0o600
#: A socket's path (sun_path) holds 104 bytes on macOS and 108 on Linux, the final NUL
#: included.
SUN_PATH_BYTES = 104 if sys.platform == "darwin" else 108
#: The ticket is a few dozen bytes.
MAX_TICKET_BYTES = 4096
LOOPBACK = "127.0.0.1"


class RoomUnavailable(Exception):
    """The room cannot be served or reached here; the message says why and what to do."""


def loopback() -> bool:
    """Whether room views reach the console over a loopback port with a secret (Windows)
    rather than a Unix socket."""
    return sys.platform == "win32"


def room_dir(paths: Paths) -> Path:
    runtime = os.environ.get(RUNTIME_ENV, "")
    if runtime and Path(runtime).is_absolute():
        return Path(runtime) / "circle-tui"
    if sys.platform == "darwin":
        temp = os.environ.get(MAC_TEMP_ENV, "")
        if temp and Path(temp).is_absolute():
            return Path(temp) / "circle-tui"
    return paths.data_dir / "room"


def room_address(paths: Paths) -> Path:
    """Where the console for `paths.data_dir` serves, and its room views connect: the socket,
    or on Windows the ticket naming the port."""
    # A checksum tells data dirs apart as well as a cryptographic hash here (nothing to keep
    # secret, two or three dirs on one laptop), without loading OpenSSL (0.6 MiB) for it.
    key = f"{zlib.crc32(os.fsencode(paths.data_dir.expanduser().resolve())):08x}"
    if loopback():
        return room_dir(paths) / f"room-{key}.port"
    path = room_dir(paths) / f"room-{key}.sock"
    size = len(os.fsencode(path))
    if size >= SUN_PATH_BYTES:
        variable = MAC_TEMP_ENV if sys.platform == "darwin" else RUNTIME_ENV
        raise RoomUnavailable(
            _(
                "the room view's socket path would be {size} bytes, and a socket's path holds "
                "at most {most} here (sun_path, {limit} bytes with its end mark): set "
                "{variable} to a shorter folder or use a shorter --data-dir"
            ).format(size=size, most=SUN_PATH_BYTES - 1, limit=SUN_PATH_BYTES, variable=variable)
        )
    return path


def described(paths: Paths) -> str:
    """How the room views are fed from here, in the privacy statement's words."""
    try:
        address = room_address(paths)
    except RoomUnavailable as err:
        return _("a Unix socket on this laptop (none here: {why})").format(why=err)
    return _(LOOPBACK_WORDS if loopback() else UNIX_SOCKET_WORDS).format(path=f"`{address}`")


#: How the room view is fed, on Linux and macOS …
UNIX_SOCKET_WORDS = N_(
    "a Unix socket on this laptop, {path}, in a folder only you can open (0700; the socket "
    "0600; in `$XDG_RUNTIME_DIR` when there is one, emptied at logout; on macOS in your own "
    "temporary folder; else in the data folder); nothing is written to disk for it"
)
#: … and on Windows.
LOOPBACK_WORDS = N_(
    "a connection that never leaves this laptop (127.0.0.1), on a port written with a secret "
    "made for each session in {path}, a file only you can read; a connection without the "
    "secret is dropped, and the file holds nothing else"
)


def private_dir(path: Path, *, create: bool) -> Path:
    """`path` as a directory only we can enter: made 0700 by the console (`create`), checked
    by a room view, which refuses to connect through anything else."""
    if create:
        from circle_tui.storage.atomic import ensure_private_dir

        try:
            ensure_private_dir(path)
        except FileExistsError:
            pass  # something that is no directory: said just below
        except OSError as err:
            raise RoomUnavailable(f"{path}: {err.strerror or err}") from None
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise RoomUnavailable(_("{path} does not exist yet").format(path=path)) from None
    if not stat.S_ISDIR(info.st_mode):
        raise RoomUnavailable(
            _("{path} is not a directory; remove it, or set {variable}").format(
                path=path, variable=RUNTIME_ENV
            )
        )
    if not platform.owned_by_me(info):
        raise RoomUnavailable(
            _("{path} belongs to another user; set {variable}").format(
                path=path, variable=RUNTIME_ENV
            )
        )
    if platform.others_can_enter(info):
        if not create:
            raise RoomUnavailable(
                _("{path} can be entered by other users; start circle-tui first").format(path=path)
            )
        os.chmod(path, DIR_MODE)  # ours, but loosened: only this app's socket lives there
    return path


# -- the ticket: a loopback port and its secret (Windows) ---------------------------------------
@dataclass(frozen=True)
class Ticket:
    """The port a console listens on for this session, and the secret its room views greet
    with. Made anew at every start; never leaves the private folder."""

    port: int
    secret: str

    @classmethod
    def new(cls, port: int) -> Ticket:
        return cls(port, os.urandom(32).hex())


def write_ticket(path: Path, ticket: Ticket) -> None:
    """Atomically, mode 0600, never through a link, in a folder only we can enter."""
    from circle_tui.storage.atomic import write_json_atomic

    private_dir(path.parent, create=True)
    write_json_atomic(path, {"port": ticket.port, "secret": ticket.secret})


def read_ticket(path: Path) -> Ticket:
    """The ticket a console wrote; FileNotFoundError when there is none, RoomUnavailable
    when it is not one (a room view then waits, as for a console not started yet)."""
    import json

    from circle_tui.reading import UnusableFile, read_regular_file

    private_dir(path.parent, create=False)
    try:
        data = json.loads(read_regular_file(path, MAX_TICKET_BYTES))
    except FileNotFoundError:
        raise
    except (UnusableFile, OSError, ValueError) as err:
        raise RoomUnavailable(f"{path}: {getattr(err, 'reason', err)}") from None
    if (
        type(data) is not dict
        or data.keys() != {"port", "secret"}
        or type(data["port"]) is not int
        or not 0 < data["port"] < 65536
        or type(data["secret"]) is not str
        or not 32 <= len(data["secret"]) <= 256
    ):
        raise RoomUnavailable(
            _("{path} is not a room ticket; start circle-tui again").format(path=path)
        )
    return Ticket(data["port"], data["secret"])


def remove_ticket(path: Path, ticket: Ticket) -> None:
    """Delete the ticket only if it is still ours: a newer console may have replaced it."""
    with contextlib.suppress(RoomUnavailable, OSError):  # closing never fails for it
        if read_ticket(path) == ticket:
            path.unlink()
