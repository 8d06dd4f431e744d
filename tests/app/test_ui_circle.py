"""A whole circle by keys only, and the rounds screen's timer on the fake clock."""

import pytest

from circle_tui.core.plan import Phase
from circle_tui.core.record import AttendanceRecord
from circle_tui.core.timer import TimerState
from circle_tui.ui.keys import described, key_rows
from circle_tui.ui.screens.arrivals import ArrivalsScreen
from circle_tui.ui.screens.closing import ClosingScreen
from circle_tui.ui.screens.end import EndScreen
from circle_tui.ui.screens.help import HelpScreen
from circle_tui.ui.screens.home import HomeScreen
from circle_tui.ui.screens.rounds import RoundsScreen
from tests.support.ui_support import Facilitator, make_app, press, settle


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def through_agreements(pilot, arrivals=("plus",) * 5 + ("n", "n")):
    app = pilot.app
    await press(pilot, "enter", *arrivals, "enter")  # home → arrivals → opening
    await press(pilot, "enter")  # → agreements
    cards = len(app.session.texts.agreements.cards)
    await press(pilot, *["right"] * cards)
    assert "Do we agree?" in text_of(app, "#card-heading")
    await press(pilot, "enter")
    assert isinstance(app.screen, RoundsScreen)


async def speak_until_round_complete(pilot, limit=40):
    for _ in range(limit):
        if pilot.app.circle.round.complete:
            return
        await press(pilot, "enter")
    raise AssertionError("round did not complete")


@pytest.mark.slow
async def test_a_whole_circle_by_keys_only_saves_the_counts(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await through_agreements(pilot)
        circle = app.circle
        assert circle.counts().present == 7 and circle.counts().newcomers == 2

        # Check-in: seat 2 passes, and is offered the turn again at the end.
        await press(pilot, "enter", "enter")  # start the round, start the first timer
        app.session.clock.advance(50)
        await press(pilot, "enter", "p")
        assert circle.round.outcomes[2].value == "passed"
        await speak_until_round_complete(pilot)
        assert circle.round.outcomes[2].value == "shared"  # came back and shared
        await press(pilot, "enter")  # close the round

        # Sharing: a late arrival, a pause, +1 min, an undo and someone leaving.
        await press(pilot, "enter", "enter")
        await press(pilot, "a", "enter")  # sits at the end of the circle (the default)
        assert circle.counts().present == 8 and 8 in circle.up_next
        await press(pilot, "space")
        assert circle.timer_state() is TimerState.PAUSED
        await press(pilot, "space", "plus")
        assert circle.timer.total_seconds == 6 * 60
        await press(pilot, "backspace")
        assert circle.timer.total_seconds == 5 * 60
        await press(pilot, "l")
        await press(pilot, "down", "down", "enter")  # seat 3 …
        await press(pilot, "down", "enter")  # … leaves for the night
        assert circle.participant(3).left and 3 not in circle.up_next
        await speak_until_round_complete(pilot)
        await press(pilot, "enter")

        # Second sharing round, ended early with confirmation.
        await press(pilot, "enter", "enter", "enter", "r", "enter")
        assert circle.round is None and circle.round_index == 3

        # Closing round, then closing and end.
        await press(pilot, "enter", "enter")
        await speak_until_round_complete(pilot)
        await press(pilot, "enter", "enter")
        assert isinstance(app.screen, ClosingScreen)
        await press(pilot, "enter")
        assert isinstance(app.screen, EndScreen)
        assert "8 present, 2 new — no names, nothing said." in text_of(app, "#statement")
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and app.circle is None

    (saved,) = app.session.attendance.records()
    assert (saved.present, saved.newcomers, saved.status) == (8, 2, "complete")
    assert (
        saved.circle == "Tuesday circle" and saved.date == "2026-11-27" and saved.started == "19:00"
    )
    assert AttendanceRecord.from_dict(saved.to_dict()) == saved


async def test_the_draft_is_written_at_the_first_arrival_and_follows_every_count(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test() as pilot:
        await press(pilot, "enter")
        assert app.session.attendance.records() == []
        await press(pilot, "plus")
        await settle(pilot)
        (draft,) = app.session.attendance.records()
        assert (draft.present, draft.status) == (1, "in_progress")
        await press(pilot, "n", "n", "minus")
        await settle(pilot)
        (draft,) = app.session.attendance.records()
        assert (draft.present, draft.newcomers) == (2, 1)
        await press(pilot, "2")
        await settle(pilot)
        (draft,) = app.session.attendance.records()
        assert (draft.present, draft.newcomers, draft.returning) == (3, 1, 1)
        assert "Seat 3: second visit counted" in str(app.screen.query_one("#last-action").render())


async def test_the_timer_shows_04_59_after_one_second_and_a_signed_plus_00_30_over(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await Facilitator(pilot).to_rounds(people=7, newcomers=2)
        await press(pilot, "enter")  # start check-in
        await press(pilot, "enter", "enter")  # seat 1 starts, then shares; seat 2 …
        await speak_until_round_complete(pilot)
        await press(pilot, "enter", "enter")  # close check-in; start the sharing round
        assert "waiting" in text_of(app, "#state")
        await press(pilot, "enter")  # start the 5-minute timer
        app.session.clock.advance(1)
        app.screen.refresh_view()
        await pilot.pause()
        assert app.screen.query_one("Digits").value == "04:59"
        app.session.clock.advance(329)
        app.screen.refresh_view()
        await pilot.pause()
        assert app.screen.query_one("Digits").value == "+00:30"  # never read as time left
        assert text_of(app, "#state") == "over time"  # the room view says the same
        assert app.screen.query_one("TimerFace").has_class("-over")


async def test_ctrl_q_during_a_session_asks_then_saves_the_draft(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test() as pilot:
        await press(pilot, "enter", "plus", "plus", "ctrl+q")
        assert app.screen.__class__.__name__ == "ConfirmScreen"
        await press(pilot, "escape")
        assert isinstance(app.screen, ArrivalsScreen)
        await press(pilot, "ctrl+q", "enter")
        await pilot.pause()
    (draft,) = app.session.attendance.records()
    assert (draft.present, draft.status) == (2, "in_progress")


async def test_a_stale_draft_is_shown_and_confirmed_or_corrected(tmp_path):
    from tests.support.helpers import record

    first = make_app(tmp_path)
    first.session.attendance.save(record(present=6, newcomers=1, status="in_progress", ended=""))
    app = make_app(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.screen.__class__.__name__ == "DraftScreen"
        await press(pilot, "minus", "enter")  # correct present 6 → 5
        await settle(pilot)
    (saved,) = app.session.attendance.records()
    assert (saved.present, saved.status) == (5, "interrupted")


@pytest.mark.parametrize("key", ["enter", "s"])
async def test_tonights_unfinished_circle_is_carried_on_by_enter_and_ended_only_by_s(tmp_path, key):
    """The forgiving answer on the key a facilitator presses first: enter carries tonight's
    circle on, as on home; s saves its counts and ends it (found on a facilitator's walk:
    enter had ended the evening, and a second enter on home then started it over)."""
    lost = make_app(tmp_path)
    async with lost.run_test() as pilot:
        await press(pilot, "enter", "plus", "plus", "ctrl+q", "enter")  # quit mid-circle
    app = make_app(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.screen.__class__.__name__ == "DraftScreen"
        await press(pilot, key)
        await settle(pilot)
        if key == "enter":
            assert app.session.circle is not None and len(app.session.circle.present) == 2
        else:
            assert app.session.circle is None and isinstance(app.screen, HomeScreen)
    (record,) = app.session.attendance.records()
    assert record.status == ("in_progress" if key == "enter" else "complete")


async def test_a_stale_draft_shows_its_second_visits_and_they_can_be_corrected(tmp_path):
    from tests.support.helpers import record

    first = make_app(tmp_path)
    first.session.attendance.save(
        record(present=8, newcomers=4, returning=1, status="in_progress", ended="")
    )
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        counts = " ".join(text_of(app, "#draft-counts").split())
        assert "1 second visit" in counts and "1 second visits" not in counts
        await press(pilot, "down", "down", "plus", "enter")  # second visits 1 → 2
        await settle(pilot)
    (saved,) = app.session.attendance.records()
    assert (saved.present, saved.newcomers, saved.returning) == (8, 4, 2)
    assert saved.status == "interrupted"


async def test_the_help_overlay_lists_every_key_of_the_screen(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await Facilitator(pilot).to_rounds(people=1, newcomers=0)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = dict((d, k) for k, d in key_rows(app.screen.under))
        for binding in RoundsScreen.BINDINGS:
            assert described(binding) in shown
        assert shown["Pass"] == "p" and shown["Undo"] == "backspace / ←"
        assert shown[next(k for k in shown if k.startswith("Care pause"))] == "g"
        assert "ctrl+q" in shown.values()
        await press(pilot, "escape")
        assert isinstance(app.screen, RoundsScreen)


async def test_undo_in_rounds_reverses_a_pass(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test() as pilot:
        await Facilitator(pilot).to_rounds(people=3, newcomers=0)
        await press(pilot, "enter", "enter", "p")
        assert app.circle.current == 2
        await press(pilot, "backspace")
        assert app.circle.current == 1 and app.circle.round.outcomes == {}
        assert "undone: pass" in text_of(app, "#said")
        assert app.circle.phase is Phase.ROUNDS


async def test_a_terminal_too_small_shows_a_message_instead_of_a_clipped_screen(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(60, 16)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.screen.__class__.__name__ == "TooSmallScreen"
        assert "needs at least 80×24" in str(app.screen.query_one("#too-small").render())


async def test_a_damaged_attendance_file_is_announced_before_anything_else(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "attendance.json").write_text("{truncated")
    app = make_app(tmp_path)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.screen.__class__.__name__ == "NoticeScreen"
        shown = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "attendance.corrupt-" in shown and "nothing was overwritten" in shown
        await press(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
    (aside,) = data.glob("attendance.corrupt-*.json")
    assert aside.read_text() == "{truncated"


async def test_the_command_palette_offers_the_main_actions(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test() as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in ("Start today's circle", "Attendance review", "Settings", "Privacy", "Keys"):
            assert wanted in titles
        start = next(
            c for c in app.get_system_commands(app.screen) if c.title == "Start today's circle"
        )
        start.callback()
        await pilot.pause()
        assert isinstance(app.screen, ArrivalsScreen)
        assert "End the round" in [c.title for c in app.get_system_commands(app.screen)]


async def test_the_help_list_scrolls_with_the_arrow_keys_on_a_small_screen(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await Facilitator(pilot).to_rounds(people=1, newcomers=0)
        await press(pilot, "question_mark")
        scroll = app.screen.query_one("VerticalScroll")
        assert scroll.max_scroll_y > 0
        await press(pilot, *["down"] * (scroll.max_scroll_y + 2))
        assert scroll.scroll_y == scroll.max_scroll_y


async def test_the_session_clock_and_ends_at_ignore_a_wall_clock_jump(tmp_path):
    from datetime import timedelta

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await Facilitator(pilot).to_rounds(people=7, newcomers=2)
        circle = app.circle
        jumped = circle.wall() + timedelta(minutes=1390)
        circle.wall = app.session.wall = lambda: jumped  # nothing may read it after the start
        app.session.clock.advance(25 * 60)
        await press(pilot, "enter")
        assert text_of(app, "#session-clock") == "session 0:25 of 2:00 · ends 21:00"
    assert circle.wall_now().strftime("%H:%M") == "19:25"


@pytest.mark.parametrize("link", ["", "https://forms.example.org/f"])
async def test_the_end_screen_names_the_cards_folder_only_when_a_code_could_be_saved(
    tmp_path, link
):
    """With no feedback or resources link there is no code at closing, so no card: the end
    screen does not promise one (a facilitator's walk)."""
    from circle_tui.settings import Settings
    from tests.support import state
    from tests.support.ui_support import screen_text

    def closed(session):
        state.in_rounds(session)
        state.in_closing_round(session)
        session.to_closing()

    app = make_app(tmp_path, Settings(feedback_url=link))
    async with app.run_test(size=(100, 30)) as pilot:
        await state.shown(pilot, closed)
        await press(pilot, "enter")
        assert isinstance(app.screen, EndScreen)
        assert ("Printable QR cards" in screen_text(app)) == bool(link)
