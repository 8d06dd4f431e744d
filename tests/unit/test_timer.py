"""The turn timer: states with words, and remaining time computed from the clock."""

from hypothesis import given, settings
from hypothesis import strategies as st

from circle_tui.core.clock import FakeClock
from circle_tui.core.timer import (
    TIME_GRACE_SECONDS,
    TimerState,
    TurnTimer,
    cue_words,
    format_seconds,
)


def make(limit=300, warning=60):
    clock = FakeClock()
    return clock, TurnTimer(clock, limit, warning)


def test_a_new_timer_waits_and_does_not_count():
    clock, timer = make()
    clock.advance(100)
    assert timer.state() is TimerState.WAITING
    assert timer.remaining() == 300


def test_states_move_from_running_to_last_minute_to_time_to_over():
    clock, timer = make()
    timer.start()
    assert timer.state() is TimerState.RUNNING
    clock.advance(240.5)
    assert timer.state() is TimerState.LAST_MINUTE
    clock.advance(59.5)
    assert timer.state() is TimerState.TIME and timer.remaining() == 0
    clock.advance(TIME_GRACE_SECONDS)
    assert timer.state() is TimerState.OVER
    assert format_seconds(timer.remaining()) == "00:10"


def test_countdown_text_one_second_in_and_thirty_seconds_over():
    clock, timer = make()
    timer.start()
    clock.advance(1)
    assert format_seconds(timer.remaining()) == "04:59"
    clock.advance(329)
    assert timer.state() is TimerState.OVER
    assert format_seconds(timer.remaining()) == "00:30"


def test_pause_stops_the_countdown_and_resume_continues_it():
    clock, timer = make()
    timer.start()
    clock.advance(10)
    timer.toggle_pause()
    assert timer.state() is TimerState.PAUSED
    clock.advance(1000)
    assert timer.remaining() == 290
    timer.toggle_pause()
    clock.advance(5)
    assert timer.remaining() == 285


def test_silence_delays_the_countdown_and_has_its_own_state():
    clock, timer = make()
    timer.start(silence_seconds=10)
    clock.advance(4)
    assert timer.state() is TimerState.SILENCE
    assert timer.silence_left() == 6
    clock.advance(16)
    assert timer.state() is TimerState.RUNNING
    assert timer.remaining() == 290


def test_a_minute_can_be_added_and_removed_but_not_below_one_minute():
    clock, timer = make(limit=120)
    timer.add_minute()
    assert timer.total_seconds == 180
    assert timer.remove_minute() and timer.remove_minute()
    assert timer.total_seconds == 60
    assert timer.remove_minute() is False
    assert timer.total_seconds == 60


actions = st.lists(
    st.tuples(
        st.sampled_from(["pause", "resume", "toggle", "add", "remove", "wait"]),
        st.floats(min_value=0, max_value=600, allow_nan=False),
    ),
    max_size=80,
)


@settings(max_examples=300)
@given(actions=actions, limit=st.integers(1, 60))
def test_remaining_is_limit_minus_running_time_plus_adjustments(actions, limit):
    """Over a simulated session of up to ~3 hours, to the millisecond."""
    clock, timer = make(limit=limit * 60, warning=30)
    timer.start()
    running, run_time, adjust = True, 0.0, 0.0
    for action, seconds in actions:
        if action == "wait":
            clock.advance(seconds / 20 * 9)  # up to 270 s per step, 80 steps ≈ 6 h at most
            if running:
                run_time += seconds / 20 * 9
        elif action == "pause":
            timer.pause()
            running = False
        elif action == "resume":
            timer.resume()
            running = True
        elif action == "toggle":
            timer.toggle_pause()
            running = not running
        elif action == "add":
            timer.add_minute()
            adjust += 60
        elif action == "remove" and timer.remove_minute():
            adjust -= 60
        assert abs(timer.remaining() - (limit * 60 + adjust - run_time)) < 1e-3
        assert timer.is_paused is (not running)


def shown(timer: TurnTimer) -> tuple[str, TimerState]:
    """What the rounds screen draws from the timer: the seconds and the state word."""
    silence = timer.silence_left()
    return format_seconds(silence if silence > 0 else timer.remaining()), timer.state()


@settings(max_examples=300)
@given(
    silence=st.sampled_from([0, 60]),
    steps=st.lists(
        st.tuples(st.sampled_from(["wait", "pause", "resume", "add"]), st.floats(0, 90)),
        max_size=30,
    ),
)
def test_the_next_change_is_when_the_shown_time_changes_and_not_before(silence, steps):
    """The screen sleeps until `next_change_in`: nothing shown may change earlier (else a
    second would be skipped), and something must change then (else it would lag)."""
    clock, timer = make(limit=120, warning=30)
    timer.start(silence_seconds=silence)
    press = {"pause": timer.pause, "resume": timer.resume, "add": timer.add_minute}
    for action, seconds in steps:
        if action == "wait":
            clock.advance(seconds)
        else:
            press[action]()
        change = timer.next_change_in()
        if timer.is_paused:
            assert change is None
            continue
        assert change is not None and 0 < change <= 1
        before = shown(timer)
        if change > 1e-6:
            clock.advance(change - 1e-6)
            assert shown(timer) == before
            clock.advance(2e-6)
        else:
            clock.advance(change + 1e-6)
        assert shown(timer) != before


def test_a_waiting_timer_has_no_next_change():
    _, timer = make()
    assert timer.next_change_in() is None


def test_the_cue_says_the_real_time_left():
    assert cue_words(60) == "1 minute left"
    assert cue_words(120) == "2 minutes left"
    assert cue_words(30) == "30 seconds left"


def test_a_pause_during_the_silence_before_a_turn_keeps_the_rest_of_the_silence():
    clock, timer = make()
    timer.start(silence_seconds=10)
    clock.advance(4)
    timer.pause()
    clock.advance(100)
    timer.resume()
    assert timer.state() is TimerState.SILENCE and timer.silence_left() == 6
    clock.advance(6)
    assert timer.remaining() == 300
