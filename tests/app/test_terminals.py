"""Terminals as facilitators have them: 16 colours, or an encoding without box glyphs."""

from __future__ import annotations

import pytest
from rich.color import Color, ColorSystem

from circle_tui.core.plan import Phase
from circle_tui.ui.screens.rounds import RoundsScreen
from circle_tui.ui.widgets.timer_face import TimerFace
from tests.support.ui_support import make_app, until_shown


def _ansi(colour) -> int | None:
    """The colour a terminal of 16 colours shows for a Textual colour."""
    return Color.parse(colour.hex).downgrade(ColorSystem.STANDARD).number


async def _cue_colours(tmp_path, monkeypatch, color_system: str) -> dict[str, int | None]:
    """The state word's colour on the rounds screen at the last minute, at time and over."""
    from textual import constants

    monkeypatch.setattr(constants, "COLOR_SYSTEM", color_system)
    app = make_app(tmp_path)
    seen: dict[str, int | None] = {}
    async with app.run_test(size=(100, 30)) as pilot:
        circle = app.session.start()
        for _ in range(3):
            circle.arrive()
        circle.go_to(Phase.ROUNDS)
        circle.start_round()
        circle.next_speaker()  # the check-in's first turn: 60 s, its cue at half of it
        await until_shown(pilot, RoundsScreen)
        await pilot.pause()
        clock = app.session.clock
        for cue, seconds in (("last-minute", 35), ("time", 26), ("over", 10)):
            clock.advance(seconds)
            app.screen.tick()  # as the screen's once-a-second timer would
            await pilot.pause()
            face = app.screen.query_one(TimerFace)
            assert face.has_class(f"-{cue}"), cue
            seen[cue] = _ansi(face.query_one("#state").styles.color)
        seen["accent"] = _ansi(app.screen.query_one("#speaker").styles.color)  # the name
    return seen


async def test_on_16_colours_the_last_minute_over_and_accent_each_have_their_own_colour(
    tmp_path, monkeypatch
):
    seen = await _cue_colours(tmp_path, monkeypatch, "standard")
    assert seen["last-minute"] != seen["over"]
    assert seen["accent"] not in (seen["last-minute"], seen["over"])
    assert seen["time"] == seen["over"]  # time stays time, counting up or not


async def test_without_the_16_colour_cues_they_would_all_be_bright_red(tmp_path, monkeypatch):
    """Why the cues are replaced: the themes' own colours collide on 16 colours."""
    from circle_tui.ui import themes

    monkeypatch.setattr(themes, "SIXTEEN_COLOURS", ())
    seen = await _cue_colours(tmp_path, monkeypatch, "standard")
    assert seen["last-minute"] == seen["over"] == seen["accent"] == 9  # bright red


async def test_on_truecolour_the_theme_colours_are_untouched(tmp_path, monkeypatch):
    from textual.theme import BUILTIN_THEMES

    from circle_tui.ui.themes import css_variables

    theme = BUILTIN_THEMES["textual-dark"]
    assert (
        css_variables(theme, "truecolor")["warning"]
        == theme.to_color_system().generate()["warning"]
    )
    warning = css_variables(theme, "standard")["warning"]
    assert Color.parse(warning).downgrade(ColorSystem.STANDARD).number == 11  # bright yellow


def start(tmp_path, command, *, input_tty=True, output_tty=True, env=None):
    """Run circle-tui with a pseudo-terminal for the ends that are a terminal (the others a
    file: /dev/null in, a pipe out): its exit code, all it drew on the terminal and its
    error output."""
    import os
    import pty
    import select
    import subprocess
    import sys

    terminal, its_side = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "circle_tui", *command],
            env={**os.environ, "HOME": str(tmp_path), **(env or {})},
            stdin=its_side if input_tty else subprocess.DEVNULL,
            stdout=its_side if output_tty else subprocess.PIPE,
            stderr=subprocess.PIPE,
            timeout=60,
        )
        drawn = b""
        while select.select([terminal], [], [], 0)[0]:
            drawn += os.read(terminal, 65536)
    finally:
        os.close(its_side)
        os.close(terminal)
    return done.returncode, drawn + (done.stdout or b""), done.stderr


@pytest.mark.parametrize("command", [[], ["room"]], ids=["console", "room view"])
@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_a_terminal_without_block_glyphs_is_told_in_one_line_before_any_screen(
    tmp_path, command, encoding
):
    code, drawn, err = start(tmp_path, command, env={"PYTHONIOENCODING": encoding})
    assert code == 2
    assert drawn == b""  # no screen was drawn
    (line,) = err.decode(encoding).splitlines()
    assert "cannot show the timer's and the codes' block characters" in line
    assert "UTF-8" in line


@pytest.mark.parametrize("command", [[], ["room"]], ids=["console", "room view"])
@pytest.mark.parametrize(
    ("input_tty", "output_tty", "named"),
    [
        (False, True, "this input is not one"),
        (True, False, "this output is not one"),
        (False, False, "neither this input nor this output is one"),
    ],
)
def test_no_terminal_is_told_in_one_line_rather_than_read_as_fast_as_the_cpu_goes(
    tmp_path, command, input_tty, output_tty, named
):
    """Started from a launcher or with a pipe, Textual read the empty input in a loop: a core
    busy, nothing shown, until killed. Now one line naming the end that is no terminal, exit
    2, before anything is drawn."""
    code, drawn, err = start(tmp_path, command, input_tty=input_tty, output_tty=output_tty)
    assert code == 2
    assert drawn == b""
    (line,) = err.decode().splitlines()
    assert "the screens need a terminal" in line and named in line
    assert "start circle-tui in a terminal window" in line
