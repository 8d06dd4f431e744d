"""How one setting is bounded, labelled and explained: the Rule each declaration carries, and
the choices whose list another part of the app owns."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Listed:
    """Choices whose list another part of the app owns (the agreement sets are files the
    library finds, the themes are Textual's registry): the settings screen asks that owner.
    `off_list` says why a value not on the list is refused; empty, it is kept and shown."""

    what: str
    off_list: str = ""


@dataclass(frozen=True)
class Rule:
    """How one setting is checked, shown and explained (dataclass field metadata)."""

    label: str
    help: str
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()  # fixed choices
    #: How the settings screen says a choice, beside the word the file holds: the words in
    #: the language spoken now (`said`), or None to show the value alone.
    words: Callable[[str], str | None] | None = None
    listed: Listed | None = None  # choices listed by their owner
    max_len: int = 500
    empty_ok: bool = True
    refused: Mapping[str, str] = field(default_factory=dict)  # value -> why it is refused
    toml_key: str = ""  # when the file's key differs from the attribute's name
    comment: str = ""  # beside the key in `config --init`

    def key(self, name: str) -> str:
        return self.toml_key or name


def said(words: Mapping[str, str]) -> Callable[[str], str | None]:
    """A Rule's `words` from a table of N_-marked words, each translated as it is shown."""
    from circle_tui.i18n import _

    return lambda value: _(words[value]) if value in words else None
