"""The circle as it is practised: care pause, stepping out, seats in room order, chosen turns,
rounds as planned, cues that read across a room, and exits that respect the moment."""

from __future__ import annotations

from circle_tui.core.order import OrderMode
from circle_tui.core.plan import Phase
from circle_tui.core.rounds import RoundSpec
from circle_tui.core.timer import TimerState
from circle_tui.settings import Settings
from circle_tui.ui.screens.care_pause import CarePauseScreen
from circle_tui.ui.screens.closing import ClosingScreen
from circle_tui.ui.screens.end import EndScreen
from circle_tui.ui.screens.rounds import RoundsScreen
from circle_tui.ui.screens.seat_editor import SeatEditorScreen
from tests.support.scenario import Facilitator
from tests.support.ui_support import make_app


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_the_care_pause_is_in_the_command_palette_where_g_would_type(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        f = Facilitator(pilot)
        await f.press("enter", "plus")  # arrivals
        await f.press("ctrl+p")
        await f.press(*"care")
        await f.press("enter")
        await f.pilot.pause(0.3)  # the palette runs its command once it has closed
        assert isinstance(app.screen, CarePauseScreen)


async def test_a_care_pause_mid_turn_resumes_the_same_turn_with_the_same_time_left(tmp_path):
    app = make_app(tmp_path, Settings(circle_name="Tuesday circle", pause_silence_seconds=30))
    async with app.run_test(size=(100, 30)) as pilot:
        f = Facilitator(pilot)
        await f.to_rounds(people=4)
        await f.press("enter", "enter")  # seat 1 is speaking
        f.clock.advance(20)
        await f.press("g")
        assert isinstance(app.screen, CarePauseScreen)
        assert "Let's pause here together" in shown(app, "#pause-words")
        assert "Silence · 00:30" in shown(app, "#care-silence")
        f.clock.advance(300)  # as long as it needs
        await f.press("r")
        assert "Support and resources" in shown(app, "#care-resources")
        await f.press("enter")
        assert isinstance(app.screen, RoundsScreen)
        circle = app.circle
        assert circle.current == 1 and circle.timer.remaining() == 40
        assert circle.timer_state() is TimerState.RUNNING
        assert circle.last_action() == "next speaker"  # the pause recorded nothing


async def test_a_care_pause_from_arrivals_the_agreements_and_a_break(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        f = Facilitator(pilot)
        await f.press("enter", "plus", "plus")
        for keys in ((), ("enter", "enter", "right"), ("right", "right", "right")):
            await f.press(*keys)
            phase = app.circle.phase
            await f.press("g")
            assert isinstance(app.screen, CarePauseScreen)
            await f.press("enter")
            assert app.circle.phase is phase and app.screen.phase is phase
        await f.press(*["right"] * 10)
        await f.press("b")
        left = app.circle.break_timer.remaining()
        await f.press("g")
        f.clock.advance(120)
        await f.press("enter")
        assert app.circle.phase is Phase.BREAK and app.circle.break_timer.remaining() == left


async def test_stepping_out_and_back_counts_once_and_offers_the_missed_turn(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        f = Facilitator(pilot)
        await f.to_rounds(people=4)
        await f.press("enter", "enter")  # seat 1 speaks
        await f.press("l", "down", "enter", "enter")  # seat 2 steps out
        circle = app.circle
        assert circle.participant(2).out and circle.up_next == [3, 4]
        assert "stepped out" not in shown(app, "#queue-text")  # the room may see the queue
        await f.press("h")  # the facilitator's panel, hidden with no room view connected
        assert "stepped out" in shown(app, "#facilitator-text")
        await f.press("enter", "enter", "enter")  # 3, 4, and the queue runs dry
        assert circle.round.complete
        await f.press("k", "enter")  # seat 2 is back: offered the turn they missed
        assert circle.current == 2 and circle.round.coming_back
        assert circle.counts().present == 4
        await f.press("backspace")
        assert circle.participant(2).out


async def test_seats_in_room_order_on_arrivals_and_between_rounds(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        f = Facilitator(pilot)
        await f.press("enter", "plus", "plus", "plus", "plus")
        # Seat 4 (chosen: the last arrival) sits between seats 1 and 2; seat 2 is Ana, new.
        await f.press("left_square_bracket", "left_square_bracket")
        await f.press("down", "e", *"Ana", "enter", "f")
        circle = app.circle
        assert [p.seat for p in circle.participants] == [1, 4, 2, 3]
        assert circle.label(2) == "Ana" and circle.participant(2).newcomer
        assert "Ana  (new)" in shown(app, "#seat-list")
        await f.press("enter", "enter", *["right"] * len(app.session.texts.cards))
        await f.press("e")
        assert isinstance(app.screen, SeatEditorScreen)
        await f.press("down", "right_square_bracket", "escape")  # seat 4 after Ana
        assert [p.seat for p in circle.participants] == [1, 2, 4, 3]
        await f.press("right_square_bracket", "enter")  # from the second seat, around
        assert [circle.current, *circle.up_next] == [2, 4, 3, 1]


async def test_a_late_arrival_is_asked_where_they_sit(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        f = Facilitator(pilot)
        await f.to_rounds(people=3)
        await f.press("a", "down", "enter")  # after seat 1
        assert [p.seat for p in app.circle.participants] == [1, 4, 2, 3]
        await f.press("n", "enter")  # a first-timer, at the end
        assert app.circle.participants[-1].newcomer


async def test_up_and_down_choose_who_is_next_and_popcorn_waits_for_enter(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        f = Facilitator(pilot)
        await f.to_rounds(people=4)
        await f.press("enter", "enter")  # seat 1 speaks
        await f.press("down", "down")
        assert "→ Seat 4" in shown(app, "#queue-text")
        await f.press("enter")
        assert app.circle.current == 4 and app.circle.up_next == [2, 3]
        await f.finish_round()
        await f.press("o")  # popcorn for the next round
        assert app.circle.next_order.mode is OrderMode.POPCORN
        await f.press("enter")
        assert app.circle.choosing and "who speaks next?" in shown(app, "#between")
        await f.press("up", "enter")
        # The round's first turn waits, as around the circle: enter starts its timer.
        assert app.circle.current == 4 and app.circle.timer_state() is TimerState.WAITING
        await f.press("enter")
        assert app.circle.timer_state() is TimerState.RUNNING


async def test_rounds_with_prompts_skip_one_add_one_and_hold_the_closing_round(tmp_path):
    plan = (
        RoundSpec("grounding", 1, "How are you arriving?"),
        RoundSpec("sharing", 5),
        RoundSpec("integration", 4, "What are you taking into the week?"),
        RoundSpec("closing", 1, "One word.", closing=True),
    )
    app = make_app(tmp_path, Settings(circle_name="Tuesday circle", rounds=plan))
    async with app.run_test(size=(120, 40)) as pilot:
        f = Facilitator(pilot)
        await f.to_rounds(people=3)
        assert "“How are you arriving?”" in shown(app, "#between")
        await f.press("enter", "enter")
        assert "How are you arriving?" in shown(app, "#speaker-label")
        await f.finish_round()
        await f.press("s")  # no sharing round tonight
        assert "Next: integration round" in shown(app, "#between")
        await f.press("m")  # … but one more round, before the closing round
        assert [spec.name for spec in app.circle.plan] == [
            "grounding",
            "sharing",
            "integration",
            "integration",
            "closing",
        ]
        await f.press("c", "enter")  # going to closing still holds the closing round
        assert "Next: closing round" in shown(app, "#between")
        await f.finish_round()
        await f.press("enter")
        assert isinstance(app.screen, ClosingScreen)


async def test_exits_respect_the_moment(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        f = Facilitator(pilot)
        await f.to_closing(people=3)
        await f.press("enter")
        assert isinstance(app.screen, EndScreen)
        await f.press("escape")  # back to closing: the QR code again
        assert isinstance(app.screen, ClosingScreen)
        await f.press("enter", "ctrl+q")
        assert "Save these counts and quit?" in shown(app, ".dialog-title")
        assert "middle of the circle" not in str(app.screen.query_one(".dialog").render())
        await f.press("escape")
        assert "Attendance review" not in [c.title for c in app.get_system_commands(app.screen)]
        app.action_open("attendance")
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)  # the review opens after the circle
        await f.press("ctrl+q", "enter")
    (saved,) = app.session.attendance.records()
    assert (saved.present, saved.status) == (3, "complete")


async def test_the_palette_quit_asks_first_during_a_circle(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        f = Facilitator(pilot)
        await f.press("enter", "plus")
        app.action_quit()
        await pilot.pause()
        assert "Quit in the middle of the circle?" in shown(app, ".dialog-title")


async def test_the_cue_says_the_real_time_left_and_overtime_is_signed(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        f = Facilitator(pilot)
        await f.to_rounds(people=2)
        await f.press("enter", "enter")  # a 1-minute check-in turn: the cue is at half of it
        f.clock.advance(31)
        app.screen.refresh_view()
        await pilot.pause()
        assert shown(app, "#state") == "30 seconds left"
        f.clock.advance(44)
        app.screen.refresh_view()
        await pilot.pause()
        assert (
            app.screen.query_one("Digits").value == "+00:15" and shown(app, "#state") == "over time"
        )


async def test_an_arrival_then_enter_at_once_moves_on_without_a_crash(tmp_path):
    """`+` then `enter` faster than a frame: the arrivals screen's scroll-into-view, queued
    for after the refresh, must not run on the opening screen that replaced it."""
    app = make_app(tmp_path, Settings())
    async with app.run_test(size=(80, 24)) as pilot:
        f = Facilitator(pilot)
        await f.press("enter")
        app.screen.action_arrive()  # as the `+` key does, then at once as `enter` does:
        app.circle.go_to(Phase.OPENING)
        await f.settle()
        await pilot.pause(0.1)
        assert app.is_running and app.circle.phase is Phase.OPENING
        assert app.circle.counts().present == 1


async def test_a_dialog_answers_once_when_two_enters_come_in_the_same_instant(tmp_path):
    """Textual's dismiss pops whatever is on top: a second enter on the 'Who?' list closed
    the rounds screen beneath it, and the next took the app down."""
    app = make_app(tmp_path, Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        f = Facilitator(pilot)
        await f.to_rounds()
        await f.press("enter", "enter", "l")
        who = app.screen
        assert type(who).__name__ == "PickSeatScreen"
        who.dismiss(1)  # both enters reach the list before it has closed
        who.dismiss(1)
        who.dismiss(1)
        await f.settle()
        assert app.is_running
        assert app.screen.query("OptionList")  # the next question, "steps out or leaves?"
        await f.press("escape")
        assert isinstance(app.screen, RoundsScreen)


async def test_undo_on_the_rounds_screen_never_takes_back_an_arrival_counted_before(tmp_path):
    """Backspace twelve times between rounds and then in a round: the rounds' own actions are
    undone, the people counted at arrivals stay counted (the rounds screen shows no count)."""
    app = make_app(tmp_path, Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        f = Facilitator(pilot)
        await f.to_rounds(people=4, newcomers=1)
        await f.press(*["backspace"] * 12)
        assert app.circle.counts().present == 4
        await f.press("enter", "enter", "enter", "a", "enter")  # a late arrival, in the round
        assert app.circle.counts().present == 5
        await f.press(*["backspace"] * 12)
        assert app.circle.counts().present == 4 and app.circle.counts().newcomers == 1
        assert app.circle.round is None  # back to before the round started, no further


async def test_ending_a_round_early_counts_those_not_yet_invited(tmp_path):
    app = make_app(tmp_path, Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        f = Facilitator(pilot)
        await f.to_rounds(people=5, newcomers=0)
        await f.press("enter", "enter")  # the round starts, the first turn runs: four after it
        await f.press("r")
        words = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "4 people still to speak will not be invited." in words


async def test_g_in_a_dialog_closes_it_unanswered_and_pauses_the_circle(tmp_path):
    app = make_app(tmp_path, Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        f = Facilitator(pilot)
        await f.to_rounds(people=5, newcomers=0)
        await f.press("enter", "enter", "l")  # "Who?" is open
        await f.press("g")
        assert isinstance(app.screen, CarePauseScreen)
        await f.press("enter")
        assert isinstance(app.screen, RoundsScreen)
        assert app.circle.counts().present == 5 and not app.circle.stepped_out


async def test_tonights_unfinished_circle_carries_on_under_its_own_id(tmp_path):
    """The laptop died forty minutes in: the next start offers to continue, the counts come
    back as unnamed seats, and the night stays one session, not two."""
    from datetime import timedelta

    from circle_tui.core.record import AttendanceRecord
    from circle_tui.storage.attendance import AttendanceLog
    from circle_tui.ui.screens.arrivals import ArrivalsScreen
    from circle_tui.ui.screens.draft import DraftScreen
    from tests.support.scenario import START

    started = START - timedelta(minutes=40)
    draft = AttendanceRecord(
        "0b5f4b8e-4a1c-4d7e-9d3a-1f2e3d4c5b6a", "Tuesday circle", started.date().isoformat(),
        started.strftime("%H:%M"), "", 4, 1, "in_progress", 1,
    )  # fmt: skip
    log, _ = AttendanceLog.open(tmp_path / "data")
    log.save(draft)
    log.close()
    app = make_app(tmp_path, Settings(circle_name="Tuesday circle"))
    async with app.run_test(size=(100, 30)) as pilot:
        f = Facilitator(pilot)
        await f.settle()
        assert isinstance(app.screen, DraftScreen)
        await f.press("c")
        assert isinstance(app.screen, ArrivalsScreen)
        counts = app.circle.counts()
        assert (counts.present, counts.newcomers, counts.returning) == (4, 1, 1)
        assert app.circle.session_elapsed() == 40 * 60  # the session clock runs from 19:20
        await f.press("minus")  # undo reaches no further than the restart
        assert app.circle.counts().present == 4
        await f.press("plus")  # someone arrives after the restart
        await f.press("ctrl+q", "enter")  # quit mid-circle: the same draft is written
    records = AttendanceLog.read_only(tmp_path / "data").records()
    assert [(r.id, r.present) for r in records] == [(draft.id, 5)]
