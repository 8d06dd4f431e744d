"""What every screen of the app shares: typed access to the app and the live circle."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from circle_tui.core.circle import Circle

if TYPE_CHECKING:
    from circle_tui.ui.app import CircleApp

WIDE = 120  # at this many columns or more, the timer and names grow


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
