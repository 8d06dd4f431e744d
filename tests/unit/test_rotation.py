"""Start-seat rotation: each round around the circle begins one seat further on (and, when
asked, goes the other way), through arrivals, departures and people stepping out."""

import random

from circle_tui.core.checkpoint import checkpoint, restore
from circle_tui.core.circle import Circle
from circle_tui.core.clock import FakeClock
from circle_tui.core.order import OrderMode, rotated_start
from circle_tui.core.plan import Phase
from circle_tui.core.rounds import RoundSpec

PLAN = [RoundSpec(f"round {n}", 1) for n in range(1, 7)]


def make_circle(people, rotate_start):
    circle = Circle(PLAN, clock=FakeClock(), rng=random.Random(7), rotate_start=rotate_start)
    for _ in range(people):
        circle.arrive()
    circle.go_to(Phase.ROUNDS)
    return circle


def hold_round(circle):
    """Start the next round, let everyone share, close it; the order it went in."""
    assert circle.start_round()
    order = [circle.current, *circle.up_next]
    while circle.current is not None:
        circle.next_speaker()
    assert circle.end_round()
    return order


def test_next_seat_begins_each_round_one_seat_on_so_the_first_speaks_last_next_time():
    circle = make_circle(4, "next-seat")
    assert hold_round(circle) == [1, 2, 3, 4]
    assert circle.start_seat == 2
    assert hold_round(circle) == [2, 3, 4, 1]
    assert hold_round(circle) == [3, 4, 1, 2]
    assert hold_round(circle) == [4, 1, 2, 3]
    assert hold_round(circle) == [1, 2, 3, 4]


def test_next_seat_and_direction_moves_the_start_on_and_turns_the_circle_each_round():
    circle = make_circle(4, "next-seat-and-direction")
    orders = [hold_round(circle)]
    assert circle.start_seat == 2 and not circle.next_order.clockwise
    orders += [hold_round(circle) for _ in range(3)]
    assert orders == [[1, 2, 3, 4], [2, 1, 4, 3], [3, 4, 1, 2], [4, 3, 2, 1]]
    # Over four rounds everyone began once and everyone was last once.
    assert sorted(o[0] for o in orders) == sorted(o[-1] for o in orders) == [1, 2, 3, 4]


def test_off_keeps_the_first_seat_and_the_direction_round_after_round():
    circle = make_circle(3, "off")
    assert hold_round(circle) == [1, 2, 3]
    assert hold_round(circle) == [1, 2, 3]
    assert circle.next_order.clockwise


def test_a_late_arrival_sitting_next_to_the_last_start_begins_the_next_round():
    circle = make_circle(4, "next-seat")
    hold_round(circle)  # seat 1 began
    late = circle.arrive(after=1)  # sits between seats 1 and 2
    assert circle.start_seat == late.seat
    assert hold_round(circle) == [late.seat, 2, 3, 4, 1]
    assert circle.start_seat == 2


def test_when_the_one_due_to_begin_has_left_the_next_person_around_begins():
    circle = make_circle(5, "next-seat")
    hold_round(circle)  # seat 1 began; seat 2 is due next
    circle.leave(2)
    assert circle.start_seat == 3
    assert hold_round(circle) == [3, 4, 5, 1]
    circle.leave(3)  # the last one to begin has gone: the rotation still goes on from their chair
    assert circle.start_seat == 4
    assert hold_round(circle) == [4, 5, 1]


def test_someone_stepped_out_is_passed_over_for_the_start_and_the_rotation_goes_on():
    circle = make_circle(4, "next-seat")
    hold_round(circle)  # seat 1 began
    circle.step_out(2)
    assert circle.start_seat == 3
    circle.come_back(2)
    assert circle.start_seat == 2  # back before the round began: their turn to begin
    circle.step_out(2)
    order = hold_round(circle)
    assert order[0] == 3
    assert circle.start_seat == 4


def test_brackets_choose_the_start_for_that_round_only_and_the_rotation_goes_on_from_it():
    circle = make_circle(5, "next-seat")
    hold_round(circle)  # seat 1 began; seat 2 due
    assert circle.move_start_seat(1) and circle.start_seat == 3
    assert hold_round(circle)[0] == 3
    assert circle.next_order.start_seat is None  # the choice was for that round
    assert circle.start_seat == 4


def test_a_popcorn_round_leaves_the_rotation_where_it_was():
    circle = make_circle(4, "next-seat-and-direction")
    hold_round(circle)  # seat 1 began, clockwise
    circle.cycle_order_mode()  # popcorn
    assert circle.next_order.mode is OrderMode.POPCORN
    assert circle.start_round() and circle.end_round()
    for _ in range(len(OrderMode) - 1):
        circle.cycle_order_mode()
    assert circle.next_order.mode is OrderMode.AROUND
    assert circle.start_seat == 2 and not circle.next_order.clockwise


def test_undo_of_a_round_end_gives_back_the_rotation_as_it_was():
    circle = make_circle(3, "next-seat-and-direction")
    hold_round(circle)
    assert circle.start_seat == 2 and not circle.next_order.clockwise
    circle.undo()  # the round's end
    assert circle.round is not None and circle.next_order.clockwise
    assert circle.end_round() and circle.start_seat == 2


def test_carry_on_after_a_crash_keeps_whose_turn_it_is_to_begin():
    circle = make_circle(4, "next-seat")
    hold_round(circle)
    hold_round(circle)  # seat 2 began
    again = Circle(PLAN, clock=FakeClock(), rotate_start="next-seat")
    restore(again, checkpoint(circle, "s"))
    assert again.start_seat == 3
    data = checkpoint(circle, "s")
    del data["order"]["last_start"]  # a checkpoint written before rotation
    older = Circle(PLAN, clock=FakeClock(), rotate_start="next-seat")
    restore(older, data)
    assert older.start_seat == 1


def test_rotated_start_walks_the_room_and_wraps_around():
    assert rotated_start([1, 2, 3], [1, 2, 3], 3) == 1
    assert rotated_start([1, 2, 3], [2], 2) == 2  # the only one here begins again
    assert rotated_start([1, 2, 3], [], 1) is None
    assert rotated_start([1, 2, 3], [1, 2, 3], None) is None
