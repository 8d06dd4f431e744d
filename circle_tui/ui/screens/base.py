"""What every screen of the app shares: typed access to the app and the live circle."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.binding import Binding
from textual.screen import Screen

from circle_tui.core.circle import Circle

if TYPE_CHECKING:
    from circle_tui.ui.app import CircleApp

WIDE = 120  # at this many columns or more, the timer and names grow


#: Long texts (agreements, opening and closing words, privacy) scroll with the arrow keys.
SCROLL_KEYS = [
    Binding("down", "scroll_reading(1)", "Scroll down", show=False),
    Binding("up", "scroll_reading(-1)", "Scroll up", show=False),
]


class CircleScreen(Screen):
    @property
    def circle_app(self) -> CircleApp:
        from circle_tui.ui.app import CircleApp

        return cast(CircleApp, self.app)

    @property
    def circle(self) -> Circle:
        circle = self.circle_app.circle
        assert circle is not None, "this screen needs a session"
        return circle

    def on_resize(self) -> None:
        self.set_class(self.size.width >= WIDE, "-wide")

    def action_scroll_reading(self, lines: int) -> None:
        for reading in self.query(".reading"):
            reading.scroll_relative(y=lines, animate=False)
