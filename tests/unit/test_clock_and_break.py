"""The time of day (show_clock) and the break's length (break_minutes), issue 29."""

from __future__ import annotations

import pytest

from circle_tui.core.circle import Circle
from circle_tui.core.clock import FakeClock
from circle_tui.core.plan import BREAK_MINUTES, Phase
from circle_tui.core.rounds import RoundSpec
from circle_tui.room.snapshot import RoomProtocolError, decode, encode
from circle_tui.room.snapshot import snapshot as room_snapshot
from circle_tui.settings import ConfigError, Settings
from circle_tui.settings.checks import settings_from_mapping
from tests.support.scenario import scripted_session


def test_a_break_starts_at_break_minutes():
    circle = Circle([RoundSpec("a", 1)], clock=FakeClock(), break_minutes=15)
    circle.go_to(Phase.BREAK)
    assert circle.break_timer.remaining() == 15 * 60
    assert Circle([RoundSpec("a", 1)]).break_minutes == BREAK_MINUTES == 10


def test_the_session_starts_circles_with_the_settings_break(tmp_path):
    session = scripted_session(tmp_path, Settings(break_minutes=20))
    assert session.start().break_minutes == 20


@pytest.mark.parametrize("value", [0, 61, "10"])
def test_a_bad_break_minutes_is_refused_naming_the_key(value):
    with pytest.raises(ConfigError) as caught:
        settings_from_mapping({"break_minutes": value}, "config.toml")
    assert caught.value.key == "break_minutes" and "1 to 60" in caught.value.expected


def test_the_room_is_told_to_show_the_clock_only_when_it_is_on(tmp_path):
    off = room_snapshot(scripted_session(tmp_path / "off", Settings()))
    assert "clock" not in off  # a snapshot as it was before show_clock
    assert decode(encode(off)) == off
    on = room_snapshot(scripted_session(tmp_path / "on", Settings(show_clock=True)))
    assert on["clock"] is True and decode(encode(on)) == on
    with pytest.raises(RoomProtocolError, match="clock"):
        decode(encode({**on, "clock": "yes"}))
