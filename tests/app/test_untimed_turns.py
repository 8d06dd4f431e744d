"""Turns without a clock on the TV: untimed rounds, and hiding the room view's countdown for
one turn (issue 29). The room snapshot carries no timer for such a turn; the console keeps
its own."""

from __future__ import annotations

import pytest

from circle_tui.core.rounds import RoundSpec
from circle_tui.core.timer import TimerState
from circle_tui.room.snapshot import snapshot as room_snapshot
from circle_tui.settings import Settings
from circle_tui.ui.screens.room_preview import RoomPreview
from circle_tui.ui.widgets.room_stage import RoomStage
from circle_tui.ui.widgets.timer_face import TimerFace
from tests.support.ui_support import Facilitator, make_app, screen_text

UNTIMED = (
    RoundSpec("check-in", 1),
    RoundSpec("as long as it takes", 5, untimed=True),
    RoundSpec("closing", 1, closing=True),
)


async def test_an_untimed_round_counts_up_with_no_cue_and_sends_the_room_no_timer(tmp_path):
    app = make_app(tmp_path, Settings(circle_name="Tuesday circle", rounds=UNTIMED))
    async with app.run_test(size=(100, 30)) as pilot:
        walk = Facilitator(pilot)
        await walk.first_sharing_turn()
        circle = app.session.circle
        assert circle.round.spec.untimed and "untimed" in circle.round_label()
        await walk.press("enter")  # the timer starts: it counts the time taken
        speaker = circle.current
        before = circle.airtime.get(speaker, 0.0)  # their check-in
        walk.clock.advance(7 * 60 + 5)  # well past the 5 minutes fit to time plans with
        app.screen.refresh_view()
        await pilot.pause()
        assert circle.timer_state() is TimerState.RUNNING  # never "time", never "over"
        text = screen_text(app)
        face = app.screen.query_one(TimerFace)
        assert face._shown == "07:05" and "untimed" in text and "over" not in text
        assert "no timer on the room view" in text
        room = room_snapshot(app.session)
        assert room["timer"] is None and room["speaker"] == circle.label(speaker)
        await walk.press("plus", "t")  # no limit to change, no countdown to hide
        assert circle.timer.adjustment_seconds == 0 and not circle.room_timer_hidden
        await walk.press("v")  # the room view: the speaker, and no clock
        assert isinstance(app.screen, RoomPreview)
        await pilot.pause()
        stage = app.screen.query_one(RoomStage)
        assert not stage.query_one(TimerFace).display
        assert stage.query_one("#room-big").line == circle.label(speaker)
        await walk.press("v", "enter")  # next speaker: the time taken is their airtime
        assert circle.airtime[speaker] - before == 7 * 60 + 5


async def test_t_hides_the_tv_countdown_for_this_turn_only_and_the_console_keeps_it(tmp_path):
    app = make_app(tmp_path, Settings(circle_name="Tuesday circle"))
    async with app.run_test(size=(100, 30)) as pilot:
        walk = Facilitator(pilot)
        await walk.first_sharing_turn()
        circle = app.session.circle
        await walk.press("enter")
        walk.clock.advance(65)
        assert room_snapshot(app.session)["timer"] is not None
        await walk.press("t")
        assert circle.room_timer_hidden
        room = room_snapshot(app.session)
        assert room["timer"] is None and room["speaker"] == circle.label(circle.current)
        text = screen_text(app)
        assert "timer hidden on the room view" in text
        face = app.screen.query_one(TimerFace)
        assert face.display and face._shown == "03:55"  # the console keeps its countdown
        await walk.press("t")  # shown again
        assert room_snapshot(app.session)["timer"] is not None
        await walk.press("t", "enter")  # hidden, then the next speaker: shown again
        assert not circle.room_timer_hidden
        assert room_snapshot(app.session)["timer"] is not None
        assert "timer hidden" not in screen_text(app)


async def test_the_chime_sounds_as_the_silence_between_turns_begins_and_ends(tmp_path):
    """The app's chime follows the circle: a fake player records each chime."""
    from circle_tui.session.chime import Chime
    from tests.support.scenario import scripted_app

    played = []
    app = scripted_app(tmp_path, Settings(chime="silences", silence_seconds=5))
    app.chime = Chime(play=lambda sound: played.append(sound) or (lambda: False))
    async with app.run_test(size=(100, 30)) as pilot:
        walk = Facilitator(pilot)
        await walk.first_sharing_turn()
        await walk.press("enter")  # the first turn runs (the check-in had its own chimes)
        before = len(played)
        walk.clock.advance(30)
        await walk.press("enter")  # next speaker: the silence begins
        assert len(played) == before + 1 and played[-1].name == "chime.wav"
        walk.clock.advance(2)
        app.screen._tick_and_listen()
        assert len(played) == before + 1  # mid-silence: nothing
        walk.clock.advance(3)
        app.screen._tick_and_listen()  # the second the screen wakes for: the silence ends
        assert len(played) == before + 2


@pytest.mark.parametrize(
    ("chime", "language", "shown"),
    [
        ("off", "en", "bell off · chime off"),
        ("silences-and-time", "en", "bell off · chime silences and time"),
        ("silences", "es", "campana: no · campanilla: silencios"),
    ],
)
async def test_home_says_whether_the_chime_will_sound(tmp_path, chime, language, shown):
    """Before the circle, the facilitator sees the chime beside the bell, in their language."""
    app = make_app(tmp_path, Settings(chime=chime, language=language))
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert shown in " ".join(screen_text(app).split())
