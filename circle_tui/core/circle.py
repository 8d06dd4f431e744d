"""The live circle: arrivals, rounds, turns and their timers, with undo for every action."""

from __future__ import annotations

import io
import pickle
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import Enum
from functools import wraps
from typing import Any, Generic, TypeVar, overload

from circle_tui.core.clock import Clock, MonotonicClock
from circle_tui.core.order import OrderMode, rotated_start, speaking_order
from circle_tui.core.people import Participant, clean_name
from circle_tui.core.plan import BREAK_MINUTES, Fit, Phase, RoundLoad, floor_minutes, spread_cut
from circle_tui.core.rounds import Outcome, Round, RoundSpec
from circle_tui.core.timer import TimerState, TurnTimer
from circle_tui.i18n import N_, _

UNDO_DEPTH = 500

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def undoable(description: str) -> Callable[[F], F]:
    """Snapshot the circle before an action so `undo` can restore it exactly, and tell
    whoever watches the circle once the action has changed it."""

    def decorate(method: F) -> F:
        @wraps(method)
        def wrapper(self: Circle, *args: Any, **kwargs: Any) -> Any:
            snapshot = self._snapshot()
            result = method(self, *args, **kwargs)
            if result is not False:
                self._undo.append((description, snapshot, self.phase))
                del self._undo[:-UNDO_DEPTH]
                self._changed()
            return result

        return wrapper  # type: ignore[return-value]

    return decorate


class _SharedClockPickler(pickle.Pickler):
    """Pickles a circle's state, but not its clock: timers in a snapshot keep the live one."""

    def __init__(self, out: io.BytesIO, clock: Clock) -> None:
        super().__init__(out, protocol=pickle.HIGHEST_PROTOCOL)
        self.clock = clock

    def persistent_id(self, obj: object) -> str | None:
        return "clock" if obj is self.clock else None


class _SharedClockUnpickler(pickle.Unpickler):
    def __init__(self, data: io.BytesIO, clock: Clock) -> None:
        super().__init__(data)
        self.clock = clock

    def persistent_load(self, pid: object) -> Clock:
        return self.clock


class Action(Enum):
    """What the facilitator can do during the rounds. `Circle.can` is the one place that says
    whether each is possible now: the actions check it, and the screen's keys follow it."""

    START_TIMER = "start timer"  # the invited person's timer is still waiting
    NEXT_SPEAKER = "next speaker"
    START_PICKED = "start picked"  # popcorn: invite the one chosen
    PASS = "pass"
    PAUSE = "pause"
    RESUME = "resume"
    ADD_MINUTE = "add minute"
    REMOVE_MINUTE = "remove minute"
    CHOOSE_NEXT = "choose next"
    ACCEPT_FIT = "accept fit"
    END_ROUND = "end round"  # early: people are still to speak
    CLOSE_ROUND = "close round"  # everyone has had their turn
    START_ROUND = "start round"
    SKIP_ROUND = "skip round"
    ADD_ROUND = "add round"
    ORDER_MODE = "order mode"
    DIRECTION = "direction"
    START_SEAT = "start seat"
    EDIT_SEATS = "edit seats"
    BREAK = "break"
    CLOSE_EARLY = "close early"  # to the closing with rounds still planned
    FINISH_ROUNDS = "finish rounds"  # every planned round is done: on to the closing
    ARRIVE = "arrive"
    AWAY = "away"  # someone steps out or leaves
    COME_BACK = "come back"
    UNDO = "undo"
    BACK_TO_AGREEMENTS = "back to agreements"
    TOGGLE_PANEL = "toggle panel"
    ROOM_TIMER = "room timer"  # hide or show the room view's countdown for this turn


@dataclass(frozen=True)
class Counts:
    present: int
    newcomers: int
    returning: int = 0  # here for the second time


@dataclass(frozen=True)
class NextOrder:
    """How the next round will go around: chosen between rounds, kept across breaks."""

    mode: OrderMode = OrderMode.AROUND
    clockwise: bool = True
    start_seat: int | None = None  # None: the first seat in the room


@dataclass
class CarePause:
    """The whole circle stops together: for someone in distress, or to breathe."""

    silence: TurnTimer | None  # an optional calm countdown
    held: list[TurnTimer]  # countdowns that were running: they go on exactly where they were
    resources: bool = False  # the resources card and its code are shown


@dataclass(frozen=True)
class QueueView:
    """This round as the facilitator's side panel lists it (never shown to the room)."""

    up_next: list[int]
    passed: list[tuple[int, bool]]  # seat, and whether the come-back offer is still to come
    spoken: list[int]
    left: list[int]


@dataclass
class CircleState:
    """What the circle's actions change and undo puts back, all of it and nothing else: a
    new attribute of `Circle` (a callback, a lock, a setting) is not undone unless it is
    added here, and cannot break an undo by not being copyable."""

    plan: list[RoundSpec]
    participants: list[Participant] = field(default_factory=list)
    present_adjust: int = 0
    newcomer_adjust: int = 0
    returning_adjust: int = 0
    round_index: int = 0  # index into plan of the current or next round
    round: Round | None = None
    timer: TurnTimer | None = None
    airtime: dict[int, float] = field(default_factory=dict)
    next_order: NextOrder = field(default_factory=NextOrder)
    #: The seat that began the last round around the circle: the rotation moves on from it.
    last_start: int | None = None


class _InState(Generic[T]):
    """An attribute of `Circle` that lives in its `CircleState`: read and written as before."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, circle: None, owner: type) -> _InState[T]: ...
    @overload
    def __get__(self, circle: Circle, owner: type) -> T: ...
    def __get__(self, circle: Circle | None, owner: type) -> T | _InState[T]:
        return self if circle is None else getattr(circle.state, self.name)

    def __set__(self, circle: Circle, value: T) -> None:
        setattr(circle.state, self.name, value)


class Circle:
    """Everything about tonight's circle that lives in memory, and nothing that is said.

    Screens call the actions and re-render from the readings. Each action either changes
    the circle and can be undone, or returns False and changes nothing. Moving through the
    circle (phase, the card being read, a silence, a break, what the facilitator's panel
    shows) is not undone, but watchers are told of it all the same.
    """

    # The undoable state (`self.state`), by its usual names.
    plan: _InState[list[RoundSpec]] = _InState()
    participants: _InState[list[Participant]] = _InState()
    present_adjust: _InState[int] = _InState()
    newcomer_adjust: _InState[int] = _InState()
    returning_adjust: _InState[int] = _InState()
    round_index: _InState[int] = _InState()
    round: _InState[Round | None] = _InState()
    timer: _InState[TurnTimer | None] = _InState()
    airtime: _InState[dict[int, float]] = _InState()
    next_order: _InState[NextOrder] = _InState()
    last_start: _InState[int | None] = _InState()

    def __init__(
        self,
        plan: Sequence[RoundSpec],
        *,
        clock: Clock | None = None,
        wall: Callable[[], datetime] = datetime.now,
        rng: random.Random | None = None,
        warning_seconds: int = 60,
        silence_seconds: int = 0,
        session_minutes: int = 120,
        agreement_cards: int = 1,
        show_panel: bool = True,
        rotate_start: str = "off",
        break_minutes: int = BREAK_MINUTES,
    ) -> None:
        self.clock: Clock = clock or MonotonicClock()
        self.wall = wall
        self.rng = rng or random.Random()
        #: (what was done, the state before it, the phase it was done in)
        self._undo: list[tuple[str, bytes, Phase]] = []
        self._watchers: list[Callable[[], None]] = []
        self.state = CircleState(list(plan))
        self.warning_seconds = warning_seconds
        self.silence_seconds = silence_seconds
        self.session_minutes = session_minutes
        self.break_minutes = break_minutes
        #: Start-seat rotation ("off", "next-seat", "next-seat-and-direction"); the seat that
        #: began the last round around the circle is state (`last_start`).
        self.rotate_start = rotate_start
        self.started_at = wall()
        self.started_mono = self.clock.now()
        #: The room view shows no countdown for this turn (the console still does): a view
        #: of the turn, like the panel, not undone.
        self.room_timer_hidden = False
        # Moving through the circle:
        self.phase = Phase.ARRIVALS
        self.agreement_cards = max(1, agreement_cards)  # the last one is "Do we agree?"
        self.card = 0
        self.reader_rotation = False
        self.silence: TurnTimer | None = None
        self.break_timer: TurnTimer | None = None
        #: The facilitator's panel (who passed, who left, airtime): hidden while the room
        #: may be looking at the console.
        self.show_panel = show_panel
        self.closing_code = "feedback"  # or "resources": the code shown at closing
        self.care: CarePause | None = None

    # -- watchers and undo ---------------------------------------------------------
    def watch(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call `callback` after every change; returns the function that stops it."""
        self._watchers.append(callback)
        return lambda: self._watchers.remove(callback) if callback in self._watchers else None

    def _changed(self) -> None:
        for callback in list(self._watchers):
            callback()

    def _snapshot(self) -> bytes:
        """The state as pickled bytes, the clock kept by reference: a fifth of the memory of a
        deep copy and twice as quick, which counts with up to UNDO_DEPTH of them held. The
        bytes stay in this object's memory (never written, so names never reach a disk) and
        only ever load what this circle dumped."""
        out = io.BytesIO()
        _SharedClockPickler(out, self.clock).dump(self.state)
        return out.getvalue()

    def _restore(self, snapshot: bytes) -> None:
        self.state = _SharedClockUnpickler(io.BytesIO(snapshot), self.clock).load()

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_undo_in(self, phase: Phase) -> bool:
        """Whether the last action was taken in `phase`: backspace on the rounds screen must
        not reach back into arrivals and take away people counted there, unseen."""
        return bool(self._undo) and self._undo[-1][2] is phase

    def last_action(self) -> str | None:
        return self._undo[-1][0] if self._undo else None

    def undo(self) -> str | None:
        """Reverse the last action; returns what was undone, or None if nothing was. Only
        what was done in this phase: an undo never reaches back, unseen, into another."""
        if not self.can(Action.UNDO):
            return None
        description, snapshot, _ = self._undo.pop()
        self._restore(snapshot)
        self._changed()
        return description

    # -- people ----------------------------------------------------------------
    @property
    def present(self) -> list[Participant]:
        """Those who have not left for the night, in room order (some may have stepped out)."""
        return [p for p in self.participants if not p.left]

    @property
    def here(self) -> list[Participant]:
        """Those in the room right now, in room order."""
        return [p for p in self.participants if not p.left and not p.out]

    @property
    def stepped_out(self) -> list[Participant]:
        return [p for p in self.participants if p.out and not p.left]

    def participant(self, seat: int) -> Participant:
        for p in self.participants:
            if p.seat == seat:
                return p
        raise KeyError(seat)

    def label(self, seat: int | None) -> str:
        return "" if seat is None else self.participant(seat).label

    def counts(self) -> Counts:
        """Attendance: everyone who came counts as present, including those who left;
        first-timers and second visits never add up to more than those present."""
        present = max(0, len(self.participants) + self.present_adjust)
        newcomers = sum(p.newcomer for p in self.participants) + self.newcomer_adjust
        newcomers = min(present, max(0, newcomers))
        returning = sum(p.returning for p in self.participants) + self.returning_adjust
        return Counts(present, newcomers, min(present - newcomers, max(0, returning)))

    @undoable(N_("arrival"))
    def arrive(
        self,
        newcomer: bool = False,
        name: str | None = None,
        *,
        returning: bool = False,
        after: int | None = None,
    ) -> Participant:
        """Count someone in; they sit after seat `after` in the room (None: at the end)."""
        seat = max((p.seat for p in self.participants), default=0) + 1
        person = Participant(seat, clean_name(name or ""), newcomer, returning=returning)
        seats = [p.seat for p in self.participants]
        place = seats.index(after) + 1 if after in seats else len(seats)
        self.participants.insert(place, person)
        self.renumber()
        if self.phase is Phase.ROUNDS and self.round is not None:
            was_idle = self.round.current is None
            # Around the circle they speak after whoever sits before them in the round's
            # direction: the seat on their left going clockwise, on their right going back.
            room = [p.seat for p in self.participants]
            step = -1 if self.next_order.clockwise else 1
            self.round.join(seat, after=room[(place + step) % len(room)])
            if was_idle and self.round.current is not None:
                self._new_timer(start=False)
        return person

    @undoable(N_("someone left"))
    def leave(self, seat: int) -> bool:
        """Gone for the night: never invited again, still counted as present."""
        person = self.participant(seat)
        if person.left:
            return False
        person.left, person.out = True, False
        if self.round is not None:
            timer_ran = self.timer is not None and self.timer.started
            if self.round.leave(seat):
                self._new_timer(start=timer_ran)
        return True

    @undoable(N_("stepped out"))
    def step_out(self, seat: int) -> bool:
        """Out for a while: skipped in the order, offered the turn at the end if it came."""
        person = self.participant(seat)
        if person.left or person.out:
            return False
        person.out = True
        if self.round is not None:
            timer_ran = self.timer is not None and self.timer.started
            if self.round.step_out(seat):
                self._new_timer(start=timer_ran)
        return True

    @undoable(N_("came back"))
    def come_back(self, seat: int) -> bool:
        """Back in the room: never counted again, offered a turn they missed."""
        person = self.participant(seat)
        if not self.can(Action.COME_BACK) or not person.out:
            return False
        person.out = False
        if self.round is not None:
            was_idle = self.round.current is None
            self.round.come_back(seat)
            if was_idle and self.round.current is not None:
                self._new_timer(start=False)
        return True

    # -- seats in room order ----------------------------------------------------------
    @undoable(N_("seat moved"))
    def move_seat(self, seat: int, step: int) -> bool:
        """Move a seat earlier (-1) or later (+1) around the circle, to match the room."""
        seats = [p.seat for p in self.participants]
        if seat not in seats:
            return False
        i = seats.index(seat)
        j = i + step
        if not 0 <= j < len(seats):
            return False
        people = self.participants
        people[i], people[j] = people[j], people[i]
        self.renumber()
        return True

    def renumber(self) -> None:
        """Unnamed people are "Seat N", N their place around the circle now: after a move
        or a late arrival, on the console and the room view alike. Someone who left keeps
        their chair's number, so nobody else is renamed mid-round when they go."""
        for place, person in enumerate(self.participants, start=1):
            person.place = place

    @undoable(N_("renamed"))
    def rename(self, seat: int, name: str) -> bool:
        """A first name or nickname for a seat, in memory only; blank gives the seat back."""
        person = self.participant(seat)
        cleaned = clean_name(name)
        if cleaned == person.name:
            return False
        person.name = cleaned
        return True

    @undoable(N_("first-timer mark"))
    def toggle_newcomer(self, seat: int) -> bool:
        person = self.participant(seat)
        person.newcomer = not person.newcomer
        if person.newcomer:
            person.returning = False
        return True

    @undoable(N_("count corrected"))
    def adjust_present(self, delta: int) -> bool:
        counts = self.counts()
        if counts.present + delta < counts.newcomers + counts.returning:
            return False
        self.present_adjust += delta
        return True

    @undoable(N_("count corrected"))
    def adjust_newcomers(self, delta: int) -> bool:
        counts = self.counts()
        if not 0 <= counts.newcomers + delta <= counts.present - counts.returning:
            return False
        self.newcomer_adjust += delta
        return True

    @undoable(N_("count corrected"))
    def adjust_returning(self, delta: int) -> bool:
        counts = self.counts()
        if not 0 <= counts.returning + delta <= counts.present - counts.newcomers:
            return False
        self.returning_adjust += delta
        return True

    # -- moving through the circle ----------------------------------------------------
    def go_to(self, phase: Phase) -> bool:
        if phase is self.phase:
            return False
        if self.phase is Phase.ROUNDS and self.timer is not None:
            self.timer.pause()
        self.phase = phase
        self.silence = None  # a silence belongs to the moment it was kept in
        if phase is Phase.BREAK:
            self.break_timer = TurnTimer(self.clock, self.break_minutes * 60)
            self.break_timer.start()
        self._changed()
        return True

    def show_card(self, index: int) -> bool:
        """Agreements: show card `index` (the last is "Do we agree?")."""
        if not 0 <= index < self.agreement_cards or index == self.card:
            return False
        self.card = index
        self._changed()
        return True

    @property
    def on_last_card(self) -> bool:
        return self.card == self.agreement_cards - 1

    def readers(self) -> tuple[int, int] | None:
        """With the reader rotation on: the seats reading this card and the next."""
        here = self.here
        if not self.reader_rotation or not here or self.on_last_card:
            return None
        return (here[self.card % len(here)].seat, here[(self.card + 1) % len(here)].seat)

    def toggle_reader_rotation(self) -> None:
        self.reader_rotation = not self.reader_rotation
        self._changed()

    def start_silence(self, seconds: int) -> None:
        """A calm silence (the opening's "minute to land"), shown on the console and the room."""
        self.silence = TurnTimer(self.clock, seconds)
        self.silence.start()
        self._changed()

    def change_break(self, delta_minutes: int) -> bool:
        if self.break_timer is None:
            return False
        if delta_minutes > 0:
            self.break_timer.add_minute()
        elif not self.break_timer.remove_minute():
            return False
        self._changed()
        return True

    # -- the care pause -----------------------------------------------------------------
    def start_care_pause(self, silence_seconds: int = 0) -> bool:
        """Stop every countdown where it is; nothing about the pause is recorded."""
        if self.care is not None:
            return False
        running = [
            timer
            for timer in (self.timer, self.silence, self.break_timer)
            if timer is not None and timer.started and not timer.is_paused
        ]
        for timer in running:
            timer.pause()
        silence = None
        if silence_seconds > 0:
            silence = TurnTimer(self.clock, silence_seconds)
            silence.start()
        self.care = CarePause(silence, running)
        self._changed()
        return True

    def toggle_care_resources(self) -> bool:
        if self.care is None:
            return False
        self.care.resources = not self.care.resources
        self._changed()
        return True

    def end_care_pause(self) -> bool:
        """The circle goes on exactly where it was: same screen, same turn, same time left."""
        if self.care is None:
            return False
        for timer in self.care.held:
            timer.resume()
        self.care = None
        self._changed()
        return True

    def toggle_panel(self) -> None:
        """The facilitator's panel (passed, left, airtime): shown or hidden, kept across screens."""
        self.show_panel = not self.show_panel
        self._changed()

    def switch_code(self) -> None:
        """Closing: show the other code (feedback ↔ resources), on the console and the room."""
        self.closing_code = "resources" if self.closing_code == "feedback" else "feedback"
        self._changed()

    # -- choosing the next round's order ----------------------------------------------
    @undoable(N_("order mode"))
    def cycle_order_mode(self) -> bool:
        if not self.can(Action.ORDER_MODE):
            return False
        modes = list(OrderMode)
        mode = modes[(modes.index(self.next_order.mode) + 1) % len(modes)]
        self.next_order = replace(self.next_order, mode=mode)
        return True

    @undoable(N_("direction"))
    def toggle_direction(self) -> bool:
        if not self.can(Action.DIRECTION):
            return False
        self.next_order = replace(self.next_order, clockwise=not self.next_order.clockwise)
        return True

    @undoable(N_("start seat"))
    def move_start_seat(self, step: int) -> bool:
        if not self.can(Action.START_SEAT):
            return False
        seats = [p.seat for p in self.present]
        start = self.start_seat
        i = seats.index(start) if start in seats else 0
        self.next_order = replace(self.next_order, start_seat=seats[(i + step) % len(seats)])
        return True

    @property
    def start_seat(self) -> int | None:
        """Where around-the-circle starts: the seat chosen with `[`/`]` while present; else,
        with rotation on, the next person here after whoever began the last round; else
        the first seat."""
        seats = [p.seat for p in self.present]
        chosen = self.next_order.start_seat
        if chosen in seats:
            return chosen
        if self.rotate_start != "off":
            rotated = rotated_start(
                [p.seat for p in self.participants], [p.seat for p in self.here], self.last_start
            )
            if rotated is not None:
                return rotated
        return seats[0] if seats else None

    @property
    def start_rotated(self) -> bool:
        """Whether the next round's start seat comes from the rotation (not from `[`/`]`)."""
        seats = [p.seat for p in self.present]
        return (
            self.rotate_start != "off"
            and self.next_order.start_seat not in seats
            and self.last_start is not None
            and self.start_seat is not None
        )

    # -- rounds -----------------------------------------------------------------------
    @property
    def next_spec(self) -> RoundSpec | None:
        return self.plan[self.round_index] if self.round_index < len(self.plan) else None

    @undoable(N_("round started"))
    def start_round(self) -> bool:
        spec = self.next_spec
        if spec is None or not self.can(Action.START_ROUND):
            return False
        order = speaking_order(
            [p.seat for p in self.present],
            self.next_order.mode,
            start_seat=self.start_seat,
            clockwise=self.next_order.clockwise,
            rng=self.rng,
            airtime=self.airtime,
        )
        self.phase = Phase.ROUNDS
        if self.next_order.mode is OrderMode.AROUND:
            self.last_start = self.start_seat
        away = {p.seat for p in self.stepped_out}
        self.round = Round(
            spec,
            order,
            popcorn=self.next_order.mode is OrderMode.POPCORN,
            away=away,
            around=list(order) if self.next_order.mode is OrderMode.AROUND else None,
        )
        self._new_timer(start=False)
        return True

    @undoable(N_("round ended"))
    def end_round(self) -> bool:
        """Close the current round (early if people are still to speak) and move on."""
        if not (self.can(Action.END_ROUND) or self.can(Action.CLOSE_ROUND)):
            return False
        assert self.round is not None
        if not self.round.complete:
            self._close_turn(Outcome.NOT_REACHED)
            self.round.end_early()
        if self.round.around is not None and self.rotate_start != "off":
            # `[`/`]` chose the start for that round only; the rotation goes on from it.
            turn = self.rotate_start == "next-seat-and-direction"
            clockwise = self.next_order.clockwise != turn
            self.next_order = replace(self.next_order, start_seat=None, clockwise=clockwise)
        self.round = None
        self.timer = None
        self.round_index += 1
        return True

    @property
    def rounds_left(self) -> int:
        return len(self.plan) - self.round_index

    @property
    def closing_round(self) -> int | None:
        """The index of the closing round, while it is still to be held."""
        last = len(self.plan) - 1
        if last >= self.round_index and self.plan[last].closing:
            return last
        return None

    @undoable(N_("round skipped"))
    def skip_next_round(self) -> bool:
        """Between rounds: leave out the next round only."""
        if not self.can(Action.SKIP_ROUND):
            return False
        self.round_index += 1
        return True

    @undoable(N_("round added"))
    def add_round(self) -> bool:
        """Between rounds: one more round like the last sharing round, before the closing."""
        if not self.can(Action.ADD_ROUND):
            return False
        sharing = [spec for spec in self.plan if not spec.closing]
        closing = self.closing_round
        place = closing if closing is not None else len(self.plan)
        self.plan.insert(max(place, self.round_index), replace(sharing[-1], prompt=""))
        return True

    @undoable(N_("to the closing round"))
    def to_closing_round(self) -> bool:
        """Skip what is left of the plan but the closing round, which is always held."""
        closing = self.closing_round
        if not self.can(Action.CLOSE_EARLY) or closing is None or closing == self.round_index:
            return False
        self.round_index = closing
        return True

    def plan_minutes_left(self) -> int:
        """Minutes the rounds still to come would take, at their limits, with everyone here."""
        people = len(self.present)
        return sum(spec.minutes * people for spec in self.plan[self.round_index :])

    @property
    def before_first_round(self) -> bool:
        """No round has started yet: the agreements can still be gone back to."""
        return self.phase is Phase.ROUNDS and self.round is None and self.round_index == 0

    @property
    def between_rounds(self) -> bool:
        return self.round is None

    @property
    def in_turn(self) -> bool:
        """Somebody is invited to speak (the timer may still be waiting)."""
        return self.round is not None and self.round.current is not None

    # -- what is possible now ------------------------------------------------------------
    def can(self, action: Action) -> bool:
        """Whether `action` is possible now: the one rule for it, which the action itself
        checks and the rounds screen's keys (footer, hints, help, palette) follow."""
        rnd, timer = self.round, self.timer
        between = rnd is None
        ticking = self.in_turn and timer is not None and timer.started
        match action:
            case Action.START_TIMER:
                return self.in_turn and timer is not None and not timer.started
            case Action.NEXT_SPEAKER:
                return ticking  # a waiting timer is started first
            case Action.ADD_MINUTE | Action.REMOVE_MINUTE:
                # never changed unseen (waiting), and an untimed turn has no limit to change
                return ticking and timer is not None and not timer.untimed
            case Action.ROOM_TIMER:
                return self.in_turn and timer is not None and not timer.untimed
            case Action.PAUSE | Action.RESUME:
                return (
                    ticking and timer is not None and timer.is_paused is (action is Action.RESUME)
                )
            case Action.PASS:
                return self.in_turn
            case Action.START_PICKED:
                return rnd is not None and rnd.can_start_picked
            case Action.CHOOSE_NEXT:
                return rnd is not None and rnd.can_choose
            case Action.ACCEPT_FIT:
                return self.fit_changes_limits()
            case Action.END_ROUND:
                return rnd is not None and not rnd.complete
            case Action.CLOSE_ROUND:
                return rnd is not None and rnd.complete
            case Action.START_ROUND | Action.SKIP_ROUND | Action.CLOSE_EARLY:
                return between and self.next_spec is not None
            case Action.FINISH_ROUNDS:
                return between and self.next_spec is None
            case Action.ADD_ROUND:
                return between and any(not spec.closing for spec in self.plan)
            case Action.ORDER_MODE | Action.DIRECTION | Action.EDIT_SEATS | Action.BREAK:
                return between
            case Action.START_SEAT:
                # Only around the circle starts somewhere: popcorn, shuffle and fewest
                # minutes first choose their own first speaker.
                return between and self.next_order.mode is OrderMode.AROUND and bool(self.present)
            case Action.AWAY:
                return bool(self.present)
            case Action.COME_BACK:
                return bool(self.stepped_out)
            case Action.UNDO:
                return self.can_undo_in(self.phase)
            case Action.BACK_TO_AGREEMENTS:
                return self.before_first_round
            case Action.ARRIVE | Action.TOGGLE_PANEL:
                return True

    def available(self) -> frozenset[Action]:
        """Every action possible now."""
        return frozenset(action for action in Action if self.can(action))

    # -- turns -----------------------------------------------------------------
    @undoable(N_("next speaker"))
    def next_speaker(self) -> bool:
        """Start the waiting turn, or end the current turn as shared and start the next."""
        if not (self.can(Action.START_TIMER) or self.can(Action.NEXT_SPEAKER)):
            return False
        assert self.timer is not None
        if not self.timer.started:
            self.timer.start()
            return True
        self._finish(Outcome.SHARED)
        return True

    @undoable(N_("pass"))
    def pass_turn(self) -> bool:
        if not self.can(Action.PASS):
            return False
        self._finish(Outcome.PASSED)
        return True

    @undoable(N_("moved up"))
    def pick_next(self, seat: int) -> bool:
        """Make `seat` the next to speak."""
        return self.round is not None and self.round.pick_next(seat)

    @undoable(N_("chose who is next"))
    def choose_next(self, step: int) -> bool:
        """Cycle who goes next through everyone still to speak."""
        return self.round is not None and self.round.choose(step)  # Action.CHOOSE_NEXT's rule

    @undoable(N_("picked"))
    def start_picked(self) -> bool:
        """Popcorn: the chosen person is invited. As around the circle, only the round's
        first turn waits for enter to start its timer; later turns start at once."""
        if self.round is None:
            return False
        first = not self.round.outcomes
        if not self.round.start_picked():  # Action.START_PICKED's rule
            return False
        self._new_timer(start=not first)
        return True

    @property
    def choosing(self) -> bool:
        """Popcorn, between turns: the facilitator picks who speaks next."""
        return self.round is not None and self.round.choosing

    def toggle_room_timer(self) -> bool:
        """Hide the countdown from the room view for this turn, or show it again: for a hard
        share, where a clock on the TV would press. The next turn shows it again."""
        if not self.can(Action.ROOM_TIMER):
            return False
        self.room_timer_hidden = not self.room_timer_hidden
        self._changed()
        return True

    @property
    def room_timer_shown(self) -> bool:
        """Whether the room sees this turn's countdown: not in an untimed round, not hidden."""
        return (
            self.in_turn
            and self.timer is not None
            and not self.timer.untimed
            and not self.room_timer_hidden
        )

    @undoable(N_("pause"))
    def toggle_pause(self) -> bool:
        if self.timer is None or not (self.can(Action.PAUSE) or self.can(Action.RESUME)):
            return False
        self.timer.toggle_pause()
        return True

    @undoable(N_("+1 min"))
    def add_minute(self) -> bool:
        if self.timer is None or not self.can(Action.ADD_MINUTE):
            return False
        self.timer.add_minute()
        return True

    @undoable(N_("−1 min"))
    def remove_minute(self) -> bool:
        return (
            self.timer is not None and self.can(Action.REMOVE_MINUTE) and self.timer.remove_minute()
        )

    def _finish(self, outcome: Outcome) -> None:
        assert self.round is not None
        timer_ran = self.timer is not None and self.timer.started
        self._close_turn(outcome)
        self.round.finish_turn(outcome)
        self._new_timer(start=timer_ran)

    def _close_turn(self, outcome: Outcome) -> None:
        """Airtime counts every second spoken: a shared turn, and a turn still running when
        the round was ended (`r`). A pass is not speaking; pauses never count."""
        if self.round is None or self.round.current is None or self.timer is None:
            return
        if outcome is not Outcome.PASSED:
            seat = self.round.current
            self.airtime[seat] = self.airtime.get(seat, 0.0) + self.timer.elapsed()

    def _new_timer(self, *, start: bool) -> None:
        """A fresh timer for whoever is now invited; it starts at once (after any silence)
        when the previous turn was running, so only a round's first turn waits."""
        if self.round is None or self.round.current is None:
            self.timer = None
            return
        self.timer = TurnTimer(self.clock, self.round.spec.minutes * 60, self.warning_seconds)
        self.timer.untimed = self.round.spec.untimed
        self.room_timer_hidden = False  # hidden for one turn only
        if start:
            self.timer.start(silence_seconds=self.silence_seconds)

    # -- readings ----------------------------------------------------------------
    @property
    def current(self) -> int | None:
        return None if self.round is None else self.round.current

    @property
    def up_next(self) -> list[int]:
        return [] if self.round is None else list(self.round.queue)

    def queue_view(self) -> QueueView:
        rnd = self.round
        left = [p.seat for p in self.participants if p.left]
        if rnd is None:
            return QueueView([], [], [], left)
        waiting = set(rnd.passers_waiting())
        return QueueView(
            up_next=list(rnd.queue),
            passed=[(s, s in waiting) for s, o in rnd.outcomes.items() if o is Outcome.PASSED],
            spoken=[s for s, o in rnd.outcomes.items() if o is Outcome.SHARED],
            left=left,
        )

    def timer_state(self) -> TimerState:
        return TimerState.WAITING if self.timer is None else self.timer.state()

    def resume(self, started_at: datetime, present: int, newcomers: int, returning: int) -> None:
        """Carry on a circle the app lost (a crash, a closed lid): its start as it was, and its
        counts as unnamed seats. Nothing before this can be undone: it was not seen here."""
        self.started_at = started_at
        gone = max(0.0, (self.wall() - started_at).total_seconds())
        self.started_mono = self.clock.now() - gone
        for i in range(present):
            self.arrive(newcomer=i < newcomers, returning=newcomers <= i < newcomers + returning)
        self._undo.clear()

    def session_elapsed(self) -> float:
        return self.clock.now() - self.started_mono

    def session_left(self) -> float:
        return self.session_minutes * 60 - self.session_elapsed()

    def wall_now(self) -> datetime:
        """The start plus the monotonic time since: a clock change or a suspend cannot make
        the session's end time lie."""
        return self.started_at + timedelta(seconds=self.session_elapsed())

    def ends_at(self) -> datetime:
        return self.started_at + timedelta(minutes=self.session_minutes)

    def fit_suggestion(self) -> Fit | None:
        """Fit to time, during a round: per-share limits for the rest of this round (from
        the next speaker: the person speaking keeps their time) and for every round after
        it, the cut spread over them all and never below a round's floor. None while the
        plan fits, or between turns. `Fit.minutes[0]` is this round's, then one per later
        round; `Fit.cut` (an offset the same way) is a round to skip or shorten when even
        the floors run late."""
        rnd = self.round
        if rnd is None or rnd.current is None:
            return None
        people = len(self.present)
        waiting = rnd.still_to_speak() - 1  # after the one invited now
        turn = self.timer.remaining() if self.timer else rnd.spec.minutes * 60.0
        loads = [RoundLoad(rnd.spec.minutes, waiting, _floor(rnd.spec))]
        loads += [
            RoundLoad(spec.minutes, people, _floor(spec))
            for spec in self.plan[self.round_index + 1 :]
        ]
        return spread_cut(self.session_left() - max(0.0, turn), loads)

    def fit_changes_limits(self) -> bool:
        """A suggestion is there, and accepting it would change a limit."""
        fit = self.fit_suggestion()
        if fit is None or self.round is None:
            return False
        specs = [self.round.spec, *self.plan[self.round_index + 1 :]]
        return any(m != spec.minutes for m, spec in zip(fit.minutes, specs, strict=True))

    @undoable(N_("fit to time"))
    def accept_fit(self) -> bool:
        """Accept the suggestion: new limits for this round's next speakers and the rounds
        after it. The turn under way keeps its own limit."""
        fit = self.fit_suggestion()
        if fit is None or self.round is None or not self.can(Action.ACCEPT_FIT):
            return False
        changed = False
        if fit.minutes[0] != self.round.spec.minutes:
            self.round.spec = replace(self.round.spec, minutes=fit.minutes[0])
            changed = True
        for offset, minutes in enumerate(fit.minutes[1:], start=1):
            index = self.round_index + offset
            if self.plan[index].minutes != minutes:
                self.plan[index] = replace(self.plan[index], minutes=minutes)
                changed = True
        return changed

    def forget_names(self) -> None:
        """Drop every typed name, including those kept in undo snapshots."""
        for person in self.participants:
            person.name = None
        self._undo.clear()

    def round_label(self) -> str:
        spec = self.round.spec if self.round else self.next_spec
        if spec is None:
            return _("all rounds done")
        if spec.untimed:
            return _("round {n} of {total} · {name} · untimed").format(
                n=self.round_index + 1, total=len(self.plan), name=spec.label
            )
        return _("round {n} of {total} · {name} · {minutes} min each").format(
            n=self.round_index + 1, total=len(self.plan), name=spec.label, minutes=spec.minutes
        )


def _floor(spec: RoundSpec) -> int:
    """Fit to time's floor for a round: an untimed round is never cut (its shares take as
    long as they take: its minutes are an estimate), so the cut falls on the timed rounds."""
    return spec.minutes if spec.untimed else floor_minutes(spec.minutes, spec.closing)
