"""The room view trusts nothing it is sent: hostile lines on its socket, served by a stand-in
console, leave it running, draw no escape sequence and never put a name in its output; markup
the console sends is drawn as written; and a crash, should one ever come, reports no name."""

from __future__ import annotations

import io
import json
import math
import re

import pytest
from rich.console import Console

from circle_tui.core.clock import FakeClock
from circle_tui.room.address import room_address
from circle_tui.room.snapshot import MAX_LINE, decode, encode
from circle_tui.settings import Paths, Settings
from circle_tui.ui.room import RoomApp
from circle_tui.ui.widgets.room_stage import RoomStage
from tests.support.rooms import FakeConsole, room_of, timer_of, until
from tests.support.scenario import room_scenes, scripted_session

#: A typed name the room must never see in any output once its message was refused.
NAME = "Zephyrine"
#: What would drive a terminal: OSC 0 (the window title), OSC 52 (the clipboard), CSI blink,
#: a C1 CSI, a bell, a text-direction override, and a line break in a one-line place.
ESCAPES = [
    "\x1b]0;owned\x07",
    "\x1b]52;c;ZXZpbA==\x07",
    "\x1b[5mblink\x1b[0m",
    "\x9b2J",
    "\x07",
    "\u202eevil",
    "two\nlines",
]


def json_line(value) -> bytes:
    return json.dumps(value, allow_nan=True).encode() + b"\n"


def hostile_lines() -> list[bytes]:
    """Each breaks the contract one way; many carry the name, as a crash report would."""
    named = room_of("rounds", speaker=NAME, timer=timer_of(300, 12))
    lines = []
    missing = dict(named)
    del missing["timer"]
    lines.append(encode(missing))
    for field, value in [
        ("speaker", 7),
        ("timer", "soon"),
        ("timer", timer_of(float("nan"))),
        ("timer", timer_of(float("inf"))),
        ("timer", timer_of(10**400)),
        ("timer", timer_of(-5)),
        ("timer", {**timer_of(), "limit": True}),
        ("timer", {**timer_of(), "more": 1}),
        ("round", {"name": NAME}),
        ("card", []),
        ("phase", "rounds\x1b]0;x\x07"),
        ("language", None),
        ("speaker", NAME * 50),
    ]:
        lines.append(json_line({**named, field: value}))
    for escape in ESCAPES:
        for field in ("circle", "speaker", "title", "words"):
            if field == "words" and escape == "two\nlines":
                continue  # Markdown may break lines
            lines.append(encode({**named, field: f"{NAME}{escape}"}))
    codes = {"feedback": "https://x.org/", "resources": None, "shown": "feedback", "level": "M"}
    lines.append(encode(room_of("closing", qr={**codes, "level": "L"})))
    lines.append(encode(room_of("closing", qr={**codes, "level": "X"})))
    lines.append(encode(room_of("closing", qr={**codes, "feedback": "https://x.org/" + "a" * 600})))
    lines.append(encode(room_of("closing", qr={**codes, "shown": "secret"})))
    lines.append(b'{"version": 3, "phase": ' + b"[" * 5000 + b"]" * 5000 + b"}\n")
    lines.append(b"[" * 100_000 + b"\n")
    lines.append(b'{"version": 3, "circle": "\\ud800", "phase": "waiting"}\n')
    lines.append(b"\xff\xfe\x00\n")
    lines.append(b"null\n")
    lines.append(b"\n")
    return lines


def drawn(app) -> str:
    """Everything the room view puts on its screen, as the terminal would receive it."""
    return app.export_screenshot()


CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


async def test_hostile_lines_on_the_socket_leave_the_room_view_running_and_clean(tmp_path):
    path = room_address(Paths(tmp_path / "c.toml", tmp_path / "data"))
    lines = hostile_lines()
    good = encode(room_of("arrivals", circle="Tuesday circle"))
    async with FakeConsole(path, lambda: [good, *lines, good]):
        app = RoomApp(path, retry_seconds=0.05)
        async with app.run_test(size=(100, 30)) as pilot:
            await until(lambda: len(app.dropped) >= len(lines) - 1, timeout=20)
            await pilot.pause()
            screen = drawn(app)
            assert app.is_running and app.query_one(RoomStage).phase == "arrivals"
            assert CONTROLS.search(screen) is None and "\x1b" not in screen
            assert NAME not in screen and "owned" not in screen
    assert app.return_code in (0, None) and app._exit_renderables == []
    # Every message was refused for what it is, never by a crash of the decoder:
    reasons = " ".join(app.dropped)
    for expected in ("missing", "expected one of", "control character", "not JSON", "at most"):
        assert expected in reasons, expected


@pytest.mark.parametrize("line", hostile_lines(), ids=lambda line: repr(line[:30]))
def test_every_hostile_line_is_refused_by_the_decoder_and_nothing_else_is_raised(line):
    from circle_tui.room.snapshot import RoomProtocolError

    with pytest.raises(RoomProtocolError):
        decode(line)


def test_the_contract_refuses_a_line_longer_than_any_snapshot():
    from circle_tui.room.snapshot import RoomProtocolError

    with pytest.raises(RoomProtocolError, match="longer"):
        decode(encode(room_of(words="x" * MAX_LINE)))


async def test_markup_the_console_sends_is_drawn_as_written(tmp_path):
    """Markup in the circle's name, the round, a typed name and the agreement set, from a
    real console session through the socket's encoding: shown as typed, never parsed."""
    from circle_tui.core.rounds import RoundSpec

    markup = "[blink]x[/blink][@click=app.quit]$y[/]"
    sets = tmp_path / "config" / "agreements"
    sets.mkdir(parents=True)
    (sets / "mine.md").write_text(f"# Set {markup}\n\n## Card {markup}\n\nListen {markup}\n")
    session = scripted_session(
        tmp_path,
        Settings(
            circle_name=f"Circle {markup}"[:80],
            agreements="mine",
            rounds=(RoundSpec("Round [b]", 1, f"Ask {markup}"), RoundSpec("closing", 1)),
        ),
    )
    rooms = {name: decode(encode(room)) for name, room in room_scenes(session)}
    app = RoomApp(None, clock=FakeClock(0))
    async with app.run_test(size=(120, 40)) as pilot:
        for name in ("agreements", "rounds-next", "rounds-running"):
            app.show(rooms[name])
            await pilot.pause()
            screen = drawn(app)
            assert "[blink]x[/blink]" in screen.replace("&#160;", " "), name
            assert app.is_running
        # The agreement card's Markdown is drawn as Markdown, its brackets as text.
        app.show(rooms["agreements"])
        await pilot.pause()
        assert "Listen [blink]x[/blink][@click=app.quit]$y[/]" in _text_of(app)


def _text_of(app) -> str:
    from tests.app.test_room_view import visible_text

    return visible_text(app)


async def test_a_crash_in_the_room_view_reports_no_name_no_locals_and_no_message(
    tmp_path, monkeypatch
):
    def boom(self):
        room = self.room  # a local holding the speaker's name
        if room is not None:
            raise RuntimeError(f"cannot draw {room['speaker']}")

    monkeypatch.setattr(RoomStage, "_fill_places", boom)
    app = RoomApp(None, clock=FakeClock(0))
    terminal = Console(record=True, file=io.StringIO(), width=100)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            app.error_console = terminal  # where the report is printed at exit
            app.call_later(app.show, room_of("rounds", speaker=NAME, timer=timer_of()))
            await pilot.pause()
    report = terminal.export_text()
    assert "RuntimeError" in report and "boom" in report  # a traceback, with its frames
    assert NAME not in report and "message left out" in report
    assert "locals" not in report  # Rich titles the panel of a frame's locals so


def test_numbers_that_are_no_numbers_never_reach_the_timer():
    for value in (math.nan, math.inf, -math.inf, 10**400):
        with pytest.raises(ValueError):
            decode(json_line(room_of("rounds", timer=timer_of(value))))
