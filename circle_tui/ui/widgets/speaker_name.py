"""The current speaker's name: bold text, and large letters when the screen is wide — block
letters, or the bundled font for any other script, with an emoji ordinary-size beside."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from circle_tui.ui.widgets.big_text import big_name


class SpeakerName(Static):
    DEFAULT_CSS = """
    SpeakerName { width: 100%; text-align: center; text-style: bold; }
    """

    _shown: tuple[str, bool, int] | None = None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def show(self, name: str, wide: bool) -> None:
        # Large only when something in the name can be drawn large and it fits the width.
        rows = big_name(name) if wide and name else None
        big = rows is not None and cell_len(rows[0]) <= max(0, self.size.width - 2)
        shown = (name, big, self.size.width)
        if shown != self._shown:
            # The width is the screen's: only a change of height (block letters on or off, a
            # name long enough to wrap) needs a new layout, which costs a frame per turn.
            before = self._shown
            layout = (
                before is None
                or before[1] != shown[1]
                or big  # names in another script or with an accent differ in height
                or max(cell_len(name), cell_len(before[0])) >= self.size.width
            )
            self._shown = shown
            self.update(Text("\n".join(rows)) if big and rows else Text(name), layout=layout)
            self.set_class(big, "-big")
