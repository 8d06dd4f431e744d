"""The room snapshot carries what the room may see and nothing else, and survives the socket."""

from __future__ import annotations

import json

import pytest

from circle_tui.core.timer import TimerState, TurnTimer
from circle_tui.room.snapshot import VERSION, decode, encode
from circle_tui.settings import Settings
from tests.support.scenario import SCENE_NAMES, room_scenes, scripted_session

FEEDBACK = "https://forms.example.org/f?d={date}"
#: Keys that would carry what only the facilitator may see.
NEVER = ("passed", "left", "airtime", "newcomer", "present", "spoken", "up_next", "path")


def scenes(tmp_path, **settings) -> dict[str, dict]:
    session = scripted_session(
        tmp_path,
        Settings(
            circle_name="Tuesday circle",
            feedback_url=FEEDBACK,
            resources_url="https://support.example.org/",
            silence_seconds=10,
            pause_silence_seconds=60,
            **settings,
        ),
    )
    return dict(room_scenes(session))


def all_keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in all_keys(v)}
    return set()


def test_every_phase_of_the_walk_has_its_snapshot(tmp_path):
    shown = {name: room["phase"] for name, room in scenes(tmp_path).items()}
    assert set(shown.values()) == {
        "waiting",
        "arrivals",
        "opening",
        "agreements",
        "rounds",
        "break",
        "pause",
        "closing",
        "ended",
    }


def test_each_snapshot_comes_back_the_same_through_a_line_of_json(tmp_path):
    for name, room in scenes(tmp_path).items():
        line = encode(room)
        assert line.endswith(b"\n") and line.count(b"\n") == 1, name
        assert decode(line) == room == json.loads(line), name
        assert room["version"] == VERSION


@pytest.mark.parametrize("room_names", ["seat", "none"])
def test_without_names_on_the_room_view_no_typed_name_is_ever_sent(tmp_path, room_names):
    names = [n for n in SCENE_NAMES if n]
    for name, room in scenes(tmp_path, room_names=room_names).items():
        line = encode(room).decode()
        assert [n for n in names if n in line] == [], name
        assert not all_keys(room) & set(NEVER), name
        if room_names == "none":
            assert room["speaker"] is None and (room["card"] or {}).get("reading") is None


def test_with_names_only_the_speaker_or_reader_is_named_never_who_passed_or_left(tmp_path):
    rooms = scenes(tmp_path, room_names="name")
    for name, room in rooms.items():
        line = encode(room).decode()
        named = {n for n in SCENE_NAMES if n and n in line}
        allowed = {room["speaker"], (room["card"] or {}).get("reading")}
        assert named <= allowed, name
        assert str(tmp_path) not in line, name  # no path of any kind
    assert rooms["rounds-running"]["speaker"] == "Robin"
    # Quillon passed and Zephyrine left: neither is named while Sam speaks.
    assert rooms["rounds-last-minute"]["speaker"] == "Sam"


def test_the_room_rebuilds_the_timer_and_counts_down_by_itself(tmp_path):
    from circle_tui.core.clock import FakeClock

    rooms = scenes(tmp_path)
    clock = FakeClock(5.0)  # another process's clock: only differences matter
    running = TurnTimer.from_dict(rooms["rounds-running"]["timer"], clock)
    assert running.state() is TimerState.RUNNING and running.remaining() == 48
    clock.advance(20)
    assert running.state() is TimerState.LAST_MINUTE and running.remaining() == 28
    assert TurnTimer.from_dict(rooms["rounds-time"]["timer"], clock).state() is TimerState.TIME
    assert TurnTimer.from_dict(rooms["rounds-paused"]["timer"], clock).state() is TimerState.PAUSED
    silence = TurnTimer.from_dict(rooms["rounds-silence"]["timer"], clock)
    assert silence.state() is TimerState.SILENCE and silence.silence_left() == 10
    brk = TurnTimer.from_dict(rooms["break"]["countdown"]["timer"], clock)
    assert brk.remaining() == 10 * 60 - 125


def test_closing_carries_the_links_and_which_code_the_console_shows(tmp_path):
    session = scripted_session(
        tmp_path,
        Settings(feedback_url=FEEDBACK, resources_url="https://support.example.org/"),
    )
    rooms = dict(room_scenes(session))
    assert rooms["closing"]["qr"] == {
        "feedback": "https://forms.example.org/f?d=2026-11-27",
        "resources": "https://support.example.org/",
        "shown": "feedback",
        "level": "M",
    }


def test_after_the_circle_ends_the_room_is_told_it_ended_not_that_one_begins(tmp_path):
    rooms = scenes(tmp_path)
    assert rooms["waiting"]["phase"] == "waiting"
    assert rooms["ended"]["phase"] == "ended"


def test_the_care_pause_shows_the_room_its_words_silence_and_the_resources_code(tmp_path):
    rooms = scenes(tmp_path)
    pause = rooms["pause"]
    assert pause["phase"] == "pause" and pause["words"]  # the set's pause words
    assert pause["countdown"]["kind"] == "silence" and pause["qr"] is None
    assert rooms["pause-resources"]["qr"] == {
        "feedback": None,
        "resources": "https://support.example.org/",
        "shown": "resources",
        "level": "M",
    }
    assert rooms["break"]["phase"] == "break"  # and the circle goes on where it was


def test_every_snapshot_the_console_can_send_passes_the_room_views_contract(tmp_path):
    """The longest texts the settings and the name prompt take, markup and any script in
    them, a long link: what the console builds, the room view accepts — one contract."""
    from circle_tui.core.rounds import RoundSpec

    long_name = ("Círculo [b]de[/b] los martes 🌿 " * 4)[:80]
    sets = tmp_path / "config" / "agreements"
    sets.mkdir(parents=True)
    (sets / "mine.md").write_text(  # a tab in a heading; a heading over two lines
        "# Our\tset\n\n## Listen\tdeeply\n\nBody\twith a tab.\n\n"
        "Two line\nheading\n-------\n\nMore.\n"
    )
    session = scripted_session(
        tmp_path,
        Settings(
            circle_name=long_name,
            agreements="mine",
            feedback_url="https://forms.example.org/f?d={date}&c={circle}",
            resources_url="https://support.example.org/" + "r" * 150,
            room_names="name",
            silence_seconds=10,
            pause_silence_seconds=60,
            rounds=(
                RoundSpec("x" * 40, 60, "¿" + "p" * 198 + "?"),
                RoundSpec("closing", 1, closing=True),
            ),
        ),
    )
    for name, room in room_scenes(session):
        assert decode(encode(room)) == room, name
