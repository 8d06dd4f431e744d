"""The gentle chime (issue 29): the sound shipped, when it sounds, and how it is played —
by the system's own player, in the background, never twice at once."""

from __future__ import annotations

import importlib.util
import os
import random
import stat
import sys
import time
import types
import wave
from array import array
from pathlib import Path

import pytest

from circle_tui import platform
from circle_tui.core.chime import ChimeCues
from circle_tui.core.circle import Circle
from circle_tui.core.clock import FakeClock
from circle_tui.core.plan import Phase
from circle_tui.core.rounds import RoundSpec
from circle_tui.session.chime import Chime, chime_file
from circle_tui.session.readiness import before_the_circle
from circle_tui.settings import Settings
from tests.support.scenario import scripted_session

ROOT = Path(__file__).resolve().parents[2]


def frames_of(path: Path) -> tuple[wave._wave_params, array]:
    with wave.open(str(path), "rb") as sound:
        params = sound.getparams()
        data = array("h", sound.readframes(params.nframes))
    if sys.byteorder == "big":
        data.byteswap()
    return params, data


# -- the sound -----------------------------------------------------------------------------
def test_the_chime_is_a_short_quiet_mono_sound_that_starts_and_ends_in_silence():
    params, data = frames_of(chime_file())
    assert (params.nchannels, params.sampwidth) == (1, 2)
    seconds = params.nframes / params.framerate
    assert 0.5 <= seconds <= 2.0
    peak = max(abs(v) for v in data) / 32768
    assert 0.1 <= peak <= 0.3  # about −12 dBFS: soft, and still heard
    assert abs(data[0]) < 0.01 * 32768 and abs(data[-1]) < 0.01 * 32768  # no click
    assert chime_file().stat().st_size < 100_000


def test_the_chime_is_what_its_script_makes():
    spec = importlib.util.spec_from_file_location("make_chime", ROOT / "assets" / "make_chime.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    made = ROOT / "made.wav"
    try:
        made.write_bytes(module.chime_bytes())
        (_, ours), (_, shipped) = frames_of(made), frames_of(chime_file())
    finally:
        made.unlink()
    assert len(ours) == len(shipped)
    assert max(abs(a - b) for a, b in zip(ours, shipped, strict=True)) <= 1  # libm rounding


# -- which player ----------------------------------------------------------------------------
def fake_players(folder: Path, *names: str, script: str = "exit 0\n") -> Path:
    folder.mkdir(exist_ok=True)
    for name in names:
        path = folder / name
        path.write_text("#!/bin/sh\n" + script)
        path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return folder


@pytest.mark.skipif(sys.platform == "win32", reason="fake players are shell scripts")
@pytest.mark.parametrize(
    ("system", "found", "expected"),
    [
        ("linux", ("pw-play", "paplay", "aplay"), ["pw-play"]),
        ("linux", ("paplay", "aplay"), ["paplay"]),
        ("linux", ("aplay", "afplay"), ["aplay", "-q"]),
        ("darwin", ("afplay", "paplay"), ["afplay"]),
        ("darwin", ("paplay",), None),
        ("linux", (), None),
    ],
)
def test_the_player_is_the_systems_own(tmp_path, monkeypatch, system, found, expected):
    folder = fake_players(tmp_path / "bin", *found)
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setattr(sys, "platform", system)
    command = platform.sound_command(Path("chime.wav"))
    if expected is None:
        assert command is None and not platform.can_play_sound()
        assert platform.play_sound(Path("chime.wav")) is None
    else:
        assert command == [str(folder / expected[0]), *expected[1:], "chime.wav"]
        assert platform.can_play_sound()


def test_on_windows_winsound_plays_it_asynchronously(monkeypatch):
    calls = []
    fake = types.SimpleNamespace(
        SND_FILENAME=0x20000,
        SND_ASYNC=0x1,
        SND_NODEFAULT=0x2,
        PlaySound=lambda sound, flags: calls.append((sound, flags)),
    )
    monkeypatch.setitem(sys.modules, "winsound", fake)
    monkeypatch.setattr(sys, "platform", "win32")
    assert platform.can_play_sound() and platform.sound_command(Path("x.wav")) is None
    playing = platform.play_sound(Path("chime.wav"))
    assert playing is not None and not playing()
    ((sound, flags),) = calls
    assert sound == "chime.wav" and flags & fake.SND_ASYNC and flags & fake.SND_FILENAME


def wait_for(condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the fake player never got there"
        time.sleep(0.02)


@pytest.mark.skipif(sys.platform == "win32", reason="fake players are shell scripts")
def test_the_chime_plays_in_the_background_and_never_twice_at_once(tmp_path, monkeypatch):
    """A fake player records its call, then waits to be released: play() has returned long
    before, and a second chime while it sounds is not started."""
    log, release = tmp_path / "calls", tmp_path / "release"
    script = (
        "PATH=/usr/bin:/bin\n"  # the test's PATH holds only the fake player
        f'echo "$@" >> "{log}"\n'
        f"i=0; while [ ! -e '{release}' ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done\n"
    )
    monkeypatch.setenv("PATH", str(fake_players(tmp_path / "bin", "paplay", script=script)))
    monkeypatch.setattr(sys, "platform", "linux")
    chime = Chime()
    assert chime.play()
    assert not release.exists()  # play() returned while the player still waits
    wait_for(log.exists)
    assert not chime.play()  # still sounding: no second chime over it
    release.touch()
    wait_for(lambda: not chime._playing())
    assert chime.play()
    wait_for(lambda: len(log.read_text().splitlines()) == 2)
    assert log.read_text().splitlines()[0] == str(chime_file())


def test_a_player_that_cannot_start_is_no_chime_and_no_crash():
    def broken(path):
        raise PermissionError(13, "not executable")

    assert not Chime(play=broken).play()


# -- when it sounds --------------------------------------------------------------------------
def turn_with_silence(untimed=False):
    clock = FakeClock()
    plan = [RoundSpec("sharing", 1, untimed=untimed), RoundSpec("closing", 1, closing=True)]
    circle = Circle(plan, clock=clock, rng=random.Random(1), silence_seconds=5)
    for _ in range(3):
        circle.arrive()
    circle.go_to(Phase.ROUNDS)
    circle.start_round()
    circle.next_speaker()  # the first turn runs at once
    return clock, circle


@pytest.mark.parametrize(
    ("when", "expected"), [("off", 0), ("silences", 2), ("silences-and-time", 3)]
)
def test_the_chime_marks_a_silence_begun_and_ended_and_a_turn_at_time(when, expected):
    clock, circle = turn_with_silence()
    cues = ChimeCues()
    heard = cues.moments(circle, when)
    clock.advance(60)  # the first turn reaches its time
    heard += cues.moments(circle, when)
    clock.advance(15)
    heard += cues.moments(circle, when)  # still over time: no second chime
    circle.next_speaker()  # the silence before the next turn begins
    heard += cues.moments(circle, when)
    clock.advance(5)  # and ends
    heard += cues.moments(circle, when)
    assert heard == expected


def test_a_pause_or_an_untimed_turn_is_never_a_moment_for_the_chime():
    clock, circle = turn_with_silence(untimed=True)
    cues = ChimeCues()
    circle.toggle_pause()
    clock.advance(120)
    circle.toggle_pause()
    clock.advance(120)  # an untimed turn has no time to reach
    assert cues.moments(circle, "silences-and-time") == 0


def test_the_opening_silence_chimes_as_it_begins_and_ends():
    clock, circle = FakeClock(), None
    circle = Circle([RoundSpec("a", 1)], clock=clock)
    cues = ChimeCues()
    circle.go_to(Phase.OPENING)
    circle.start_silence(60)
    assert cues.moments(circle, "silences") == 1
    clock.advance(30)
    assert cues.moments(circle, "silences") == 0
    clock.advance(30)
    assert cues.moments(circle, "silences") == 1


# -- the checklist ---------------------------------------------------------------------------
@pytest.mark.skipif(sys.platform == "win32", reason="Windows always has winsound")
def test_with_no_player_the_checklist_says_so_once_and_only_if_the_chime_is_on(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("PATH", str(fake_players(tmp_path / "empty")))
    monkeypatch.setattr(sys, "platform", "linux")
    on = scripted_session(tmp_path / "on", Settings(chime="silences"))
    lines = [line for line in before_the_circle(on) if "chime" in line]
    assert len(lines) == 1 and "aplay" in lines[0]
    off = scripted_session(tmp_path / "off", Settings())
    assert not [line for line in before_the_circle(off) if "chime" in line]
    monkeypatch.setenv("PATH", str(fake_players(tmp_path / "bin", "aplay")) + os.pathsep)
    assert not [line for line in before_the_circle(on) if "chime" in line]
