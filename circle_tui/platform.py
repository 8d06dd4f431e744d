"""The one place that knows which operating system this is: file locking, open flags, the
directory fsync, file ownership and the signals that end the app.

Everything else calls these names and runs unchanged on Linux, macOS and Windows. Each piece
is chosen by `sys.platform`, which type checkers understand (`mypy --platform win32` checks the
Windows side) and which the tests switch to prove the Windows side on any machine."""

from __future__ import annotations

import errno
import os
import signal
import stat
import sys
from collections.abc import Callable
from pathlib import Path

#: os.open flags: never follow a link to somewhere else, never block on a FIFO or become the
#: controlling terminal, never leak the descriptor to a child, and no newline translation
#: (Windows opens files in text mode unless told otherwise). Each is 0 where it does not exist.
NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
NON_BLOCKING = getattr(os, "O_NONBLOCK", 0)
NO_TERMINAL = getattr(os, "O_NOCTTY", 0)
NOT_INHERITED = getattr(os, "O_CLOEXEC", 0) or getattr(os, "O_NOINHERIT", 0)
BINARY = getattr(os, "O_BINARY", 0)
#: Reading a file someone handed us.
READ_FLAGS = os.O_RDONLY | NON_BLOCKING | NO_TERMINAL | NOT_INHERITED | BINARY
#: Our own lock file: read and written, and never through a link.
LOCK_FLAGS = os.O_RDWR | NO_FOLLOW | NON_BLOCKING | NOT_INHERITED | BINARY


def open_no_follow(path: Path, flags: int, mode: int = 0o600) -> int:
    """os.open that refuses a symbolic link at `path` with ELOOP, as O_NOFOLLOW does (and
    with O_EXCL, EEXIST, as every system does).

    Where O_NOFOLLOW is missing (Windows) the path is looked at first; a link swapped in
    between is as unlikely there, where making a link needs administrator rights."""
    if not NO_FOLLOW and not flags & os.O_EXCL and path.is_symlink():
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))
    return os.open(path, flags, mode)


def owned_by_me(info: os.stat_result) -> bool:
    """Whether a file belongs to the user running circle-tui. Windows reports no owner in
    st_uid; there the per-user profile folders' permissions keep other users out."""
    if sys.platform == "win32":
        return True
    return info.st_uid == os.getuid()


def others_can_enter(info: os.stat_result) -> bool:
    """Whether a folder's mode lets users other than its owner in. Windows keeps no such bits
    (every folder reads as 0o777); there the per-user profile's permissions keep others out."""
    if sys.platform == "win32":
        return False
    return stat.S_IMODE(info.st_mode) & 0o077 != 0


def fsync_dir(path: Path) -> None:
    """Make a rename inside `path` durable. Windows cannot open a directory as a file, and
    NTFS journals a rename with the file's metadata, so there it needs nothing more."""
    if sys.platform == "win32":
        return
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_at_start(fd: int, size: int) -> bytes:
    """The first `size` bytes of an open file, wherever its position is."""
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, size)


def write_at_start(fd: int, data: bytes) -> None:
    """Replace an open file's content with `data`."""
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, data)


# -- locks that the OS drops with the process --------------------------------------------------
if sys.platform == "win32":
    import msvcrt

    #: Windows locks are mandatory: a locked byte cannot even be read by another process. The
    #: lock is taken on one byte far past the process id at the start of the file, so a
    #: second console can still read who holds it.
    _LOCKED_BYTE = 1 << 20

    def try_lock(fd: int) -> bool:
        """Take the exclusive lock on an open file; False if another process holds it."""
        os.lseek(fd, _LOCKED_BYTE, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as err:
            if err.errno in (errno.EACCES, errno.EDEADLK):
                return False
            raise
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
        return True

else:
    import fcntl

    def try_lock(fd: int) -> bool:
        """Take the exclusive lock on an open file; False if another process holds it."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


# -- the signals that end the app ------------------------------------------------------------
def on_stop_signals(
    stop: Callable[[], None], terminal_closed: Callable[[], None]
) -> Callable[[], None]:
    """Call `stop` when the system asks the app to end (SIGTERM) and `terminal_closed` when
    its terminal window closes (SIGHUP), from the running asyncio loop; returns the function
    that removes them. Windows has neither (its console closing ends the process, and the
    counts are already on disk as the draft), so there nothing is installed."""
    import asyncio

    loop = asyncio.get_running_loop()
    wanted = [(signal.SIGTERM, stop)]
    if sys.platform != "win32":
        wanted.append((signal.SIGHUP, terminal_closed))
    installed = []
    for sig, handler in wanted:
        try:
            loop.add_signal_handler(sig, handler)
        except (NotImplementedError, ValueError, RuntimeError):  # Windows; not the main thread
            continue
        installed.append(sig)

    def remove() -> None:
        for sig in installed:
            loop.remove_signal_handler(sig)

    return remove


def end_as_the_terminal_closing() -> None:
    """End this process as SIGHUP would have, once its handler has saved what it could: the
    kernel then frees the data dir's lock, and no teardown writes to a terminal that is gone."""
    if sys.platform == "win32":
        os._exit(1)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGHUP)


# -- playing the chime ---------------------------------------------------------------------------
#: The players each system already has, in the order tried: macOS's own; on Linux PipeWire's,
#: then PulseAudio's, then ALSA's (`-q`: no banner on a terminal that is not there).
SOUND_PLAYERS = {
    "darwin": (("afplay",),),
    "linux": (("pw-play",), ("paplay",), ("aplay", "-q")),
}


def sound_command(sound: Path) -> list[str] | None:
    """The command that plays the WAV file `sound` here, found on PATH; None when there is
    none. Windows needs no command: `play_sound` uses winsound, which every Python there has."""
    if sys.platform == "win32":
        return None
    import shutil

    players = SOUND_PLAYERS["darwin" if sys.platform == "darwin" else "linux"]
    for name, *options in players:
        found = shutil.which(name)
        if found:
            return [found, *options, str(sound)]
    return None


def can_play_sound() -> bool:
    return sys.platform == "win32" or sound_command(Path("chime.wav")) is not None


def play_sound(sound: Path) -> Callable[[], bool] | None:
    """Start playing `sound` and return at once, with a function saying whether it is still
    playing; None when nothing here can play it. The player's output goes nowhere (never onto
    the console's screen), and it runs in its own session, so ctrl+c reaches only the app."""
    if sys.platform == "win32":
        import winsound

        # SND_ASYNC returns at once, and a second sound replaces the first: never two at once.
        winsound.PlaySound(
            str(sound), winsound.SND_FILENAME | winsound.SND_ASYNC | winsound.SND_NODEFAULT
        )
        return lambda: False
    import subprocess

    command = sound_command(sound)
    if command is None:
        return None
    try:
        player = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:  # removed since it was found, or not executable
        return None
    return lambda: player.poll() is None
