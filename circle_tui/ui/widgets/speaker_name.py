"""The current speaker's name: bold text, and large block letters when the screen is wide."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from circle_tui.ui.widgets.big_text import big_text, can_draw, width


class SpeakerName(Static):
    DEFAULT_CSS = """
    SpeakerName { width: 100%; text-align: center; text-style: bold; }
    """

    _shown: tuple[str, bool, int] | None = None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def show(self, name: str, wide: bool) -> None:
        # Block letters only when every letter has a glyph and the name fits the width.
        big = wide and name and can_draw(name) and width(name) <= max(0, self.size.width - 2)
        shown = (name, bool(big), self.size.width)
        if shown != self._shown:
            self._shown = shown
            self.update(Text(big_text(name)) if big else Text(name))
            self.set_class(bool(big), "-big")
