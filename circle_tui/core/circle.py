"""The live circle: arrivals, rounds, turns and their timers, with undo for every action."""

from __future__ import annotations

import copy
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import wraps
from typing import Any, TypeVar

from circle_tui.core.clock import Clock, MonotonicClock
from circle_tui.core.order import OrderMode, speaking_order
from circle_tui.core.people import Participant, clean_name
from circle_tui.core.plan import Phase, fit_to_time
from circle_tui.core.rounds import Outcome, Round, RoundKind, RoundSpec
from circle_tui.core.timer import TimerState, TurnTimer

UNDO_DEPTH = 500

F = TypeVar("F", bound=Callable[..., Any])


def undoable(description: str) -> Callable[[F], F]:
    """Snapshot the circle before an action so `undo` can restore it exactly."""

    def decorate(method: F) -> F:
        @wraps(method)
        def wrapper(self: Circle, *args: Any, **kwargs: Any) -> Any:
            snapshot = self._snapshot()
            result = method(self, *args, **kwargs)
            if result is not False:
                self._undo.append((description, snapshot))
                del self._undo[:-UNDO_DEPTH]
            return result

        return wrapper  # type: ignore[return-value]

    return decorate


@dataclass(frozen=True)
class Counts:
    present: int
    newcomers: int


class Circle:
    """Everything about tonight's circle that lives in memory, and nothing that is said.

    Screens call the actions and re-render from the readings. Each action either changes
    the circle and can be undone, or returns False and changes nothing.
    """

    # Navigation between phases is not an action to undo; the rest is state.
    _NOT_STATE = ("clock", "wall", "rng", "_undo", "phase")

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
    ) -> None:
        self.clock: Clock = clock or MonotonicClock()
        self.wall = wall
        self.rng = rng or random.Random()
        self._undo: list[tuple[str, dict[str, Any]]] = []
        self.plan: list[RoundSpec] = list(plan)
        self.warning_seconds = warning_seconds
        self.silence_seconds = silence_seconds
        self.session_minutes = session_minutes
        self.phase = Phase.ARRIVALS
        self.participants: list[Participant] = []
        self.present_adjust = 0
        self.newcomer_adjust = 0
        self.started_at = wall()
        self.started_mono = self.clock.now()
        self.round_index = 0  # index into plan of the current or next round
        self.round: Round | None = None
        self.timer: TurnTimer | None = None
        self.airtime: dict[int, float] = {}

    # -- undo ------------------------------------------------------------------
    def _snapshot(self) -> dict[str, Any]:
        state = {k: v for k, v in vars(self).items() if k not in self._NOT_STATE}
        return copy.deepcopy(state, memo={id(self.clock): self.clock})

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def last_action(self) -> str | None:
        return self._undo[-1][0] if self._undo else None

    def undo(self) -> str | None:
        """Reverse the last action; returns what was undone, or None if nothing was."""
        if not self._undo:
            return None
        description, snapshot = self._undo.pop()
        vars(self).update(snapshot)
        return description

    # -- people ----------------------------------------------------------------
    @property
    def present(self) -> list[Participant]:
        """Those still in the room, in seat order."""
        return [p for p in self.participants if not p.left]

    def participant(self, seat: int) -> Participant:
        for p in self.participants:
            if p.seat == seat:
                return p
        raise KeyError(seat)

    def label(self, seat: int | None) -> str:
        return "" if seat is None else self.participant(seat).label

    def counts(self) -> Counts:
        """Attendance: everyone who came counts as present, including those who left."""
        present = max(0, len(self.participants) + self.present_adjust)
        newcomers = sum(p.newcomer for p in self.participants) + self.newcomer_adjust
        return Counts(present, min(present, max(0, newcomers)))

    @undoable("arrival")
    def arrive(self, newcomer: bool = False, name: str | None = None) -> Participant:
        seat = max((p.seat for p in self.participants), default=0) + 1
        person = Participant(seat, clean_name(name or ""), newcomer)
        self.participants.append(person)
        if self.phase is Phase.ROUNDS and self.round is not None:
            was_idle = self.round.current is None
            self.round.join(seat)
            if was_idle and self.round.current is not None:
                self._new_timer(start=False)
        return person

    @undoable("someone left")
    def leave(self, seat: int) -> bool:
        person = self.participant(seat)
        if person.left:
            return False
        person.left = True
        if self.round is not None:
            timer_ran = self.timer is not None and self.timer.started
            if self.round.leave(seat):
                self._new_timer(start=timer_ran)
        return True

    @undoable("count corrected")
    def adjust_present(self, delta: int) -> bool:
        counts = self.counts()
        if counts.present + delta < counts.newcomers:
            return False
        self.present_adjust += delta
        return True

    @undoable("count corrected")
    def adjust_newcomers(self, delta: int) -> bool:
        counts = self.counts()
        if not 0 <= counts.newcomers + delta <= counts.present:
            return False
        self.newcomer_adjust += delta
        return True

    # -- phases and rounds ------------------------------------------------------
    def go_to(self, phase: Phase) -> bool:
        if phase is self.phase:
            return False
        if self.phase is Phase.ROUNDS and self.timer is not None:
            self.timer.pause()
        self.phase = phase
        return True

    @property
    def next_spec(self) -> RoundSpec | None:
        return self.plan[self.round_index] if self.round_index < len(self.plan) else None

    @undoable("round started")
    def start_round(
        self,
        mode: OrderMode = OrderMode.AROUND,
        *,
        start_seat: int | None = None,
        clockwise: bool = True,
    ) -> bool:
        spec = self.next_spec
        if spec is None or (self.round is not None and not self.round.complete):
            return False
        seats = [p.seat for p in self.present]
        order = speaking_order(
            seats,
            mode,
            start_seat=start_seat,
            clockwise=clockwise,
            rng=self.rng,
            airtime=self.airtime,
        )
        self.phase = Phase.ROUNDS
        self.round = Round(spec, order)
        self._new_timer(start=False)
        return True

    @undoable("round ended")
    def end_round(self) -> bool:
        """Close the current round (early if people are still to speak) and move on."""
        if self.round is None:
            return False
        if not self.round.complete:
            self._close_turn(Outcome.NOT_REACHED)
            self.round.end_early()
        self.round = None
        self.timer = None
        self.round_index += 1
        return True

    @property
    def rounds_left(self) -> int:
        return len(self.plan) - self.round_index

    # -- turns -----------------------------------------------------------------
    @undoable("next speaker")
    def next_speaker(self) -> bool:
        """Start the waiting turn, or end the current turn as shared and start the next."""
        if self.round is None or self.round.current is None or self.timer is None:
            return False
        if not self.timer.started:
            self.timer.start()
            return True
        self._finish(Outcome.SHARED)
        return True

    @undoable("pass")
    def pass_turn(self) -> bool:
        if self.round is None or self.round.current is None:
            return False
        self._finish(Outcome.PASSED)
        return True

    @undoable("moved up")
    def pick_next(self, seat: int) -> bool:
        """Popcorn: make `seat` the next to speak."""
        return self.round is not None and self.round.pick_next(seat)

    @undoable("pause")
    def toggle_pause(self) -> bool:
        if self.timer is None or not self.timer.started:
            return False
        self.timer.toggle_pause()
        return True

    @undoable("+1 min")
    def add_minute(self) -> bool:
        if self.timer is None:
            return False
        self.timer.add_minute()
        return True

    @undoable("−1 min")
    def remove_minute(self) -> bool:
        return self.timer is not None and self.timer.remove_minute()

    @undoable("new limit")
    def set_share_minutes(self, minutes: int) -> bool:
        """Accept a fit-to-time suggestion: the rest of this round gets `minutes` per share."""
        if self.round is None or minutes < 1 or minutes == self.round.spec.minutes:
            return False
        self.round.spec = RoundSpec(self.round.spec.kind, minutes)
        if self.timer is not None:
            self.timer.limit_seconds = minutes * 60.0
        return True

    def _finish(self, outcome: Outcome) -> None:
        assert self.round is not None
        timer_ran = self.timer is not None and self.timer.started
        self._close_turn(outcome)
        self.round.finish_turn(outcome)
        self._new_timer(start=timer_ran)

    def _close_turn(self, outcome: Outcome) -> None:
        if self.round is None or self.round.current is None or self.timer is None:
            return
        if outcome is Outcome.SHARED:
            seat = self.round.current
            self.airtime[seat] = self.airtime.get(seat, 0.0) + self.timer.elapsed()

    def _new_timer(self, *, start: bool) -> None:
        """A fresh timer for whoever is now invited; it starts at once (after any silence)
        when the previous turn was running, so only a round's first turn waits."""
        if self.round is None or self.round.current is None:
            self.timer = None
            return
        self.timer = TurnTimer(self.clock, self.round.spec.minutes * 60, self.warning_seconds)
        if start:
            self.timer.start(silence_seconds=self.silence_seconds)

    # -- readings ----------------------------------------------------------------
    @property
    def current(self) -> int | None:
        return None if self.round is None else self.round.current

    @property
    def up_next(self) -> list[int]:
        return [] if self.round is None else list(self.round.queue)

    def timer_state(self) -> TimerState:
        return TimerState.WAITING if self.timer is None else self.timer.state()

    def session_elapsed(self) -> float:
        return self.clock.now() - self.started_mono

    def session_left(self) -> float:
        return self.session_minutes * 60 - self.session_elapsed()

    def suggested_minutes(self) -> int | None:
        """Fit to time: the per-share limit that lets the rest of the plan end on time.

        Later rounds keep their planned limits; the current share and those still waiting
        in this round split what remains (the current share's spent time counts as its
        own, so accepting a suggestion does not change the next one). Only a shorter limit
        is suggested: when time is plentiful, the planned limit stands.
        """
        if self.round is None or self.round.current is None:
            return None
        shares = 1 + len(self.round.queue) + len(self.round.passers_waiting())
        people = len(self.present)
        later = sum(spec.minutes * 60 * people for spec in self.plan[self.round_index + 1 :])
        spent = self.timer.elapsed() if self.timer else 0.0
        suggestion = fit_to_time(self.session_left() - later + spent, shares)
        return suggestion if suggestion < self.round.spec.minutes else None

    def forget_names(self) -> None:
        """Drop every typed name, including those kept in undo snapshots."""
        for person in self.participants:
            person.name = None
        self._undo.clear()

    def round_label(self) -> str:
        spec = self.round.spec if self.round else self.next_spec
        if spec is None:
            return "all rounds done"
        return (
            f"round {self.round_index + 1} of {len(self.plan)} · {spec.kind.label} · "
            f"{spec.minutes} min each"
        )


def default_plan(kinds: Sequence[RoundKind], minutes: dict[RoundKind, int]) -> list[RoundSpec]:
    return [RoundSpec(kind, minutes[kind]) for kind in kinds]
