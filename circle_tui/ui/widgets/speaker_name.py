"""The current speaker's name: bold text, and large block letters when the screen is wide."""

from __future__ import annotations

from rich.cells import cell_len
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
            # The width is the screen's: only a change of height (block letters on or off, a
            # name long enough to wrap) needs a new layout, which costs a frame per turn.
            before = self._shown
            layout = (
                before is None
                or before[1] != shown[1]
                or max(cell_len(name), cell_len(before[0])) >= self.size.width
            )
            self._shown = shown
            self.update(Text(big_text(name)) if big else Text(name), layout=layout)
            self.set_class(bool(big), "-big")
