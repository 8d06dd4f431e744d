"""Carry on means carry on: the recovery checkpoint returns a lost circle to its exact
place, holds no name, is private, and goes when the session ends or is settled."""

from __future__ import annotations

import random
import stat
from pathlib import Path

import pytest

from circle_tui.core.checkpoint import CheckpointError, checkpoint, restore
from circle_tui.core.circle import Circle
from circle_tui.core.clock import FakeClock
from circle_tui.core.order import OrderMode
from circle_tui.core.plan import Phase
from circle_tui.core.rounds import RoundSpec
from circle_tui.core.timer import TimerState
from circle_tui.session import Session
from circle_tui.session.privacy_statement import privacy_text
from circle_tui.settings import Paths, Settings
from circle_tui.storage.attendance import AttendanceLog, stored_files
from circle_tui.storage.checkpoint import checkpoint_files, checkpoint_path
from tests.app.test_privacy import files_holding
from tests.support.scenario import Wall

NAMES = ["Zephyrine", "Quillon", "Robin", "Marisol"]
PLAN = [RoundSpec("check-in", 1), RoundSpec("sharing", 5), RoundSpec("closing", 1, closing=True)]


def open_session(
    root: Path,
    clock: FakeClock | None = None,
    wall: Wall | None = None,
    circle_name: str = "Tuesday circle",
) -> Session:
    """A fresh app's session on `root`'s data dir, as after a restart (on the same wall
    clock, when given: the evening goes on)."""
    paths = Paths(config_file=root / "config.toml", data_dir=root / "data")
    log, _ = AttendanceLog.open(paths.data_dir)
    clock = clock or FakeClock()
    return Session(
        paths,
        Settings(circle_name=circle_name),
        log,
        clock=clock,
        wall=wall or Wall(clock),
        rng=random.Random(2),
    )


def circle_in_round_two(session: Session) -> Circle:
    """Six named seats (a first-timer, one here for the second time), moved to match the
    room; round 1 done with a pass; one more round added; in round 2 seat 3 left, seat 5
    stepped out, and seat 6 has spoken for 40 s."""
    clock = session.clock
    circle = session.start()
    for i, name in enumerate(NAMES):
        circle.arrive(newcomer=i == 1, name=name)
    circle.arrive(returning=True)
    circle.arrive()
    circle.move_seat(6, -1)  # seat 6 sits before seat 5
    circle.go_to(Phase.ROUNDS)
    circle.start_round()
    circle.next_speaker()
    circle.pass_turn()
    while circle.round is not None and not circle.round.complete:
        clock.advance(30)
        circle.next_speaker()
    circle.end_round()
    circle.add_round()
    circle.toggle_direction()
    circle.move_start_seat(-1)  # from the last seat, anticlockwise
    circle.start_round()
    circle.leave(3)
    circle.step_out(5)
    circle.next_speaker()  # the first turn's timer starts
    clock.advance(40)
    return circle


def test_a_checkpoint_restores_every_seat_the_plan_the_order_and_the_turn():
    clock = FakeClock()
    wall = Wall(clock)
    circle = Circle(PLAN, clock=clock, wall=wall, agreement_cards=3)
    for newcomer in (False, True, False, False):
        circle.arrive(newcomer=newcomer)
    circle.go_to(Phase.ROUNDS)
    circle.cycle_order_mode()  # popcorn
    circle.skip_next_round()
    circle.add_round()
    circle.start_round()
    circle.start_picked()
    circle.next_speaker()  # its timer starts
    circle.leave(2)
    clock.advance(70)
    data = checkpoint(circle, "id")

    again = Circle([], clock=clock, wall=wall, agreement_cards=3)
    restore(again, data)
    assert [s.name for s in again.plan] == ["check-in", "sharing", "sharing", "closing"]
    assert again.round_index == 1 and again.phase is Phase.ROUNDS
    assert again.next_order.mode is OrderMode.POPCORN
    assert [(p.seat, p.newcomer, p.left) for p in again.participants] == [
        (p.seat, p.newcomer, p.left) for p in circle.participants
    ]
    assert again.current == circle.current and again.up_next == circle.up_next
    assert 2 not in again.up_next
    assert again.timer is not None and again.timer.elapsed() == pytest.approx(70)
    assert again.timer_state() is circle.timer_state()
    assert not again.can_undo  # nothing before the crash can be undone: it was not seen here


def test_a_checkpoint_never_holds_a_name():
    circle = Circle(PLAN, clock=FakeClock())
    for name in NAMES:
        circle.arrive(name=name)
    assert not [n for n in NAMES if n in repr(checkpoint(circle, "id"))]


def test_a_checkpoint_of_another_version_is_refused():
    circle = Circle(PLAN, clock=FakeClock())
    circle.arrive()
    data = checkpoint(circle, "id") | {"version": 99}
    with pytest.raises(CheckpointError):
        restore(Circle(PLAN, clock=FakeClock()), data)
    data = checkpoint(circle, "id")
    del data["seats"]
    with pytest.raises(CheckpointError):
        restore(Circle(PLAN, clock=FakeClock()), data)


def test_carry_on_after_a_crash_lands_in_round_two_with_the_leaver_out_of_the_queue(tmp_path):
    clock = FakeClock()
    wall = Wall(clock)
    lost = open_session(tmp_path, clock, wall)
    circle = circle_in_round_two(lost)
    place = (circle.round_index, circle.current, circle.up_next, circle.round.outcomes.copy())
    assert lost.draft_writer.flush() and lost.checkpoint_writer.flush()
    # The app dies here: nothing ends the session, and the lock goes with the process.
    lost.attendance.close()
    del lost, circle

    clock.advance(15)  # the laptop comes back; the speaker went on meanwhile
    # The name's case set right in the settings meanwhile: still tonight's circle.
    back = open_session(tmp_path, clock, wall, circle_name="Tuesday Circle")
    (draft,) = back.attendance.drafts()
    assert back.can_resume(draft)
    circle = back.resume(draft)
    assert circle.phase is Phase.ROUNDS
    assert (circle.round_index, circle.current, circle.up_next) == place[:3]
    assert circle.round.outcomes == place[3]
    assert circle.round_label().startswith("round 2 of 5")  # 4 planned, 1 added
    assert circle.participant(3).left and 3 not in circle.up_next
    assert circle.participant(5).out and [p.seat for p in circle.stepped_out] == [5]
    assert [p.seat for p in circle.participants] == [1, 2, 3, 4, 6, 5]
    assert circle.participant(2).newcomer and circle.participant(5).returning
    assert not circle.next_order.clockwise and circle.next_order.start_seat == 5
    assert circle.timer_state() is TimerState.RUNNING
    assert circle.timer.elapsed() == pytest.approx(55)  # 40 s, and 15 s while it was lost
    assert [p.name for p in circle.participants] == [None] * 6  # seats come back unnamed
    counts = circle.counts()
    assert (counts.present, counts.newcomers, counts.returning) == (6, 1, 1)
    # The draft carried on is the same session, not a second one.
    assert back.session_id == draft.id
    assert back.checkpoint_writer.flush()
    assert files_holding([tmp_path], NAMES) == []  # the checkpoint included
    back.attendance.close()


def test_the_checkpoint_is_private_and_holds_seats_only(tmp_path):
    session = open_session(tmp_path)
    circle_in_round_two(session)
    assert session.checkpoint_writer.flush()
    path = checkpoint_path(session.paths.data_dir, session.session_id)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert files_holding([tmp_path], NAMES) == []
    assert path in stored_files(session.paths.data_dir)  # privacy --erase deletes it
    assert "recovery-<session>.json" in privacy_text(session.paths, room="the room")
    assert "1 there now" in privacy_text(session.paths, room="the room")
    session.attendance.close()


def test_the_checkpoint_goes_when_the_session_ends(tmp_path):
    session = open_session(tmp_path)
    circle = circle_in_round_two(session)
    assert session.checkpoint_writer.flush()
    assert checkpoint_files(session.paths.data_dir)
    circle.go_to(Phase.END)
    session.end()
    assert session.checkpoint_writer.flush()
    assert checkpoint_files(session.paths.data_dir) == []
    session.attendance.close()


def test_the_checkpoint_goes_when_its_draft_is_settled(tmp_path):
    session = open_session(tmp_path)
    circle_in_round_two(session)
    assert session.checkpoint_writer.flush() and session.draft_writer.flush()
    session.attendance.close()
    back = open_session(tmp_path)
    (draft,) = back.attendance.drafts()
    back.forget_checkpoint(draft.id)  # as the draft dialog does when its counts are saved
    assert checkpoint_files(back.paths.data_dir) == []
    back.attendance.close()


def test_an_unreadable_checkpoint_is_set_aside_and_the_circle_carries_on_from_its_counts(
    tmp_path,
):
    session = open_session(tmp_path)
    circle_in_round_two(session)
    assert session.checkpoint_writer.flush() and session.draft_writer.flush()
    path = checkpoint_path(session.paths.data_dir, session.session_id)
    session.attendance.close()
    path.write_text("{not json")
    back = open_session(tmp_path)
    (draft,) = back.attendance.drafts()
    circle = back.resume(draft)
    assert circle.phase is Phase.ARRIVALS and circle.counts().present == 6
    assert "could not be read" in (back.resume_problem or "")
    assert back.checkpoint_writer.flush()
    aside = [p for p in checkpoint_files(back.paths.data_dir) if p != path]
    assert [p.read_text() for p in aside] == ["{not json"]  # unchanged, never overwritten
    assert path.read_text().startswith("{")  # the circle carried on has its own again
    back.attendance.close()


async def test_c_on_the_unfinished_session_dialog_returns_to_the_round(tmp_path):
    from circle_tui.ui.screens.draft import DraftScreen
    from circle_tui.ui.screens.rounds import RoundsScreen
    from tests.support.ui_support import make_app, screen_text, until_shown

    lost = open_session(tmp_path)
    circle_in_round_two(lost)
    assert lost.draft_writer.flush() and lost.checkpoint_writer.flush()
    lost.attendance.close()

    app = make_app(tmp_path)  # the same data folder, after the restart
    async with app.run_test(size=(100, 30)) as pilot:
        await until_shown(pilot, DraftScreen)
        await pilot.press("c")
        await until_shown(pilot, RoundsScreen)
        await pilot.pause()
        shown = screen_text(app)
        circle = app.session.circle
        assert "round 2 of 5" in shown and circle.label(circle.current) in shown
        assert 3 not in app.session.circle.up_next


async def _home_after_a_lost_circle(pilot) -> None:
    """The unfinished-session dialog answered with escape ("decide later"): home."""
    from circle_tui.ui.screens.draft import DraftScreen
    from circle_tui.ui.screens.home import HomeScreen
    from tests.support.ui_support import until_shown

    await until_shown(pilot, DraftScreen)
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(pilot.app.screen, HomeScreen)


def lose_a_circle(root: Path) -> str:
    lost = open_session(root)
    circle_in_round_two(lost)
    assert lost.draft_writer.flush() and lost.checkpoint_writer.flush()
    lost.attendance.close()
    return lost.session_id or ""


async def test_starting_while_tonights_circle_is_unfinished_carries_it_on_by_default(tmp_path):
    from circle_tui.ui.screens.confirm import PickScreen
    from tests.support.ui_support import make_app

    lost_id = lose_a_circle(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _home_after_a_lost_circle(pilot)
        await pilot.press("enter")  # start today's circle
        await pilot.pause()
        assert isinstance(app.screen, PickScreen) and not app.session.in_circle
        await pilot.press("enter")  # the default: carry on
        await pilot.pause()
        assert app.session.session_id == lost_id
        assert app.session.circle.round_index == 1
        assert [d.id for d in app.session.attendance.drafts()] == [lost_id]  # one night, once


async def test_a_separate_session_is_only_started_when_chosen(tmp_path):
    from circle_tui.core.plan import Phase
    from tests.support.ui_support import make_app

    lost_id = lose_a_circle(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _home_after_a_lost_circle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")  # neither: still home, no circle
        await pilot.pause()
        assert not app.session.in_circle
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "enter")  # a separate session, explicitly
        await pilot.pause()
        circle = app.session.circle
        assert circle is not None and circle.phase is Phase.ARRIVALS
        assert app.session.session_id != lost_id and circle.counts().present == 0


def test_a_draft_of_another_night_or_circle_is_not_offered(tmp_path):
    lose_a_circle(tmp_path)
    session = open_session(tmp_path)
    assert session.tonights_draft() is not None
    session.settings = Settings(circle_name="Thursday circle")
    assert session.tonights_draft() is None
    session.attendance.close()
