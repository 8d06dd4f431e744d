"""Rounds: who speaks, who is next, a big timer with gentle cues, and every correction key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from circle_tui.core.circle import Action
from circle_tui.core.order import OrderMode
from circle_tui.core.plan import Phase
from circle_tui.core.timer import TimerState, TurnTimer, format_seconds, turn_cue
from circle_tui.i18n import N_, _, ngettext
from circle_tui.ui.keys import hint_items, keyed
from circle_tui.ui.screens.base import WIDE, PhaseScreen
from circle_tui.ui.screens.confirm import ConfirmScreen, PickScreen, PickSeatScreen
from circle_tui.ui.widgets.airtime import AirtimeBars
from circle_tui.ui.widgets.keys_bar import KeyHints, KeysBar
from circle_tui.ui.widgets.lines import set_text
from circle_tui.ui.widgets.speaker_name import SpeakerName
from circle_tui.ui.widgets.timer_face import TimerFace
from circle_tui.ui.widgets.title_bar import TitleBar


def clock_text(seconds: float) -> str:
    """`h:mm` for the session clock."""
    minutes = int(max(0, seconds) // 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


#: Each key's action and the circle's action it stands for: the circle says whether it is
#: possible now (`Circle.can`), and `check_action` only looks it up. Where one key does two
#: things, the first binding that works takes it: ← undoes, else goes back to the agreements.
ACTIONS = {
    "start_timer": Action.START_TIMER,
    "next_speaker": Action.NEXT_SPEAKER,
    "start_picked": Action.START_PICKED,
    "close_round": Action.CLOSE_ROUND,
    "start_round": Action.START_ROUND,
    "all_done": Action.FINISH_ROUNDS,
    "pause": Action.PAUSE,
    "resume": Action.RESUME,
    "pass_turn": Action.PASS,
    "add_minute": Action.ADD_MINUTE,
    "remove_minute": Action.REMOVE_MINUTE,
    "undo": Action.UNDO,
    "back_to_agreements": Action.BACK_TO_AGREEMENTS,
    "late": Action.ARRIVE,
    "away": Action.AWAY,
    "came_back": Action.COME_BACK,
    "end_round": Action.END_ROUND,
    "choose_next": Action.CHOOSE_NEXT,
    "fit": Action.ACCEPT_FIT,
    "panel": Action.TOGGLE_PANEL,
    "room_timer": Action.ROOM_TIMER,
    "order": Action.ORDER_MODE,
    "direction": Action.DIRECTION,
    "start_seat": Action.START_SEAT,
    "seats": Action.EDIT_SEATS,
    "skip_round": Action.SKIP_ROUND,
    "more_round": Action.ADD_ROUND,
    "take_break": Action.BREAK,
    "closing": Action.CLOSE_EARLY,
}


class RoundsScreen(PhaseScreen):
    phase = Phase.ROUNDS
    BINDINGS = [
        Binding("enter,right", "start_timer", N_("Start the timer"), id="start-timer"),
        Binding("enter,right", "next_speaker", N_("Next speaker"), id="next-speaker"),
        Binding("enter,right", "start_picked", N_("Start their turn"), id="start-picked"),
        Binding("enter", "close_round", N_("Close the round"), id="close-round"),
        Binding("enter", "start_round", N_("Start the round"), id="start-round"),
        Binding("enter", "all_done", N_("Go to closing"), id="all-done"),
        Binding("space", "pause", N_("Pause"), id="pause"),
        # The same key, named for what it does now: the footer never says "Pause" while paused.
        Binding("space", "resume", N_("Resume"), id="resume"),
        Binding("p", "pass_turn", N_("Pass"), id="pass"),
        Binding("plus,equals_sign", "add_minute", N_("+1 min"), key_display="+", id="add-minute"),
        Binding("minus", "remove_minute", N_("-1 min"), key_display="-", id="remove-minute"),
        Binding("backspace,left", "undo", N_("Undo"), id="undo"),
        Binding(
            "backspace,left", "back_to_agreements", N_("Back to the agreements"), id="agreements"
        ),
        Binding("a", "late(False)", N_("Late arrival"), id="late"),
        Binding("n", "late(True)", N_("Late first-timer"), show=False, id="late-first-timer"),
        Binding(
            "l",
            "away",
            N_("Steps out or leaves"),
            tooltip=N_("asks who, then: steps out (may come back) or leaves for the night"),
            id="away",
        ),
        Binding("k", "came_back", N_("Came back"), id="came-back"),
        Binding("r", "end_round", N_("End round"), id="end-round"),
        Binding(
            "t",
            "room_timer",
            N_("TV timer"),
            tooltip=N_("hide or show the countdown on the room view, for this turn only"),
            id="room-timer",
        ),
        Binding("down", "choose_next(1)", N_("Choose who is next"), show=False, id="next-down"),
        Binding("up", "choose_next(-1)", N_("Choose who is next (back)"), show=False, id="next-up"),
        Binding("f", "fit", N_("Accept fit-to-time"), show=False, id="fit"),
        Binding(
            "h",
            "panel",
            N_("Hide/show the facilitator panel"),
            tooltip=N_("who passed, stepped out or left; airtime"),
            show=False,
            id="panel",
        ),
        Binding("o", "order", N_("Order mode"), id="order"),
        Binding("d", "direction", N_("Direction"), id="direction"),
        Binding(
            "left_square_bracket",
            "start_seat(-1)",
            N_("Start seat back"),
            key_display="[",
            id="seat-back",
        ),
        Binding(
            "right_square_bracket",
            "start_seat(1)",
            N_("Start seat on"),
            key_display="]",
            id="seat-on",
        ),
        Binding(
            "e",
            "seats",
            N_("Seats"),
            tooltip=N_("the seat editor: room order, names, first-timers"),
            id="seats",
        ),
        Binding("s", "skip_round", N_("Skip this round"), id="skip-round"),
        Binding("m", "more_round", N_("One more round"), id="more-round"),
        Binding("b", "take_break", N_("Break"), id="break"),
        Binding("c", "closing", N_("Go to closing"), id="closing"),
    ]

    _last_view: tuple | None = None
    _rang_for: object | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="round-bar"):
            yield Static("", id="round-label")
            yield Static("", id="session-clock")
        with Horizontal(id="stage"):
            with Vertical(id="now"):
                yield Static("", id="speaker-label", classes="hint")
                yield SpeakerName(id="speaker")
                yield TimerFace(id="timer")
                yield Static("", id="timer-hidden", classes="hint")
                yield Static("", id="between")
                yield KeyHints(id="between-keys")
            with VerticalScroll(id="queue"):
                yield Static("", id="queue-text")
                # The facilitator's own: who passed, who left, airtime. `h` hides it, and it
                # starts hidden while the room may be looking at this screen (room_safe).
                with Vertical(id="facilitator"):
                    yield Static("", id="facilitator-text")
                    yield AirtimeBars(id="airtime")
                yield Static("", id="panel-hint", classes="hint")
        yield Static("", id="suggestion", classes="hint")
        yield Static("", id="said", classes="hint")
        yield KeysBar()

    def on_resize(self) -> None:
        self.query_one(TimerFace).set_wide(self.size.width >= WIDE)
        self.refresh_view()

    # -- which keys work now ---------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        circle = self.session.circle
        if circle is None or circle.phase is not Phase.ROUNDS or action not in ACTIONS:
            return True
        return circle.can(ACTIONS[action])

    # -- rendering ----------------------------------------------------------------------
    def refresh_view(self) -> None:
        """Redraw everything; called after every change. Time alone only needs `tick`."""
        circle = self.circle
        set_text(self.query_one("#round-label", Static), circle.round_label())
        running = circle.in_turn
        self.query_one("#timer", TimerFace).display = running
        self.query_one(SpeakerName).display = running
        self.query_one("#between", Static).display = not running
        self.query_one("#between-keys", KeyHints).display = not running
        if running:
            rnd = circle.round
            assert rnd is not None
            label = _("coming back to") if rnd.coming_back else _("now speaking")
            if rnd.spec.prompt:
                label = f"“{rnd.spec.question}”\n\n{label}"
            set_text(self.query_one("#speaker-label", Static), label)
            self.query_one(SpeakerName).show(circle.label(circle.current), self.size.width >= WIDE)
        self._render_hidden_note()
        if not running:
            self._render_between()
        self._render_queue()
        self.tick(force=True)
        self.wake_at_next_change()

    def countdown(self) -> TurnTimer | None:
        circle = self.session.circle
        return circle.timer if circle else None

    def tick(self, force: bool = False) -> None:
        """What changes with time alone: the countdown and its cue, the session clock, the
        fit-to-time suggestion. Redrawn only when the text changes."""
        circle = self.session.circle
        if circle is None:
            return
        state = circle.timer_state()
        remaining = circle.timer.remaining() if circle.timer else 0.0
        silence = circle.timer.silence_left() if circle.timer else 0.0
        running = circle.in_turn
        suggestion = self._fit_text() if running else ""
        elapsed = clock_text(circle.session_elapsed())
        view = (
            format_seconds(remaining),
            format_seconds(silence),
            state,
            elapsed,
            suggestion,
            running,
        )
        if view == self._last_view and not force:
            return
        fit_changed = self._last_view is None or self._last_view[4] != suggestion
        self._last_view = view
        set_text(
            self.query_one("#session-clock", Static),
            _("session {elapsed} of {planned} · ends {time}").format(
                elapsed=elapsed,
                planned=clock_text(circle.session_minutes * 60),
                time=f"{circle.ends_at():%H:%M}",
            ),
        )
        if running:
            self._render_turn()
        set_text(self.query_one("#suggestion", Static), suggestion)
        if fit_changed:
            self.refresh_keys()
        self._maybe_ring(state)

    def _fit_text(self) -> str:
        """The fit-to-time line: the limits that end on time, spread over the rounds left
        and taking effect from the next speaker; or, when even the shortest shares run
        late, the round to skip or shorten."""
        circle = self.circle
        fit = circle.fit_suggestion()
        if fit is None or not circle.fit_changes_limits():
            return ""
        later = ", ".join(str(m) for m in fit.minutes[1:])
        if fit.on_time:
            text = (
                _("fit to time: {minutes} min each from the next speaker, then {later} min")
                if later
                else _("fit to time: {minutes} min each from the next speaker")
            ).format(minutes=fit.minutes[0], later=later)
            return text + " — " + _("f to accept")
        specs = [
            circle.round.spec if circle.round else None,
            *circle.plan[circle.round_index + 1 :],
        ]
        cut = specs[fit.cut] if fit.cut is not None else None
        text = _("running late even at the shortest shares ({minutes} min each)").format(
            minutes=fit.minutes[0]
        )
        if cut is not None:
            text += " — " + (
                _("shorten this round")
                if fit.cut == 0
                else _("skip the {round}").format(round=cut.title)
            )
        return text + " — " + _("f to accept the shortest")

    def _render_turn(self) -> None:
        timer = self.circle.timer
        if timer is not None:
            cue = turn_cue(timer)  # the room view's cue comes from the same function
            words = cue.words
            if timer.untimed and cue.state is TimerState.RUNNING:
                words = _("untimed · time taken so far")
            self.query_one(TimerFace).show(cue.clock, cue.state, words)

    def _render_hidden_note(self) -> None:
        """Under the timer, when the room sees no countdown this turn: the facilitator
        knows the TV is showing only the name."""
        circle = self.circle
        note = ""
        if circle.in_turn and circle.timer is not None:
            if circle.timer.untimed:
                note = _("untimed round: no timer on the room view")
            elif circle.room_timer_hidden:
                note = _("timer hidden on the room view this turn — t shows it")
        widget = self.query_one("#timer-hidden", Static)
        widget.display = bool(note)
        set_text(widget, note)

    def _render_between(self) -> None:
        circle = self.circle
        set_text(self.query_one("#speaker-label", Static), "")
        spec = circle.next_spec
        rnd = circle.round
        keys: list[list[tuple[str, str]]]
        if rnd is not None and rnd.choosing:
            picked = circle.label(rnd.next_up)
            prompt = f"“{rnd.spec.question}”\n\n" if rnd.spec.prompt else ""
            text = prompt + _("Popcorn: who speaks next?") + f"\n\n→ {picked}"
            keys = [hint_items(self, "next-down", "start-picked")]
        elif rnd is not None and rnd.complete:
            text = _("This round is complete.")
            keys = [hint_items(self, "close-round", "undo", "late")]
        elif spec is None:
            text = _("All rounds are done.")
            keys = [hint_items(self, "all-done", "break", "undo")]
        else:
            order = circle.next_order
            how = order.mode.label
            if order.mode is OrderMode.AROUND and circle.start_seat is not None:
                how = _("{mode}, {start}, {direction}").format(
                    mode=how,
                    start=circle.participant(circle.start_seat).phrase(
                        N_("from {who}"), N_("from Seat {n}")
                    ),
                    direction=_("clockwise") if order.clockwise else _("anticlockwise"),
                )
            prompt = f"\n“{spec.question}”" if spec.prompt else ""
            next_round = (
                _("Next: {round}, untimed (about {minutes} min each)")
                if spec.untimed
                else _("Next: {round}, {minutes} min each")
            )
            text = (
                next_round.format(round=spec.title, minutes=spec.minutes)
                + f"{prompt}\n"
                + _("Order: {how}").format(how=how)
                + self._begins_line()
                + f"\n{self._fit_line()}"
            )
            keys = [
                hint_items(self, "start-round", "order", "direction", "seat-back", "seat-on"),
                hint_items(self, "seats", "skip-round", "more-round", "break", "closing"),
            ]
        set_text(self.query_one("#between", Static), text)
        self.query_one("#between-keys", KeyHints).show(*keys)

    def _begins_line(self) -> str:
        """With start-seat rotation on, who begins and why: the room's turn to begin moves on."""
        circle = self.circle
        if circle.next_order.mode is not OrderMode.AROUND or circle.start_seat is None:
            return ""
        if circle.rotate_start == "off":
            return ""
        who = circle.participant(circle.start_seat).phrase(
            N_("{who} begins"), N_("Seat {n} begins")
        )
        if circle.start_rotated:
            why = _("one seat on from the last round")
        elif circle.next_order.start_seat == circle.start_seat:
            why = _("chosen for this round with [ and ]")
        else:
            why = _("each round then begins one seat on")
        return f"\n{who} — {why}"

    def _fit_line(self) -> str:
        """Whether the rounds still planned fit in the time left, at their limits."""
        circle = self.circle
        needed = circle.plan_minutes_left()
        left = max(0, int(circle.session_left() // 60))
        rounds = circle.rounds_left
        if needed <= left:
            return ngettext(
                "The {n} round left fits: about {needed} of {left} min.",
                "The {n} rounds left fit: about {needed} of {left} min.",
                rounds,
            ).format(n=rounds, needed=needed, left=left)
        return ngettext(
            "The {n} round left needs about {needed} min, {more} more than the {left} left.",
            "The {n} rounds left need about {needed} min, {more} more than the {left} left.",
            rounds,
        ).format(n=rounds, needed=needed, more=needed - left, left=left)

    def _render_queue(self) -> None:
        """The queue for anyone to see; who passed or left and the airtime only in the
        facilitator's panel, while it is shown."""
        circle = self.circle
        view = circle.queue_view()
        queue: list[Content] = []
        panel: list[Content] = []

        def section(parts: list[Content], title: str, labels: list[str]) -> None:
            parts.append(Content.styled(title, "bold"))
            parts.extend(Content(f"  {label}") for label in labels)

        rnd = circle.round
        if rnd is not None:
            section(
                queue,
                _("up next"),
                [
                    ("→ " if s == rnd.next_up and len(view.up_next) > 1 else "") + circle.label(s)
                    for s in view.up_next
                ]
                or ["—"],
            )
            if view.spoken:
                section(queue, _("spoken"), [circle.label(s) for s in view.spoken])
        set_text(self.query_one("#queue-text", Static), Content("\n").join(queue))
        shown = circle.show_panel
        self.query_one("#facilitator").display = shown
        set_text(
            self.query_one("#panel-hint", Static),
            "" if shown else _("h: passed, stepped out, left, airtime"),
        )
        if not shown:
            return
        if view.passed:
            again = " " + _("(again at end)")
            section(panel, _("passed"), [circle.label(s) + again * w for s, w in view.passed])
        out = circle.stepped_out
        if out:
            section(panel, _("stepped out"), [p.label for p in out])
        if view.left:
            section(panel, _("left"), [circle.label(s) for s in view.left])
        if circle.airtime:
            panel.append(Content.styled(_("airtime"), "bold"))
        set_text(self.query_one("#facilitator-text", Static), Content("\n").join(panel))
        airtime = self.query_one("#airtime", AirtimeBars)
        airtime.display = bool(circle.airtime)
        if airtime.display:
            airtime.show([(p.label, circle.airtime.get(p.seat, 0.0)) for p in circle.participants])

    def _maybe_ring(self, state: TimerState) -> None:
        if (
            state is TimerState.TIME
            and self.session.settings.bell
            and self._rang_for is not self.circle.timer
        ):
            self._rang_for = self.circle.timer
            self.app.bell()

    def said(self, ok: bool, text: str) -> None:
        """What the last key did, in a line under the stage."""
        set_text(self.query_one("#said", Static), text if ok else "")

    # -- actions ----------------------------------------------------------------------
    def action_start_timer(self) -> None:
        self.said(self.circle.next_speaker(), _("timer started"))

    def action_next_speaker(self) -> None:
        self.said(self.circle.next_speaker(), _("next speaker"))

    def action_close_round(self) -> None:
        self.said(self.circle.end_round(), _("round closed"))

    def action_start_round(self) -> None:
        self.said(
            self.circle.start_round(), keyed(_("round started — {enter} starts the first timer"))
        )

    def action_pause(self) -> None:
        timer = self.circle.timer
        was_paused = timer is not None and timer.is_paused
        self.said(self.circle.toggle_pause(), _("resumed") if was_paused else _("paused"))

    def action_resume(self) -> None:
        self.action_pause()

    def action_pass_turn(self) -> None:
        circle = self.circle
        # Who passed is the facilitator's to know: named only while their panel is shown.
        said = (
            _("{who} passed — the turn moves on").format(who=circle.label(circle.current))
            if circle.show_panel
            else _("passed — the turn moves on")
        )
        self.said(circle.pass_turn(), said)

    def action_room_timer(self) -> None:
        circle = self.circle
        ok = circle.toggle_room_timer()
        self.said(
            ok,
            _("the room view shows no timer for this turn")
            if circle.room_timer_hidden
            else _("the room view shows the timer again"),
        )

    def action_add_minute(self) -> None:
        self.said(self.circle.add_minute(), _("+1 minute for this turn"))

    def action_remove_minute(self) -> None:
        ok = self.circle.remove_minute()
        self.said(
            True, _("−1 minute for this turn") if ok else _("a turn keeps at least one minute")
        )

    def action_undo(self) -> None:
        undone = self.circle.undo()
        self.said(
            True, _("undone: {what}").format(what=_(undone)) if undone else _("nothing to undo")
        )

    def action_back_to_agreements(self) -> None:
        if self.circle.can(Action.BACK_TO_AGREEMENTS):
            self.circle.go_to(Phase.AGREEMENTS)

    def action_late(self, newcomer: bool) -> None:
        """A late arrival: where do they sit? (enter: at the end)."""
        circle = self.circle
        present = circle.present
        options = [
            (
                "",
                present[-1].phrase(N_("at the end, after {who}"), N_("at the end, after Seat {n}"))
                if present
                else _("at the end"),
            )
        ]
        options += [
            (str(p.seat), p.phrase(N_("after {who}"), N_("after Seat {n}"))) for p in present[:-1]
        ]

        def placed(where: str | None) -> None:
            if where is None:
                return
            circle = self.circle
            person = circle.arrive(newcomer=newcomer, after=int(where) if where else None)
            said = (
                _("{who}: first-timer, joins this round")
                if newcomer and circle.show_panel
                else _("{who}: late arrival, joins this round")
            )
            self.said(True, said.format(who=person.label))

        self.app.push_screen(PickScreen(_("Where do they sit?"), options), placed)

    def action_away(self) -> None:
        """Someone steps out (and may come back) or leaves for the night: who, then which."""
        seats = [(p.seat, p.label) for p in self.circle.present]

        def chosen(seat: int | None) -> None:
            if seat is None:
                return
            label = self.circle.label(seat)
            options = [
                ("out", _("steps out, may come back")),
                ("leave", _("leaves for the night")),
            ]
            # Who stepped out or left is the facilitator's to know: named under the stage
            # only while their panel is shown.
            who = label if self.circle.show_panel else _("someone")

            def which(answer: str | None) -> None:
                circle = self.circle
                if answer == "out":
                    self.said(
                        circle.step_out(seat),
                        _("{who} stepped out (k when they are back)").format(who=who),
                    )
                elif answer == "leave":
                    self.said(
                        circle.leave(seat),
                        _("{who} left (still counted as present)").format(who=who),
                    )

            self.app.push_screen(PickScreen(f"{label}:", options), which)

        self.app.push_screen(PickSeatScreen(_("Who?"), seats), chosen)

    def action_came_back(self) -> None:
        """Someone who stepped out is back: never counted twice, offered a turn they missed."""
        seats = [(p.seat, p.label) for p in self.circle.stepped_out]

        def chosen(seat: int | None) -> None:
            if seat is not None:
                circle = self.circle
                who = circle.label(seat) if circle.show_panel else _("someone")
                self.said(circle.come_back(seat), _("{who} is back").format(who=who))

        self.app.push_screen(PickSeatScreen(_("Who came back?"), seats), chosen)

    def action_end_round(self) -> None:
        rnd = self.circle.round
        if rnd is None:
            return
        waiting = rnd.still_to_speak()
        if rnd.complete or not waiting:
            self.said(self.circle.end_round(), _("round closed"))
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.said(self.circle.end_round(), _("round ended early"))

        # The one speaking now has been invited; those after them have not.
        others = waiting - (1 if self.circle.in_turn else 0)
        self.app.push_screen(
            ConfirmScreen(
                _("End this round now?"),
                ngettext(
                    "{n} person still to speak will not be invited.",
                    "{n} people still to speak will not be invited.",
                    others,
                ).format(n=others)
                if others
                else "",
                yes=_("End round"),
            ),
            answered,
        )

    def action_choose_next(self, step: int) -> None:
        circle = self.circle
        if circle.choose_next(step):
            who = circle.label(circle.round.next_up if circle.round else None)
            self.said(True, _("next: {who}").format(who=who))

    def action_start_picked(self) -> None:
        self.said(self.circle.start_picked(), _("their turn begins"))

    def action_seats(self) -> None:
        from circle_tui.ui.screens.seat_editor import SeatEditorScreen

        self.app.push_screen(SeatEditorScreen())

    def action_skip_round(self) -> None:
        spec = self.circle.next_spec
        name = spec.title if spec else ""
        self.said(
            self.circle.skip_next_round(),
            keyed(_("the {round} is skipped ({backspace}: undo)"), round=name),
        )

    def action_more_round(self) -> None:
        self.said(self.circle.add_round(), _("one more round added"))

    def action_fit(self) -> None:
        fit = self.circle.fit_suggestion()
        if fit is not None:
            self.said(
                self.circle.accept_fit(),
                _("{minutes} min each from the next speaker on").format(minutes=fit.minutes[0]),
            )

    def action_panel(self) -> None:
        self.circle.toggle_panel()

    def action_take_break(self) -> None:
        self.circle.go_to(Phase.BREAK)

    def action_all_done(self) -> None:
        """Every planned round is done: on to the closing, nothing to ask."""
        if self.circle.can(Action.FINISH_ROUNDS):
            self.session.to_closing()

    def action_closing(self) -> None:
        """To the closing with rounds still planned: asks first, and holds the closing round."""
        circle = self.circle
        if not circle.can(Action.CLOSE_EARLY):
            self.action_all_done()
            return
        closing = circle.closing_round
        if closing == circle.round_index:
            closing = None  # the closing round is next: going on skips it, if asked twice
        skipped = circle.rounds_left - (1 if closing is not None else 0)

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            if closing is not None:
                self.said(self.circle.to_closing_round(), _("on to the closing round"))
            else:
                self.session.to_closing()

        question = (
            _("Go to the closing round now?") if closing is not None else _("Go to closing now?")
        )
        self.app.push_screen(
            ConfirmScreen(
                question,
                ngettext(
                    "{n} planned round will be skipped.",
                    "{n} planned rounds will be skipped.",
                    skipped,
                ).format(n=skipped),
                yes=_("Go on"),
            ),
            answered,
        )

    def action_order(self) -> None:
        self.circle.cycle_order_mode()

    def action_direction(self) -> None:
        self.circle.toggle_direction()

    def action_start_seat(self, step: int) -> None:
        self.circle.move_start_seat(step)
