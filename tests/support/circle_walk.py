"""Random walks through a circle's rounds for property tests: each action the core names
(`Action`) with the `Circle` call that does it, so generated states are built through the
circle itself, as the facilitator's keys build them."""

from __future__ import annotations

import random
from collections.abc import Callable

from hypothesis import strategies as st

from circle_tui.core.circle import Action, Circle
from circle_tui.core.clock import FakeClock
from circle_tui.core.plan import Phase
from circle_tui.core.rounds import RoundSpec

PLAN = [
    RoundSpec("check-in", 1),
    RoundSpec("sharing", 5),
    RoundSpec("as long as it takes", 5, untimed=True),
    RoundSpec("closing", 1, closing=True),
]


def _one(seats: list[int], pick: int) -> int:
    return seats[pick % len(seats)]


def _away(circle: Circle, pick: int) -> bool:
    """Someone present steps out or leaves; with nobody present, someone who left tries to."""
    seats = [p.seat for p in circle.present] or [p.seat for p in circle.participants]
    seat = _one(seats, pick)
    return circle.step_out(seat) if pick % 2 else circle.leave(seat)


def _come_back(circle: Circle, pick: int) -> bool:
    """Someone stepped out comes back; with nobody out, someone in the room tries to."""
    seats = [p.seat for p in circle.stepped_out] or [p.seat for p in circle.participants]
    return circle.come_back(_one(seats, pick))


def _arrive(circle: Circle, pick: int) -> bool:
    seats = [p.seat for p in circle.present]
    after = _one(seats, pick) if seats and pick % 3 else None
    circle.arrive(newcomer=pick % 2 == 0, after=after)
    return True


def _panel(circle: Circle, pick: int) -> bool:
    circle.toggle_panel()
    return True


#: Each action the rounds can take without leaving them, and the call that does it (`pick`
#: chooses whom or which way); True when it changed the circle. Going to a break, to the
#: closing or back to the agreements leaves the rounds, and the seat editor is a screen.
CALLS: dict[Action, Callable[[Circle, int], bool]] = {
    Action.START_TIMER: lambda c, p: c.next_speaker(),
    Action.NEXT_SPEAKER: lambda c, p: c.next_speaker(),
    Action.START_PICKED: lambda c, p: c.start_picked(),
    Action.PASS: lambda c, p: c.pass_turn(),
    Action.PAUSE: lambda c, p: c.toggle_pause(),
    Action.RESUME: lambda c, p: c.toggle_pause(),
    Action.ADD_MINUTE: lambda c, p: c.add_minute(),
    Action.REMOVE_MINUTE: lambda c, p: c.remove_minute(),
    Action.CHOOSE_NEXT: lambda c, p: c.choose_next(1 if p % 2 else -1),
    Action.ACCEPT_FIT: lambda c, p: c.accept_fit(),
    Action.END_ROUND: lambda c, p: c.end_round(),
    Action.CLOSE_ROUND: lambda c, p: c.end_round(),
    Action.START_ROUND: lambda c, p: c.start_round(),
    Action.SKIP_ROUND: lambda c, p: c.skip_next_round(),
    Action.ADD_ROUND: lambda c, p: len(c.plan) < 8 and c.add_round(),
    Action.ORDER_MODE: lambda c, p: c.cycle_order_mode(),
    Action.DIRECTION: lambda c, p: c.toggle_direction(),
    Action.START_SEAT: lambda c, p: c.move_start_seat(1 if p % 2 else -1),
    Action.CLOSE_EARLY: lambda c, p: c.to_closing_round(),
    Action.ARRIVE: _arrive,
    Action.AWAY: _away,
    Action.COME_BACK: _come_back,
    Action.UNDO: lambda c, p: c.undo() is not None,
    Action.TOGGLE_PANEL: _panel,
    Action.ROOM_TIMER: lambda c, p: c.toggle_room_timer(),
}

#: A step of a walk: an action (or "wait": time passes) and what it picks.
steps = st.lists(st.tuples(st.sampled_from([*CALLS, "wait"]), st.integers(0, 400)), max_size=40)


def rounds_circle(people: int, clock: FakeClock | None = None) -> Circle:
    """A circle with `people` counted in, between rounds before the first, as the rounds
    screen opens on it."""
    circle = Circle(PLAN, clock=clock or FakeClock(), rng=random.Random(7), session_minutes=60)
    for i in range(people):
        circle.arrive(newcomer=i == 0)
    circle.go_to(Phase.ROUNDS)
    return circle


def take(circle: Circle, step: tuple[Action | str, int]) -> bool:
    """Take one step of a walk; True when it changed the circle."""
    action, pick = step
    if action == "wait":
        assert isinstance(circle.clock, FakeClock)
        circle.clock.advance(pick)
        return False
    assert isinstance(action, Action)
    return CALLS[action](circle, pick)
