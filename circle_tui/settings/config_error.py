"""ConfigError, and the words its messages share: a key quoted as TOML would, a list of
choices, a value cut short."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from circle_tui.core.text import control_problem, escape_controls
from circle_tui.i18n import _


class ConfigError(Exception):
    """A bad config value: one line naming the file, the key and the expected form."""

    def __init__(self, path: Path | str, key: str, expected: str) -> None:
        super().__init__(f"{path}: {key}: {expected}")
        self.path, self.key, self.expected = str(path), key, expected

    @property
    def setting(self) -> str:
        """The setting's key in the file, without the part inside it: `round[2].name` is in
        `round`, `minutes.sharing` in `minutes`."""
        return self.key.split("[")[0].split(".")[0]


_BARE_KEY = re.compile("[A-Za-z0-9_-]+").fullmatch


def quoted_key(key: str) -> str:
    """A key from the file as a message may quote it: a quoted TOML key can be empty or hold
    anything, a line break or an escape sequence among it; it is shown quoted, as in TOML."""
    if _BARE_KEY(key):
        return key
    return '"' + escape_controls(cut(key)).replace('"', '\\"') + '"'


def cut(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def either(choices: Sequence[str]) -> str:
    """`"M", "Q" or "H"`: the choices as a message lists them."""
    quoted = [f'"{c}"' for c in choices]
    if len(quoted) == 1:
        return quoted[0]
    return _("{some} or {last}").format(some=", ".join(quoted[:-1]), last=quoted[-1])


def check_controls(value: str, key: str, path: Path | str) -> None:
    """ConfigError for a control character, bidi control or invisible line break in `value`."""
    problem = control_problem(value)
    if problem:
        raise ConfigError(path, key, problem)
