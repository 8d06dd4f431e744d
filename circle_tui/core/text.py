"""Text from outside (files, settings, typed names) that could drive a terminal or a spreadsheet.

One definition of the characters refused at the door and escaped at the exit, so config,
imports, agreement files, the name prompt and every printed line agree on it."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from circle_tui.i18n import _

# C0 controls (ESC among them), DEL and C1 controls; the line and paragraph separators, which
# break lines like a newline in editors and some terminals; the bidirectional embeddings,
# overrides (U+202A-202E) and isolates (U+2066-2069) that reorder what a reader sees (the
# "Trojan Source" characters); and lone surrogates, which are not text and cannot be written
# out as UTF-8 at all. The left-to-right and right-to-left *marks* (U+200E, U+200F, U+061C)
# are allowed: they change no order beyond their neighbouring punctuation, and Arabic or
# Hebrew names need them.
_RANGES = ((0x00, 0x1F), (0x7F, 0x9F), (0x2028, 0x202E), (0x2066, 0x2069), (0xD800, 0xDFFF))


def _class(ranges: tuple[tuple[int, int], ...], keep: str = "") -> re.Pattern[str]:
    """A character class of `ranges` less the characters in `keep`."""
    points = sorted(set(map(ord, keep)))
    parts = []
    for low, high in ranges:
        for point in points:
            if low <= point <= high:
                if low < point:
                    parts.append((low, point - 1))
                low = point + 1
        if low <= high:
            parts.append((low, high))
    return re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in parts) + "]")


_CONTROL = _class(_RANGES)
_NAMES = {
    "\x00": "null",
    "\x07": "bell",
    "\x08": "backspace",
    "\t": "tab",
    "\n": "line feed",
    "\r": "carriage return",
    "\x1b": "escape",
    "\x7f": "delete",
}
#: What a terminal that cannot show a character gets instead (anything else becomes "?").
ASCII_SUBSTITUTES = {
    "—": "-",
    "–": "-",
    "·": "*",
    "•": "*",
    "×": "x",
    "…": "...",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "→": "->",
    "←": "<-",
    "\u00a0": " ",
}


@dataclass(frozen=True)
class Control:
    """A refused character found in a text, and where: enough to name it in a message."""

    char: str
    index: int

    @property
    def kind(self) -> str:
        code = ord(self.char)
        if 0xD800 <= code <= 0xDFFF:
            return "a lone surrogate"
        if self.char in "\u2028\u2029":
            return "an invisible line break"
        if code > 0x9F:
            return "a text-direction control"
        return "a control character"

    def __str__(self) -> str:
        name = _NAMES.get(self.char) or unicodedata.name(self.char, "").lower()
        return f"{self.kind} (U+{ord(self.char):04X}{', ' + name if name else ''})"


def first_control(text: str, allowed: str = "") -> Control | None:
    """The first refused character in `text` that is not in `allowed` (e.g. "\\t"), or None."""
    for found in _CONTROL.finditer(text):
        if found.group() not in allowed:
            return Control(found.group(), found.start())
    return None


def control_problem(text: str, allowed: str = "") -> str | None:
    """A one-line description of the first refused character, ready for `KEY: problem`
    messages; None when the text is clean."""
    found = first_control(text, allowed)
    if found is None:
        return None
    return _(
        "{character} at character {n}; delete it: control and text-direction "
        "characters could drive a terminal or hide what the text says"
    ).format(character=found, n=found.index + 1)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str, keep: str = "") -> str:
    """`text` with every refused character but those in `keep` shown as `\\x1b` or `\\u202e`:
    safe to print to a terminal, and the reader still sees that something was there."""
    return _controls_but(keep).sub(_escaped, text)


@functools.cache
def _controls_but(keep: str) -> re.Pattern[str]:
    """The refused characters, less `keep`: the kept ones (a table's newlines) never reach
    Python at all, which counts when a listing of 1,000 sessions (three lifetimes of a weekly
    circle) is printed."""
    return _class(_RANGES, keep) if keep else _CONTROL


def ascii_substitute(text: str) -> str:
    """`text` as plain ASCII: `—` as `-`, `·` as `*`, `…` as `...`, anything else as `?`."""
    return "".join(ch if ch < "\x80" else ASCII_SUBSTITUTES.get(ch, "?") for ch in text)


#: What the screens are drawn with: the big timer's blocks, the codes' half blocks, the boxes.
SCREEN_GLYPHS = "█▀▄▌▐─│┌┐└┘╭╮╰╯▔▁"


def draws_screens(encoding: str | None) -> bool:
    """Whether a terminal writing `encoding` can show every glyph the screens are drawn with
    (in ASCII or Latin-1 each would become `?`, and the timer would be unreadable)."""
    try:
        SCREEN_GLYPHS.encode(encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True
