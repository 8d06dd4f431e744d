"""A break: a simple countdown; enter comes back to the rounds whenever the room is ready."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from circle_tui.core.plan import Phase
from circle_tui.core.timer import TimerState, TurnTimer, format_seconds
from circle_tui.i18n import N_, _
from circle_tui.ui.keys import keyed
from circle_tui.ui.screens.base import PhaseScreen
from circle_tui.ui.widgets.keys_bar import KeysBar
from circle_tui.ui.widgets.timer_face import TimerFace
from circle_tui.ui.widgets.title_bar import TitleBar


class BreakScreen(PhaseScreen):
    phase = Phase.BREAK
    BINDINGS = [
        Binding("enter,right", "continue", N_("Back to the circle"), id="continue"),
        Binding("plus,equals_sign", "minute(1)", N_("+1 min"), key_display="+", id="add-minute"),
        Binding("minus", "minute(-1)", N_("-1 min"), key_display="-", id="remove-minute"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="break"):
            yield Static(_("Break"), classes="title")
            yield TimerFace(id="timer")
            yield Static(
                keyed(_("Stretch, drink some water. Press {enter} when everyone is back.")),
                classes="hint",
            )
        yield KeysBar()

    def countdown(self) -> TurnTimer | None:
        circle = self.session.circle
        return circle.break_timer if circle else None

    def refresh_view(self) -> None:
        self.tick()
        self.wake_at_next_change()

    def tick(self) -> None:
        timer = self.countdown()
        if timer is None:
            return
        remaining = timer.remaining()
        face = self.query_one(TimerFace)
        if remaining <= 0:
            face.show("00:00", TimerState.TIME, _("the break is over"))
        else:
            face.show(format_seconds(remaining), TimerState.RUNNING, _("break"))

    def action_minute(self, delta: int) -> None:
        self.circle.change_break(delta)

    def action_continue(self) -> None:
        self.circle.go_to(Phase.ROUNDS)
