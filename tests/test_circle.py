"""The live circle: arrivals, rounds, turns, passes, come-backs, late arrivals, leaving, undo."""

import random
from enum import Enum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from circle_tui.core.circle import Circle, Counts, NextOrder
from circle_tui.core.clock import FakeClock
from circle_tui.core.order import OrderMode
from circle_tui.core.plan import Phase
from circle_tui.core.rounds import Outcome, RoundSpec
from circle_tui.core.timer import TimerState

PLAN = [
    RoundSpec("check-in", 1),
    RoundSpec("sharing", 5),
    RoundSpec("closing", 1, closing=True),
]


def make_circle(people=5, newcomers=0, **kwargs):
    clock = FakeClock()
    circle = Circle(PLAN, clock=clock, rng=random.Random(7), **kwargs)
    for i in range(people):
        circle.arrive(newcomer=i < newcomers)
    return clock, circle


def start(circle, mode=OrderMode.AROUND, *, start_seat=None, clockwise=True):
    """Choose the next round's order, as the keys between rounds do, and start it."""
    circle.next_order = NextOrder(mode, clockwise, start_seat)
    return circle.start_round()


def test_arrivals_count_people_and_first_timers_and_undo_takes_the_last_back():
    _, circle = make_circle(people=4, newcomers=1)
    circle.arrive(newcomer=True)
    assert circle.counts().present == 5 and circle.counts().newcomers == 2
    assert circle.undo() == "arrival"
    assert circle.counts().present == 4 and circle.counts().newcomers == 1
    assert [p.label for p in circle.participants] == ["Seat 1", "Seat 2", "Seat 3", "Seat 4"]


def test_a_second_visit_counts_as_present_and_returning_and_undo_takes_both_back():
    _, circle = make_circle(people=2, newcomers=1)
    circle.arrive(returning=True)
    assert circle.counts() == Counts(3, 1, 1)
    assert not circle.adjust_present(-2)  # never fewer present than first-timers and returning
    assert not circle.adjust_newcomers(+2) and not circle.adjust_returning(+2)
    assert circle.adjust_returning(+1) and circle.counts() == Counts(3, 1, 2)
    assert circle.undo() == "count corrected" and circle.undo() == "arrival"
    assert circle.counts() == Counts(2, 1, 0)


def test_a_typed_name_is_the_label_and_is_forgotten_with_the_undo_history():
    _, circle = make_circle(people=1)
    person = circle.arrive(name="  Robin   Q ")
    assert person.label == "Robin Q"
    assert "Robin" not in repr(person)
    circle.forget_names()
    assert person.label == "Seat 2"
    assert circle.undo() is None  # snapshots held the name too


def test_the_first_turn_waits_then_each_next_speaker_starts_at_once():
    clock, circle = make_circle(people=3)
    circle.start_round()
    assert circle.current == 1 and circle.timer_state() is TimerState.WAITING
    circle.next_speaker()
    assert circle.timer_state() is TimerState.RUNNING
    clock.advance(30)
    circle.next_speaker()
    assert circle.current == 2 and circle.timer_state() is TimerState.RUNNING
    assert circle.airtime == {1: 30}


def test_silence_between_turns_comes_before_the_next_timer():
    clock, circle = make_circle(people=2, silence_seconds=15)
    circle.start_round()
    circle.next_speaker()
    circle.next_speaker()
    assert circle.timer_state() is TimerState.SILENCE
    clock.advance(15)
    assert circle.timer_state() is TimerState.RUNNING


def test_those_who_passed_are_offered_the_turn_again_at_the_round_end():
    _, circle = make_circle(people=3)
    circle.start_round()
    circle.next_speaker()
    circle.pass_turn()  # seat 1 passes
    circle.next_speaker()  # seat 2 shares
    circle.pass_turn()  # seat 3 passes
    assert circle.current == 1 and circle.round.coming_back
    circle.next_speaker()  # seat 1 shares after all
    assert circle.current == 3 and circle.round.coming_back
    circle.pass_turn()  # seat 3 passes again: final
    assert circle.round.complete
    assert circle.round.outcomes == {1: Outcome.SHARED, 2: Outcome.SHARED, 3: Outcome.PASSED}


def test_a_late_arrival_joins_the_current_round_and_counts_as_present():
    _, circle = make_circle(people=2, newcomers=0)
    circle.start_round()
    circle.arrive(newcomer=True)
    assert circle.up_next == [2, 3]
    assert circle.counts().present == 3 and circle.counts().newcomers == 1


def test_someone_who_leaves_is_not_invited_but_still_counted():
    clock, circle = make_circle(people=3)
    circle.start_round()
    circle.next_speaker()
    circle.leave(1)  # the current speaker leaves
    assert circle.current == 2 and circle.timer_state() is TimerState.RUNNING
    circle.leave(3)
    assert circle.up_next == []
    assert circle.counts().present == 3


def test_ending_a_round_early_marks_those_not_reached():
    _, circle = make_circle(people=3)
    circle.start_round()
    circle.next_speaker()
    circle.end_round()
    assert circle.round is None and circle.round_index == 1


def test_the_four_order_modes():
    _, circle = make_circle(people=5)
    start(circle, OrderMode.AROUND, start_seat=3, clockwise=False)
    assert [circle.current, *circle.up_next] == [3, 2, 1, 5, 4]
    circle.end_round()
    start(circle, OrderMode.SHUFFLE)
    order = [circle.current, *circle.up_next]
    assert sorted(order) == [1, 2, 3, 4, 5]
    assert order == random.Random(7).sample([1, 2, 3, 4, 5], 5) or order != [1, 2, 3, 4, 5]
    circle.end_round()
    circle.airtime = {1: 300, 2: 10, 3: 0, 4: 10, 5: 200}
    start(circle, OrderMode.FEWEST_MINUTES)
    assert [circle.current, *circle.up_next] == [3, 2, 4, 5, 1]


def test_popcorn_lets_the_facilitator_pick_who_is_next():
    _, circle = make_circle(people=4)
    start(circle, OrderMode.POPCORN)
    assert circle.pick_next(4)
    assert circle.up_next[0] == 4
    assert not circle.pick_next(99)


def test_shuffle_is_reproducible_with_an_injected_rng():
    orders = []
    for _ in range(2):
        _, circle = make_circle(people=8)
        start(circle, OrderMode.SHUFFLE)
        orders.append([circle.current, *circle.up_next])
    assert orders[0] == orders[1] and orders[0] != sorted(orders[0])


def test_fit_to_time_suggests_a_shorter_share_when_time_runs_short():
    clock, circle = make_circle(people=10, session_minutes=60)
    circle.start_round()  # check-in 1 min
    for _ in range(10):
        circle.next_speaker()
    circle.end_round()
    circle.start_round()  # sharing, 5 min × 10 = 50 min, but only ~49 min left
    clock.advance(600)  # 10 min gone: 60 − 10 − 10 × 1 min closing = 40 min for 10 shares
    assert circle.suggested_minutes() == 4
    assert circle.set_share_minutes(4)
    assert circle.timer.limit_seconds == 240
    assert circle.suggested_minutes() is None


def test_counts_can_be_corrected_but_newcomers_never_exceed_present():
    _, circle = make_circle(people=2, newcomers=2)
    assert not circle.adjust_present(-1)
    assert circle.adjust_newcomers(-1) and circle.adjust_present(-1)
    assert circle.counts().present == 1 and circle.counts().newcomers == 1
    assert not circle.adjust_newcomers(+1)


def test_leaving_the_rounds_phase_pauses_the_running_timer():
    clock, circle = make_circle(people=2)
    circle.start_round()
    circle.next_speaker()
    circle.go_to(Phase.BREAK)
    clock.advance(100)
    assert circle.timer.remaining() == 60


# -- properties ------------------------------------------------------------------------

ROUND_ACTIONS = ["next", "next", "next", "pass", "late", "leave", "pause", "plus", "minus", "wait"]


def fingerprint(value):
    """A comparable picture of a circle's state, down through its objects."""
    if isinstance(value, Enum):
        return value
    if isinstance(value, dict):
        return {k: fingerprint(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [fingerprint(v) for v in value]
    if isinstance(value, set):
        return sorted(value)
    if hasattr(value, "__dict__") and not isinstance(value, FakeClock):
        return {
            k: fingerprint(v) for k, v in vars(value).items() if k not in ("clock", "_undo", "rng")
        }
    return value


def apply(circle, clock, action, pick):
    seats = [p.seat for p in circle.present]
    if action == "next":
        circle.next_speaker()
    elif action == "pass":
        circle.pass_turn()
    elif action == "late":
        circle.arrive(newcomer=pick % 2 == 0)
    elif action == "leave" and seats and len(seats) > 1:
        circle.leave(seats[pick % len(seats)])
    elif action == "pause":
        circle.toggle_pause()
    elif action == "plus":
        circle.add_minute()
    elif action == "minus":
        circle.remove_minute()
    elif action == "wait":
        clock.advance(pick)
    elif action == "end":
        circle.end_round()
    elif action == "undo":
        circle.undo()


steps = st.lists(st.tuples(st.sampled_from(ROUND_ACTIONS), st.integers(0, 400)), max_size=60)


@settings(max_examples=200)
@given(people=st.integers(1, 9), mode=st.sampled_from(list(OrderMode)), steps=steps)
def test_everyone_present_ends_each_round_exactly_once_as_shared_or_passed(people, mode, steps):
    clock, circle = make_circle(people=people)
    for _ in PLAN:
        start(circle, mode, start_seat=1 + people // 2)
        # Each invitation, as (seat, is it the come-back offer?).
        invited = {(circle.current, False)}
        for action, pick in steps + [("next", 0)] * 60 + [("pass", 0)] * 60:
            if circle.round.complete:
                break
            apply(circle, clock, action, pick)
            if circle.current is not None:
                invited.add((circle.current, circle.round.coming_back))
        rnd = circle.round
        assert rnd.complete
        for person in circle.participants:
            if person.left:
                continue
            outcome = rnd.outcomes[person.seat]
            assert outcome in (Outcome.SHARED, Outcome.PASSED)
            assert (person.seat, False) in invited
            if outcome is Outcome.PASSED:
                assert (person.seat, True) in invited  # was offered the turn again
        circle.end_round()
    assert circle.round_index == len(PLAN)


@settings(max_examples=200)
@given(
    people=st.integers(1, 7),
    before=steps,
    action=st.sampled_from(ROUND_ACTIONS + ["end", "pick"]),
    pick=st.integers(0, 400),
)
def test_undo_of_any_action_restores_the_exact_previous_state(people, before, action, pick):
    clock, circle = make_circle(people=people)
    start(circle, random.Random(pick).choice(list(OrderMode)))
    for a, p in before:
        apply(circle, clock, a, p)
    picture = fingerprint(circle)
    undo_depth = len(circle._undo)
    if action == "pick":
        changed = circle.pick_next(pick % (people + 2))
    else:
        apply(circle, clock, action, pick)
        changed = len(circle._undo) > undo_depth
    if action == "wait":
        return  # time passing is not an action
    if changed:
        assert circle.undo() is not None
    assert fingerprint(circle) == picture


# -- the attendance record's quick check agrees with the full one ---------------------------------
from circle_tui.core.record import AttendanceRecord, RecordError, explain  # noqa: E402

GOOD_RECORD = {
    "id": "2f1c9a4e-1b2c-4d3e-8f4a-5b6c7d8e9f00",
    "circle": "Tuesday circle",
    "date": "2026-11-27",
    "started": "19:02",
    "ended": "21:04",
    "present": 9,
    "newcomers": 3,
    "status": "complete",
    "returning": 2,
    "schema": 2,
}
EDGE_VALUES = [
    None,
    True,
    1.0,
    [],
    {},
    "",
    " ",
    "x",
    "2026-02-30",
    "2026-1-1",
    "24:00",
    "19:02",
    "9:05",
    "in_progress",
    "2026-11-27T00",
    "２０２６-11-27",
    "2026-W48-5",  # ISO week date: date.fromisoformat takes it, the schema does not
    "20261127xx",
    "2026-11-27\n",
    "19:02\n",
    "1٩:02",
    "00:00",
    "23:59",
    -1,
    10_000,
    10_001,  # MAX_COUNT + 1
    "2f1c9a4e-1b2c-4d3e-8f4a-5b6c7d8e9f0G",
]
odd_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 20_000),
    st.floats(allow_nan=False),
    st.sampled_from(EDGE_VALUES),
    st.text(max_size=12),
)


def full_check(data: dict) -> bool:
    try:
        explain(data)
    except RecordError:
        return False
    return True


def test_the_quick_record_check_agrees_with_the_full_one_on_every_edge_value():
    for field in [*GOOD_RECORD, "extra"]:
        for value in EDGE_VALUES:
            data = {**GOOD_RECORD, field: value}
            assert (AttendanceRecord.from_dicts([data]) is not None) == full_check(data), data


@settings(max_examples=500)
@given(
    changes=st.dictionaries(st.sampled_from([*GOOD_RECORD, "extra"]), odd_values, max_size=3),
    drop=st.sets(st.sampled_from(list(GOOD_RECORD)), max_size=1),
)
def test_the_quick_record_check_agrees_with_the_full_one(changes, drop):
    data = {k: v for k, v in {**GOOD_RECORD, **changes}.items() if k not in drop}
    assert (AttendanceRecord.from_dicts([data]) is not None) == full_check(data)


@settings(max_examples=200)
@given(
    st.lists(
        st.dictionaries(st.sampled_from(list(GOOD_RECORD)), odd_values, max_size=1), max_size=6
    )
)
def test_a_log_loads_at_once_exactly_when_every_record_would_alone(changes):
    """The column-by-column check of a whole log: one bad record among good ones spoils it."""
    docs = [{**GOOD_RECORD, **change} for change in changes]
    loaded = AttendanceRecord.from_dicts(docs)
    assert (loaded is not None) == all(map(full_check, docs))
    if loaded is not None:
        assert [r.to_dict() for r in loaded] == docs


def test_a_record_cannot_be_made_or_changed_into_a_bad_one():
    good = AttendanceRecord(**GOOD_RECORD)
    with pytest.raises(RecordError, match="newcomers"):
        AttendanceRecord(**{**GOOD_RECORD, "newcomers": 10})
    with pytest.raises(RecordError, match="date"):
        good._replace(date="2026-W48-5")
    with pytest.raises(RecordError, match="started"):
        AttendanceRecord._make([*good[:3], "19:02\n", *good[4:]])
    assert good.corrected("newcomers", 7) is None and good.corrected("present", -7) is None
    assert good.corrected("present", 1) == good._replace(present=10)
