"""What the CLI prints: escaped, so a hostile file cannot drive the terminal, and readable in
any terminal encoding, so no command ends in a UnicodeEncodeError."""

from __future__ import annotations

import codecs
import sys

from circle_tui.core.text import ascii_substitute, escape_controls

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
