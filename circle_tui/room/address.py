"""Where the room socket lives: a private directory on this laptop, one socket per data dir.

`$XDG_RUNTIME_DIR/circle-tui/` when the session has a runtime directory (a per-user tmpfs,
emptied at logout: the place sockets belong), else a `room/` folder in the data dir. Either
way the directory is 0700 and ours, and the socket 0600: no other user can reach it. The name
carries a hash of the data dir, so two circles on two data dirs never share a socket, and
`circle-tui room` finds the one its console serves from the same `--data-dir`."""

from __future__ import annotations

import os
import stat
import sys
import zlib
from pathlib import Path

from circle_tui import platform
from circle_tui.config import Paths
from circle_tui.i18n import _

RUNTIME_ENV = "XDG_RUNTIME_DIR"
DIR_MODE = 0o700
SOCKET_MODE = 0o600
#: sun_path holds 108 bytes on Linux (104 on macOS), including the final NUL.
MAX_PATH_BYTES = 103


class RoomUnavailable(Exception):
    """The room socket cannot be used here; the message says why and what to do."""


def no_unix_sockets() -> RoomUnavailable:
    """Windows' CPython has no AF_UNIX. Raised behind an inline `sys.platform` check, which
    type checkers understand: the socket code after it is then not checked for Windows."""
    return RoomUnavailable(
        _("the room view needs macOS or Linux for now; everything else works here")
    )


def room_dir(paths: Paths) -> Path:
    runtime = os.environ.get(RUNTIME_ENV, "")
    if runtime and Path(runtime).is_absolute():
        return Path(runtime) / "circle-tui"
    return paths.data_dir / "room"


def socket_path(paths: Paths) -> Path:
    """The socket the console for `paths.data_dir` serves, and its room views connect to."""
    if sys.platform == "win32":
        raise no_unix_sockets()
    # A checksum tells data dirs apart as well as a cryptographic hash here (nothing to keep
    # secret, two or three dirs on one laptop), without loading OpenSSL (0.6 MiB) for it.
    key = f"{zlib.crc32(os.fsencode(paths.data_dir.expanduser().resolve())):08x}"
    path = room_dir(paths) / f"room-{key}.sock"
    if len(os.fsencode(path)) > MAX_PATH_BYTES:
        raise RoomUnavailable(
            _(
                "the room view's socket path would be {size} bytes, more than a Unix socket "
                "allows ({most}): set {variable} or use a shorter --data-dir"
            ).format(size=len(os.fsencode(path)), most=MAX_PATH_BYTES, variable=RUNTIME_ENV)
        )
    return path


def private_dir(path: Path, *, create: bool) -> Path:
    """`path` as a directory only we can enter: made 0700 by the console (`create`), checked
    by a room view, which refuses to connect through anything else."""
    if create:
        from circle_tui.storage.atomic import ensure_private_dir

        ensure_private_dir(path)
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
    if stat.S_IMODE(info.st_mode) != DIR_MODE:
        if not create:
            raise RoomUnavailable(
                _("{path} can be entered by other users; start circle-tui first").format(path=path)
            )
        os.chmod(path, DIR_MODE)  # ours, but loosened: only this app's socket lives there
    return path
