"""What the CLI prints: escaped, so a hostile file cannot drive the terminal, and readable in
any terminal encoding, so no command ends in a UnicodeEncodeError."""

from __future__ import annotations

import codecs
import contextlib
import errno
import sys
from typing import TYPE_CHECKING

from circle_tui.core.text import ascii_substitute, escape_controls
from circle_tui.i18n import N_, _

if TYPE_CHECKING:
    from circle_tui.session import SaveFailed

#: A codec error handler: characters the output encoding lacks become ASCII substitutes.
SUBSTITUTE = "circle-tui-ascii"


def _substitute(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeEncodeError):
        raise err
    return ascii_substitute(err.object[err.start : err.end]), err.end


codecs.register_error(SUBSTITUTE, _substitute)


def substitute_on_std_streams() -> None:
    """Text that reaches stdout or stderr by other routes (argparse's help and errors) gets
    the same substitutes instead of a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=SUBSTITUTE)


def say(text: str = "", *, err: bool = False, end: str = "\n", flush: bool = False) -> None:
    """Print a line for a person: control characters shown as `\\x1b`, characters the
    terminal cannot show as ASCII substitutes."""
    stream = sys.stderr if err else sys.stdout
    text = escape_controls(text, keep="\n\t") + end
    encoding = getattr(stream, "encoding", None)
    if encoding:
        text = text.encode(encoding, SUBSTITUTE).decode(encoding)
    stream.write(text)
    if flush:
        stream.flush()


def write_data(text: str) -> None:
    """An export: UTF-8 whatever the terminal's encoding (the format is UTF-8, and a silent
    substitute would change the data), escaped only when it lands on a terminal."""
    out = sys.stdout
    if out.isatty():
        text = escape_controls(text, keep="\n")
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(text)
        return
    out.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


#: What to do, by what the system said: one line a host can act on.
WHAT_TO_DO = {
    errno.ENOSPC: N_("the disk is full: free some space, or choose a folder on another disk"),
    errno.EROFS: N_("the disk is read-only: choose a folder on a disk that can be written"),
    errno.EACCES: N_("permission denied: choose a folder you can write to"),
    errno.EPERM: N_("not permitted: choose a folder you can write to"),
    errno.ENOENT: N_("no such file or folder: check the path, or create the folder first"),
    errno.ENOTDIR: N_("part of the path is a file, not a folder: check the path"),
    errno.EISDIR: N_("that is a folder: give a file name inside it"),
    errno.ENAMETOOLONG: N_("the name is too long: choose a shorter name"),
    errno.ELOOP: N_("a symbolic link, which circle-tui never writes through: give the real path"),
    errno.EEXIST: N_("something is already there: move it away, or choose another name"),
}
if hasattr(errno, "EDQUOT"):
    WHAT_TO_DO[errno.EDQUOT] = WHAT_TO_DO[errno.ENOSPC]


def os_error_line(err: OSError) -> str:
    """An OSError as one line: the path it happened at, what went wrong and what to do."""
    advice = WHAT_TO_DO.get(err.errno or 0)
    what = (
        _(advice)
        if advice
        else _("{why}: check the path and try again").format(why=err.strerror or type(err).__name__)
    )
    path = err.filename2 if err.filename2 is not None else err.filename
    return f"{path}: {what}" if path is not None else what


def print_last_resort(unsaved: SaveFailed) -> None:
    """Counts that no disk would take, printed once the screen is gone: the last place they
    can still be read from. A terminal that closed takes nothing, and says so with an error."""
    with contextlib.suppress(OSError):
        say(unsaved.last_resort(), err=True, flush=True)
