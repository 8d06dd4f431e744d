"""Fuzzing the room view's door: whatever line arrives on its socket, the decoder gives a
snapshot that passes the contract or a RoomProtocolError, and nothing else.

A bounded sample here (CIRCLE_TUI_FUZZ_EXAMPLES raises it); the long run with its counts is
`python tests/fuzz/long_run.py`."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings

from tests.fuzz.room_cases import lines, outcome

SAMPLE = settings(
    max_examples=int(os.environ.get("CIRCLE_TUI_FUZZ_EXAMPLES", "400")),
    deadline=None,  # one slow example on a busy machine is not a failure
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SAMPLE
@given(lines)
def test_every_line_on_the_room_socket_is_drawn_checked_or_dropped(line):
    assert outcome(line) == "drawn" or outcome(line).startswith("dropped: ")


def test_the_valid_shapes_are_drawn_and_a_broken_part_is_dropped():
    from circle_tui.room.snapshot import encode
    from tests.fuzz.room_cases import VALID
    from tests.support.rooms import room_of

    assert {outcome(encode(room)) for room in VALID} == {"drawn"}
    assert outcome(encode(room_of(speaker=3))) == "dropped: expected text"
