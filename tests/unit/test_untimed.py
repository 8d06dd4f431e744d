"""Untimed rounds in the rules: the time taken counts, nothing cues, fit to time never cuts
them, and the settings file and the recovery checkpoint keep them."""

import random

from circle_tui.core.checkpoint import checkpoint, restore
from circle_tui.core.circle import Circle
from circle_tui.core.clock import FakeClock
from circle_tui.core.plan import Phase
from circle_tui.core.rounds import RoundSpec
from circle_tui.core.timer import TimerState, TurnTimer, turn_cue
from circle_tui.settings import load_settings
from circle_tui.settings.checks import settings_from_mapping
from circle_tui.settings.toml_file import settings_to_toml

PLAN = [
    RoundSpec("sharing", 5, untimed=True),
    RoundSpec("sharing", 5),
    RoundSpec("closing", 1, closing=True),
]


def in_untimed_turn(people=4, session_minutes=120):
    clock = FakeClock()
    circle = Circle(PLAN, clock=clock, rng=random.Random(1), session_minutes=session_minutes)
    for _ in range(people):
        circle.arrive()
    circle.go_to(Phase.ROUNDS)
    circle.start_round()
    circle.next_speaker()
    return clock, circle


def test_an_untimed_turn_counts_the_time_taken_up_and_never_cues():
    clock = FakeClock()
    timer = TurnTimer(clock, 60, 30)
    timer.untimed = True
    timer.start()
    for seconds, shown in [(10, "00:10"), (50, "01:00"), (600, "11:00")]:
        clock.advance(seconds)
        cue = turn_cue(timer)
        assert (cue.state, cue.clock, cue.words) == (TimerState.RUNNING, shown, None)


def test_an_untimed_turn_keeps_no_limit_to_change_and_its_time_is_airtime():
    clock, circle = in_untimed_turn()
    seat = circle.current
    assert not circle.add_minute() and not circle.remove_minute()
    clock.advance(9 * 60)
    assert circle.timer_state() is TimerState.RUNNING
    circle.next_speaker()
    assert circle.airtime[seat] == 9 * 60


def test_fit_to_time_cuts_the_timed_rounds_and_never_the_untimed_one():
    clock, circle = in_untimed_turn(people=6, session_minutes=60)
    clock.advance(6 * 60)  # a long untimed share
    fit = circle.fit_suggestion()
    assert fit is not None
    assert fit.minutes[0] == 5  # the untimed round's estimate stays
    assert fit.minutes[1] < 5  # the next sharing round gives the time back


def test_untimed_reads_and_writes_in_the_settings_file(tmp_path):
    settings = settings_from_mapping(
        {"round": [{"name": "long", "minutes": 10, "untimed": True}, {"name": "b", "minutes": 2}]}
    )
    assert [spec.untimed for spec in settings.rounds] == [True, False]
    path = tmp_path / "config.toml"
    path.write_text(settings_to_toml(settings), encoding="utf-8")
    assert "untimed = true" in path.read_text(encoding="utf-8")
    assert load_settings(path) == settings


def test_carry_on_keeps_an_untimed_round_untimed():
    clock, circle = in_untimed_turn()
    again = Circle(PLAN, clock=clock)
    restore(again, checkpoint(circle, "s"))
    assert again.round.spec.untimed and again.timer.untimed and again.plan[0].untimed
