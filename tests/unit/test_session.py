"""Tonight's session without Textual: its life, its drafts by watching, and what the room may see."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from circle_tui.core.clock import FakeClock
from circle_tui.core.plan import Phase
from circle_tui.core.timer import TurnTimer
from circle_tui.room.snapshot import VERSION
from circle_tui.room.snapshot import snapshot as room_snapshot
from circle_tui.session import SaveFailed, Session
from circle_tui.settings import Paths, Settings
from circle_tui.storage.attendance import AttendanceLog
from tests.support.scenario import Wall

FEEDBACK = "https://forms.example.org/f?d={date}&c={circle}"


def make_session(tmp_path: Path, **settings) -> Session:
    paths = Paths(config_file=tmp_path / "config.toml", data_dir=tmp_path / "data")
    log, _ = AttendanceLog.open(paths.data_dir)
    clock = FakeClock()
    return Session(
        paths,
        Settings(circle_name="Tuesday circle", feedback_url=FEEDBACK, **settings),
        log,
        clock=clock,
        wall=Wall(clock),
        rng=random.Random(3),
    )


def on_disk(session: Session):
    assert session.draft_writer.flush()
    return AttendanceLog.read_only(session.paths.data_dir).records()


def test_a_whole_circle_saves_its_counts_and_forgets_every_name(tmp_path):
    session = make_session(tmp_path)
    circle = session.start()
    circle.arrive(name="Zephyrine")
    circle.arrive(newcomer=True)
    circle.arrive(returning=True)
    for phase in (Phase.OPENING, Phase.AGREEMENTS):
        circle.go_to(phase)
    assert circle.start_round()
    while circle.round is not None and not circle.round.complete:
        circle.next_speaker()
        session.clock.advance(45)
    circle.end_round()
    circle.go_to(Phase.CLOSING)
    circle.go_to(Phase.END)
    record = session.end()
    assert session.circle is None and session.session_id is None
    assert [p.name for p in circle.participants] == [None, None, None]
    (saved,) = on_disk(session)
    assert saved == record
    assert (saved.present, saved.newcomers, saved.returning, saved.status) == (3, 1, 1, "complete")
    assert (saved.date, saved.started, saved.ended) == ("2026-11-27", "19:00", "19:03")


def test_a_draft_is_written_after_every_count_change_without_being_asked(tmp_path):
    session = make_session(tmp_path)
    circle = session.start()
    assert on_disk(session) == []  # nobody yet: nothing to count
    circle.arrive()
    (draft,) = on_disk(session)
    assert (draft.present, draft.status) == (1, "in_progress")
    circle.arrive(newcomer=True)
    assert on_disk(session)[0].newcomers == 1
    circle.undo()
    assert on_disk(session)[0].newcomers == 0
    circle.adjust_present(+2)
    assert on_disk(session)[0].present == 3


def test_watchers_are_told_of_every_change_and_can_stop(tmp_path):
    session = make_session(tmp_path)
    seen = []
    stop = session.watch(lambda: seen.append(session.circle.phase if session.circle else None))
    circle = session.start()
    circle.arrive()
    circle.go_to(Phase.OPENING)
    circle.start_silence(60)
    assert seen == [Phase.ARRIVALS, Phase.ARRIVALS, Phase.OPENING, Phase.OPENING]
    stop()
    circle.go_to(Phase.AGREEMENTS)
    assert len(seen) == 4


def test_the_recorded_end_is_the_start_plus_the_time_that_really_passed(tmp_path):
    session = make_session(tmp_path)
    circle = session.start()
    circle.arrive()
    session.clock.advance(10)
    session.wall = lambda: Wall(session.clock)().replace(hour=23, minute=59)  # a clock jump
    assert session.end().ended == "19:00"


def test_a_failed_final_save_keeps_the_circle_and_its_counts(tmp_path, monkeypatch):
    session = make_session(tmp_path)
    circle = session.start()
    circle.arrive()

    def full_disk(record):
        raise OSError(28, "No space left on device")

    assert session.draft_writer.flush()
    monkeypatch.setattr(session.attendance, "save", full_disk)
    with pytest.raises(SaveFailed, match="No space left"):
        session.end()
    assert session.circle is circle and circle.counts().present == 1


def test_new_settings_reload_the_texts_but_leave_the_circle(tmp_path):
    session = make_session(tmp_path)
    circle = session.start()
    circle.arrive(name="Zephyrine")
    session.apply_settings(Settings(agreements="drop-in"))
    assert session.texts.agreements.title == "Drop-in circle agreements (short)"
    assert session.circle is circle and circle.participants[0].label == "Zephyrine"


# -- the room snapshot ---------------------------------------------------------------------------
def test_without_a_readable_set_the_circle_agrees_aloud_not_to_unread_cards(tmp_path):
    session = make_session(tmp_path, agreements="no-such-set")
    assert session.texts.agreements is None and session.texts.agreements_error
    (only,) = session.texts.cards
    assert only.heading == "Our agreements" and "anyone may pass" in only.body


def walk_every_phase(session: Session):
    """The room snapshot at each moment of a circle (the circle mid-way through it)."""
    yield "before", room_snapshot(session)
    circle = session.start()
    circle.arrive(name="Zephyrine")
    circle.arrive(name="Quillonar", newcomer=True)
    circle.arrive()
    yield "arrivals", room_snapshot(session)
    circle.go_to(Phase.OPENING)
    circle.start_silence(60)
    yield "opening", room_snapshot(session)
    circle.go_to(Phase.AGREEMENTS)
    circle.toggle_reader_rotation()
    circle.show_card(2)
    yield "agreements", room_snapshot(session)
    circle.go_to(Phase.ROUNDS)
    yield "between rounds", room_snapshot(session)
    circle.start_round()
    circle.next_speaker()
    circle.pass_turn()
    session.clock.advance(20)
    yield "turn", room_snapshot(session)
    circle.leave(1)
    circle.end_round()
    circle.go_to(Phase.BREAK)
    yield "break", room_snapshot(session)
    circle.go_to(Phase.CLOSING)
    yield "closing", room_snapshot(session)


def test_the_room_snapshot_of_every_phase_round_trips_through_json(tmp_path):
    session = make_session(tmp_path)
    phases = []
    for moment, room in walk_every_phase(session):
        assert json.loads(json.dumps(room)) == room, moment
        assert room["version"] == VERSION and room["circle"] == "Tuesday circle"
        phases.append(room["phase"])
    assert phases == [
        "waiting",
        "arrivals",
        "opening",
        "agreements",
        "rounds",
        "rounds",
        "break",
        "closing",
    ]


def test_the_room_sees_the_card_the_round_the_speaker_and_the_codes(tmp_path):
    session = make_session(tmp_path)
    rooms = dict(walk_every_phase(session))
    card = rooms["agreements"]["card"]
    assert (card["number"], card["of"], card["heading"]) == (3, 10, "Listen deeply, without fixing")
    assert card["reading"] == "Seat 3"  # the rotation: card 3 is read by the third seat
    turn = rooms["turn"]
    assert turn["round"]["name"] == "check-in" and turn["round"]["prompt"].startswith(
        "What are you"
    )
    assert turn["speaker"] == "Quillonar"
    clock = FakeClock()
    timer = TurnTimer.from_dict(turn["timer"], clock)
    assert timer.remaining() == 40
    clock.advance(15)
    assert timer.remaining() == 25  # the room view counts down by itself
    assert rooms["opening"]["countdown"]["kind"] == "silence"
    assert rooms["break"]["countdown"]["kind"] == "break"
    assert rooms["closing"]["qr"]["feedback"].startswith("https://forms.example.org/f?d=2026-11-27")


@pytest.mark.parametrize("room_names", ["name", "seat", "none"])
def test_the_room_never_holds_who_passed_left_or_is_new_nor_any_count(tmp_path, room_names):
    session = make_session(tmp_path, room_names=room_names)
    shown = {"name": "Quillonar", "seat": "Seat 2", "none": None}[room_names]
    for moment, room in walk_every_phase(session):
        text = json.dumps(room)
        if moment != "turn":
            assert "Quillonar" not in text, moment
        assert "Zephyrine" not in text or room_names == "name" and moment == "turn", moment
        for word in ("passed", "left", "newcomer", "first-timer", "airtime", "present", "path"):
            assert word not in text, (moment, word)
        assert str(session.paths.data_dir) not in text
    assert (
        dict(walk_every_phase(make_session(tmp_path / "again", room_names=room_names)))["turn"][
            "speaker"
        ]
        == shown
    )


def test_the_session_module_runs_without_textual():
    code = (
        "import sys, circle_tui.session, circle_tui.room.snapshot\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_wall_clock_jump_or_a_suspend_changes_neither_the_duration_nor_the_end(tmp_path):
    """A clock set forward or back, or a suspend (the monotonic clock stands still while the
    wall clock runs on), cannot make a 10-second circle last 1,390 minutes; the session clock
    and "ends at" agree all along."""
    session = make_session(tmp_path, session_minutes=120)
    now = [datetime(2026, 11, 27, 19, 0)]
    session.wall = lambda: now[0]
    circle = session.start()
    circle.arrive()
    for jump in (timedelta(minutes=1390), timedelta(hours=-5)):
        session.clock.advance(5)
        now[0] += jump  # the clock changes, or the lid was closed all night
        assert circle.ends_at() == datetime(2026, 11, 27, 21, 0)
        assert circle.wall_now() + timedelta(seconds=circle.session_left()) == circle.ends_at()
    assert circle.wall_now() == datetime(2026, 11, 27, 19, 0, 10)
    record = session.end()
    assert (record.started, record.ended, record.minutes()) == ("19:00", "19:00", 0)
