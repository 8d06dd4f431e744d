"""A break: a simple countdown; enter comes back to the rounds whenever the room is ready."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, Static

from circle_tui.core.plan import Phase
from circle_tui.core.timer import TimerState, TurnTimer, format_seconds
from circle_tui.ui.screens.base import CircleScreen
from circle_tui.ui.widgets.timer_face import TimerFace

BREAK_MINUTES = 10


class BreakScreen(CircleScreen):
    BINDINGS = [
        Binding("enter,right", "continue", "Back to the circle"),
        Binding("plus,equals_sign", "minute(1)", "+1 min", key_display="+"),
        Binding("minus", "minute(-1)", "-1 min", key_display="-"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.timer: TurnTimer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="break"):
            yield Static("Break", classes="title")
            yield TimerFace(id="timer")
            yield Static("Stretch, drink some water. Enter when everyone is back.", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.timer = TurnTimer(self.circle.clock, BREAK_MINUTES * 60, warning_seconds=60)
        self.timer.start()
        self.tick()
        self.wake_at_next_change()

    def countdown(self) -> TurnTimer | None:
        return self.timer

    def tick(self) -> None:
        assert self.timer is not None
        remaining = self.timer.remaining()
        if remaining <= 0:
            self.query_one(TimerFace).show("00:00", TimerState.TIME, "the break is over")
        else:
            self.query_one(TimerFace).show(format_seconds(remaining), TimerState.RUNNING, "break")

    def action_minute(self, delta: int) -> None:
        assert self.timer is not None
        if delta > 0:
            self.timer.add_minute()
        else:
            self.timer.remove_minute()
        self.tick()

    def action_continue(self) -> None:
        self.circle_app.go_to(Phase.ROUNDS)
