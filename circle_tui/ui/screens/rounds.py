"""Rounds: who speaks, who is next, a big timer with gentle cues, and every correction key."""

from __future__ import annotations

from datetime import timedelta

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Static

from circle_tui.core.order import OrderMode
from circle_tui.core.plan import Phase
from circle_tui.core.rounds import Outcome
from circle_tui.core.timer import TimerState, TurnTimer, format_seconds
from circle_tui.ui.screens.base import WIDE, CircleScreen
from circle_tui.ui.screens.confirm import ConfirmScreen, PickSeatScreen
from circle_tui.ui.widgets.airtime import AirtimeBars
from circle_tui.ui.widgets.lines import set_text
from circle_tui.ui.widgets.speaker_name import SpeakerName
from circle_tui.ui.widgets.timer_face import TimerFace

MODES = list(OrderMode)


def clock_text(seconds: float) -> str:
    """`h:mm` for the session clock."""
    minutes = int(max(0, seconds) // 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


class RoundsScreen(CircleScreen):
    BINDINGS = [
        Binding("enter,right", "next", "Next speaker"),
        Binding("space", "pause", "Pause"),
        Binding("p", "pass_turn", "Pass"),
        Binding("plus,equals_sign", "minute(1)", "+1 min", key_display="+"),
        Binding("minus", "minute(-1)", "-1 min", key_display="-"),
        Binding("backspace,left", "undo", "Undo"),
        Binding("a", "late(False)", "Late arrival"),
        Binding("n", "late(True)", "Late first-timer", show=False),
        Binding("l", "leave", "Someone leaves"),
        Binding("r", "end_round", "End round"),
        Binding("down", "move_next(1)", "Choose who is next", show=False),
        Binding("up", "move_next(-1)", "Choose who is next (back)", show=False),
        Binding("f", "fit", "Accept fit-to-time", show=False),
        Binding("h", "airtime", "Hide/show airtime", show=False),
        Binding("b", "take_break", "Break", show=False),
        Binding("c", "closing", "Go to closing", show=False),
        Binding("o", "order", "Order mode (between rounds)", show=False),
        Binding("d", "direction", "Direction (between rounds)", show=False),
        Binding(
            "left_square_bracket", "start_seat(-1)", "Start seat back (between rounds)", show=False
        ),
        Binding(
            "right_square_bracket", "start_seat(1)", "Start seat on (between rounds)", show=False
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.mode = OrderMode.AROUND
        self.clockwise = True
        self.start_seat: int | None = None
        self.show_airtime = True
        self._last_view: tuple | None = None
        self._rang_for: object | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="round-bar"):
            yield Static("", id="round-label")
            yield Static("", id="session-clock")
        with Horizontal(id="stage"):
            with Vertical(id="now"):
                yield Static("", id="speaker-label", classes="hint")
                yield SpeakerName(id="speaker")
                yield TimerFace(id="timer")
                yield Static("", id="between", markup=False)
            with VerticalScroll(id="queue"):
                yield Static("", id="queue-text")
        yield Static("", id="suggestion", classes="hint")
        yield AirtimeBars(id="airtime")
        yield Static("", id="said", classes="hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        seats = [p.seat for p in self.circle.present]
        self.start_seat = seats[0] if seats else None
        self.refresh_view()

    def on_resize(self) -> None:
        super().on_resize()
        self.query_one(TimerFace).set_wide(self.size.width >= WIDE)
        self.refresh_view()

    # -- rendering ----------------------------------------------------------------------
    def refresh_view(self) -> None:
        """Redraw everything; called after every action. Time alone only needs `tick`."""
        circle = self.circle
        rnd = circle.round
        set_text(self.query_one("#round-label", Static), circle.round_label())
        running = rnd is not None and rnd.current is not None
        self.query_one("#timer", TimerFace).display = running
        self.query_one(SpeakerName).display = running
        self.query_one("#between", Static).display = not running
        if running:
            assert rnd is not None and circle.current is not None
            label = "coming back to" if rnd.coming_back else "now speaking"
            set_text(self.query_one("#speaker-label", Static), label)
            self.query_one(SpeakerName).show(circle.label(circle.current), self.size.width >= WIDE)
        else:
            self._render_between()
        self._render_queue()
        airtime = self.query_one("#airtime", AirtimeBars)
        airtime.display = self.show_airtime and bool(circle.airtime)
        if airtime.display:
            airtime.show([(p.label, circle.airtime.get(p.seat, 0.0)) for p in circle.participants])
        self.tick(force=True)
        self.wake_at_next_change()

    def countdown(self) -> TurnTimer | None:
        return self.circle.timer

    def tick(self, force: bool = False) -> None:
        """What changes with time alone: the countdown and its cue, the session clock, the
        fit-to-time suggestion. Redrawn only when the text changes."""
        circle = self.circle
        state = circle.timer_state()
        remaining = circle.timer.remaining() if circle.timer else 0.0
        silence = circle.timer.silence_left() if circle.timer else 0.0
        running = circle.round is not None and circle.round.current is not None
        suggestion = circle.suggested_minutes() if running else None
        view = (
            format_seconds(remaining),
            format_seconds(silence),
            state,
            clock_text(circle.session_elapsed()),
            suggestion,
            running,
        )
        if view == self._last_view and not force:
            return
        self._last_view = view
        ends = circle.started_at + timedelta(minutes=circle.session_minutes)
        set_text(
            self.query_one("#session-clock", Static),
            f"session {clock_text(circle.session_elapsed())} of "
            f"{clock_text(circle.session_minutes * 60)} · ends {ends:%H:%M}",
        )
        if running:
            self._render_turn(state, remaining)
        set_text(
            self.query_one("#suggestion", Static),
            f"fit to time: {suggestion} min each would end on time — [b]f[/b] to accept"
            if suggestion
            else "",
        )
        self._maybe_ring(state)

    def _render_turn(self, state: TimerState, remaining: float) -> None:
        face = self.query_one(TimerFace)
        if state is TimerState.SILENCE and self.circle.timer is not None:
            face.show(format_seconds(self.circle.timer.silence_left()), state)
        elif state is TimerState.OVER:
            face.show(format_seconds(remaining), state, f"over {format_seconds(remaining)}")
        else:
            face.show(format_seconds(remaining), state)

    def _render_between(self) -> None:
        circle = self.circle
        set_text(self.query_one("#speaker-label", Static), "")
        spec = circle.next_spec
        if circle.round is not None and circle.round.complete:
            text = (
                "This round is complete.\n\n"
                "enter: close it and go on · backspace: undo · a: a late arrival joins"
            )
        elif spec is None:
            text = "All rounds are done.\n\nenter: go to closing · b: a break · backspace: undo"
        else:
            start = (
                circle.label(self.start_seat)
                if self.mode is OrderMode.AROUND and self.start_seat
                else ""
            )
            direction = "clockwise" if self.clockwise else "anticlockwise"
            order = f"{self.mode.label}" + (f", from {start}, {direction}" if start else "")
            text = (
                f"Next: {spec.kind.label} round, {spec.minutes} min each\n"
                f"Order: {order}\n\n"
                "enter: start the round · o: order mode · d: direction · [ ]: start seat\n"
                "b: a break first · c: go to closing"
            )
        set_text(self.query_one("#between", Static), text)

    def _render_queue(self) -> None:
        circle = self.circle
        rnd = circle.round
        lines: list[str] = []
        if rnd is not None:
            lines.append("[b]up next[/b]")
            lines += [f"  {circle.label(s)}" for s in circle.up_next] or ["  —"]
            spoken = [s for s, o in rnd.outcomes.items() if o is Outcome.SHARED]
            passed = [s for s, o in rnd.outcomes.items() if o is Outcome.PASSED]
            waiting = set(rnd.passers_waiting())
            if passed:
                lines.append("[b]passed[/b]")
                lines += [
                    f"  {circle.label(s)}" + (" (again at end)" if s in waiting else "")
                    for s in passed
                ]
            if spoken:
                lines.append("[b]spoken[/b]")
                lines += [f"  {circle.label(s)}" for s in spoken]
        left = [p for p in circle.participants if p.left]
        if left:
            lines.append("[b]left[/b]")
            lines += [f"  {p.label}" for p in left]
        set_text(
            self.query_one("#queue-text", Static),
            "\n".join(line if line.startswith("[b]") else escape(line) for line in lines),
        )

    def _maybe_ring(self, state: TimerState) -> None:
        if (
            state is TimerState.TIME
            and self.circle_app.settings.bell
            and self._rang_for is not self.circle.timer
        ):
            self._rang_for = self.circle.timer
            self.app.bell()

    def _did(self, ok: bool, said: str) -> None:
        set_text(self.query_one("#said", Static), said if ok else "")
        self.refresh_view()

    # -- actions ----------------------------------------------------------------------
    def action_next(self) -> None:
        circle = self.circle
        if circle.round is not None and circle.round.current is not None:
            starting = circle.timer is not None and not circle.timer.started
            self._did(circle.next_speaker(), "timer started" if starting else "next speaker")
        elif circle.round is not None:
            self._did(circle.end_round(), "round closed")
        elif circle.next_spec is not None:
            ok = circle.start_round(self.mode, start_seat=self.start_seat, clockwise=self.clockwise)
            self._did(ok, "round started — enter starts the first timer")
        else:
            self.action_closing()

    def action_pause(self) -> None:
        timer = self.circle.timer
        was_paused = timer is not None and timer.is_paused
        self._did(self.circle.toggle_pause(), "resumed" if was_paused else "paused")

    def action_pass_turn(self) -> None:
        who = self.circle.label(self.circle.current)
        self._did(self.circle.pass_turn(), f"{who} passed")

    def action_minute(self, delta: int) -> None:
        if delta > 0:
            self._did(self.circle.add_minute(), "+1 minute for this turn")
        else:
            ok = self.circle.remove_minute()
            self._did(True, "−1 minute for this turn" if ok else "a turn keeps at least one minute")

    def action_undo(self) -> None:
        undone = self.circle.undo()
        self._did(True, f"undone: {undone}" if undone else "nothing to undo")
        self.circle_app.counts_changed()

    def action_late(self, newcomer: bool) -> None:
        person = self.circle.arrive(newcomer=newcomer)
        kind = "first-timer" if newcomer else "late arrival"
        self._did(True, f"{person.label}: {kind}, joins this round")
        self.circle_app.counts_changed()

    def action_leave(self) -> None:
        seats = [(p.seat, p.label) for p in self.circle.present]

        def chosen(seat: int | None) -> None:
            if seat is not None:
                self._did(
                    self.circle.leave(seat),
                    f"{self.circle.label(seat)} left (still counted as present)",
                )

        self.app.push_screen(PickSeatScreen("Who is leaving?", seats), chosen)

    def action_end_round(self) -> None:
        rnd = self.circle.round
        if rnd is None:
            return
        waiting = len(rnd.queue) + (rnd.current is not None) + len(rnd.passers_waiting())
        if rnd.complete or not waiting:
            self._did(self.circle.end_round(), "round closed")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._did(self.circle.end_round(), "round ended early")

        self.app.push_screen(
            ConfirmScreen(
                "End this round now?",
                f"{waiting} still to speak will not be invited.",
                yes="End round",
            ),
            answered,
        )

    def action_move_next(self, step: int) -> None:
        queue = self.circle.up_next
        if len(queue) > 1:
            target = queue[step] if step > 0 else queue[-1]
            self._did(self.circle.pick_next(target), f"next: {self.circle.label(target)}")

    def action_fit(self) -> None:
        minutes = self.circle.suggested_minutes()
        if minutes is not None:
            self._did(self.circle.set_share_minutes(minutes), f"{minutes} min each from now on")

    def action_airtime(self) -> None:
        self.show_airtime = not self.show_airtime
        self.refresh_view()

    def action_take_break(self) -> None:
        if self.circle.round is not None and not self.circle.round.complete:
            self.notify("End or finish the round before a break (r).")
            return
        self.circle_app.go_to(Phase.BREAK)

    def action_closing(self) -> None:
        circle = self.circle
        if circle.round is not None and not circle.round.complete:
            self.notify("End or finish the round first (r).")
            return
        if circle.next_spec is None:
            self.circle_app.go_to(Phase.CLOSING)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.circle_app.go_to(Phase.CLOSING)

        self.app.push_screen(
            ConfirmScreen(
                "Go to closing now?",
                f"{circle.rounds_left} planned rounds will be skipped.",
                yes="Go to closing",
            ),
            answered,
        )

    def action_order(self) -> None:
        if self.circle.round is None:
            self.mode = MODES[(MODES.index(self.mode) + 1) % len(MODES)]
            self.refresh_view()

    def action_direction(self) -> None:
        if self.circle.round is None:
            self.clockwise = not self.clockwise
            self.refresh_view()

    def action_start_seat(self, step: int) -> None:
        seats = [p.seat for p in self.circle.present]
        if self.circle.round is None and seats:
            i = seats.index(self.start_seat) if self.start_seat in seats else 0
            self.start_seat = seats[(i + step) % len(seats)]
            self.refresh_view()
