"""The circle's undoable state is one dataclass: undo copies it and nothing else, and the
recovery checkpoint keeps each part of it or says why not."""

import threading
from dataclasses import fields

from circle_tui.core import checkpoint
from circle_tui.core.circle import Circle, CircleState, _InState
from circle_tui.core.clock import FakeClock
from circle_tui.core.plan import Phase
from tests.support.circle_walk import PLAN


def test_an_attribute_that_is_not_state_neither_breaks_undo_nor_is_undone():
    circle = Circle(PLAN, clock=FakeClock())
    circle.arrive()
    lock = threading.Lock()  # cannot be copied: undo used to pickle every attribute
    circle.lock = lock  # type: ignore[attr-defined]
    circle.on_problem = lambda problem: None  # type: ignore[attr-defined]
    circle.go_to(Phase.ROUNDS)
    assert circle.start_round()
    circle.silence_seconds = 5  # a setting changed after the action: not the action's to undo
    assert circle.undo() == "round started"
    assert circle.round is None and circle.lock is lock and circle.silence_seconds == 5  # type: ignore[attr-defined]


def test_each_part_of_the_state_is_read_and_written_on_the_circle_by_its_name():
    on_the_circle = {name for name, value in vars(Circle).items() if isinstance(value, _InState)}
    assert on_the_circle == {f.name for f in fields(CircleState)}


def test_undo_puts_back_the_whole_state_object():
    circle = Circle(PLAN, clock=FakeClock())
    circle.arrive()
    before = circle.state
    circle.arrive(newcomer=True)
    assert circle.state is before and len(before.participants) == 2
    circle.undo()
    assert circle.state == CircleState(list(PLAN), participants=circle.participants)
    assert len(circle.participants) == 1


#: Each part of the undoable state and the checkpoint's key that keeps it.
WRITTEN_AS = {
    "plan": "plan",
    "participants": "seats",
    "present_adjust": "adjust",
    "newcomer_adjust": "adjust",
    "returning_adjust": "adjust",
    "round_index": "round_index",
    "round": "round",
    "timer": "timer",
    "next_order": "order",
    "last_start": "order",
}


def test_the_checkpoint_keeps_every_part_of_the_undoable_state_but_those_it_leaves_out():
    """A new part of the state fails this until the checkpoint keeps it or says why not."""
    state = {f.name for f in fields(CircleState)}
    assert state == set(WRITTEN_AS) | checkpoint.LEFT_OUT
    circle = Circle(PLAN, clock=FakeClock())
    circle.arrive()
    written = checkpoint.checkpoint(circle, "s")
    assert set(WRITTEN_AS.values()) <= set(written)
