"""What every screen of the app shares: typed access to the app and the live circle."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer

from circle_tui.core.circle import Circle
from circle_tui.core.timer import TurnTimer

if TYPE_CHECKING:
    from circle_tui.ui.app import CircleApp

WIDE = 120  # at this many columns or more, the timer and names grow


#: Long texts (agreements, opening and closing words, privacy) scroll with the arrow keys.
SCROLL_KEYS = [
    Binding("down", "scroll_reading(1)", "Scroll down", show=False),
    Binding("up", "scroll_reading(-1)", "Scroll up", show=False),
]


class CircleScreen(Screen):
    _waker: Timer | None = None

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

    # -- screens that show a countdown ---------------------------------------------------
    def countdown(self) -> TurnTimer | None:
        """The timer this screen shows, if any."""
        return None

    def tick(self) -> None:
        """Redraw what changes with time alone."""

    def wake_at_next_change(self) -> None:
        """Tick just after the shown countdown next changes (at most a second away) rather
        than polling: a running countdown costs one wake-up and one small repaint a second.
        Call again after anything that starts, pauses or resumes the countdown."""
        if self._waker is not None:
            self._waker.stop()
        timer = self.countdown()
        change = timer.next_change_in() if timer else None
        self._waker = self.set_timer(1.0 if change is None else change + 0.01, self._wake)

    def _wake(self) -> None:
        self.tick()
        self.wake_at_next_change()

    def action_scroll_reading(self, lines: int) -> None:
        for reading in self.query(".reading"):
            reading.scroll_relative(y=lines, animate=False)
