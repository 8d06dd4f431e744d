"""The console and `circle-tui room` as two real processes in two tmux sessions, as on a laptop
with a TV: the room follows every key, never sees the facilitator's panel, scans the code,
and neither side can take the other down."""

from __future__ import annotations

import os
import signal
import stat
import time

import pytest

from circle_tui.room.address import room_address
from circle_tui.settings import Paths
from circle_tui.storage.attendance import AttendanceLog
from tests.support.tmux_driver import Terminal

pytestmark = pytest.mark.e2e

FEEDBACK = "https://forms.example.org/f?d={date}"
#: Names in a script no font here draws large (Chinese; a Latin, Greek, Hebrew or Arabic
#: name is drawn in half blocks), so wherever a room view shows them it shows them as text a
#: test can find: the first passes, the third leaves.
BJORN, JORGEN, SOREN = "李明", "王芳", "张伟"
#: What only the facilitator's panel says.
PANEL_WORDS = ("passed", "left", "airtime", "again at end", "░", "spoken", "up next")
#: How long a room pane may take to show a key's effect before the test fails (a deadline
#: for a busy machine, not a measure: benchmarks/room.py times the key to the room's frame).
FOLLOW_DEADLINE = 15


@pytest.fixture
def env(isolated_dirs, app_env):
    isolated_dirs["config"].parent.mkdir(parents=True)
    isolated_dirs["config"].write_text(f'feedback_url = "{FEEDBACK}"\n')
    return app_env


@pytest.fixture
def terminals():
    opened: list[Terminal] = []
    yield opened
    for term in opened:
        term.close()


def start(terminals, env, width=100, height=30, args="") -> Terminal:
    term = Terminal(env, width, height, args)
    terminals.append(term)
    return term


def follow(console: Terminal, key: str, rooms: list[Terminal], text: str, then: str) -> None:
    """Press `key` on the console; wait until every room pane shows `text`, then until the
    console shows `then` (the next key must reach that screen). Fails loudly at its deadline
    with what the rooms showed."""
    console.wait_to_press(key)  # the same key again is a fresh press, never a held one
    console._send(key)
    deadline = time.monotonic() + FOLLOW_DEADLINE
    waiting = list(rooms)
    while waiting:
        time.sleep(0.02)  # polling harder would take the CPU the apps need
        waiting = [room for room in waiting if text not in room.screen()]
        if waiting and time.monotonic() > deadline:
            shown = "\n---\n".join(room.screen() for room in waiting)
            raise AssertionError(f"{text!r} never reached the room view; it shows:\n{shown}")
    console.wait_for(then)


def decoded(room: Terminal):
    import zxingcpp

    (code,) = zxingcpp.read_barcodes(room.image(), try_invert=False)  # strictly: no retries
    return code.text, code.position.top_right.x - code.position.top_left.x


def test_the_room_follows_each_key_never_sees_the_panel_and_scans_the_code(terminals, env):
    small = start(terminals, env, 80, 24, "room")
    large = start(terminals, env, 160, 45, "room")
    rooms = [small, large]
    for room in rooms:  # started before the console: they wait for it
        room.wait_for("waiting for circle-tui")
    console = start(terminals, env)
    console.wait_for("2 room views")
    for room in rooms:
        room.wait_for("The circle begins soon")

    follow(console, "Enter", rooms, "Find a seat", "Arrivals")
    for name in (BJORN, JORGEN, "", SOREN):
        if name:
            console.keys("t")
            console.wait_for("first name or nickname")
            console._tmux("send-keys", "-l", name)
            console.keys("Enter")
        else:
            console.keys("+")
    console.wait_for("Seat 3")
    follow(console, "Enter", rooms, "Opening", "A silence to land")
    follow(console, "Enter", rooms, "1 of 10", "1 of 10")
    follow(console, "Right", rooms, "2 of 10", "2 of 10")
    console.keys(*["Right"] * 9)
    follow(console, "Enter", rooms, "round 1 of 4 · check-in", "Next: check-in")
    follow(console, "Enter", rooms, BJORN, "waiting — press enter")  # the first turn, waiting
    follow(console, "Enter", rooms, "running", "running")
    follow(console, "p", rooms, JORGEN, "passed — the turn moves on")  # 李明 passes

    # 张伟 leaves. The console's panel shows both (two room views: it started shown) …
    console.keys("l")
    console.wait_for("Who?")
    console.keys("Down", "Down", "Down", "Enter")
    console.wait_for("leaves for the night")
    console.keys("Down", "Enter")
    shown = console.wait_for(f"{SOREN} left (still counted as present)")
    assert BJORN in shown and "passed" in shown and "left" in shown
    # … and the room, while 王芳 speaks, shows the timer and its cue, and none of it.
    for room in rooms:
        seen = room.wait_for("running")
        assert JORGEN in seen
        assert [w for w in (BJORN, SOREN, *PANEL_WORDS) if w in seen] == [], seen

    # To closing: the code scans strictly on both screens, twice the size on the TV.
    console.keys("r")
    console.wait_for("End this round now?")
    console.keys("Enter")
    console.wait_for("Next: sharing round")
    follow(console, "b", rooms, "Stretch, drink some water.", "when everyone is back")
    follow(console, "Enter", rooms, "round 2 of 4 · sharing", "Next: sharing")
    console.keys("c")  # the closing round is held: c, then c again to skip it too
    console.wait_for("Go to the closing round now?")
    console.keys("Enter")
    console.wait_for("Next: closing")
    console.keys("c")
    console.wait_for("Go to closing now?")
    follow(console, "Enter", rooms, "https://forms.example.org/f", "End the session")
    time.sleep(0.3)  # the pane finishes drawing the code
    (url, small_width), (url_large, large_width) = decoded(small), decoded(large)
    assert url == url_large and url.startswith("https://forms.example.org/f?d=")
    assert large_width >= 2 * small_width * 0.98  # module size at least 2× (edges rounded)

    # The end: the room says so; any key closes it once the circle has ended.
    console.keys("Enter")
    console.wait_for("no names, nothing said")
    follow(console, "Enter", rooms, "The circle has ended.", "start today's circle")
    small.keys("x")
    small.wait_for("EXITED=0")


def test_room_views_come_and_go_and_the_console_carries_on(terminals, env, isolated_dirs):
    console = start(terminals, env)
    console.wait_for("no room view")
    path = room_address(Paths(isolated_dirs["config"], isolated_dirs["data"]))
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    room = start(terminals, env, 80, 24, "room")
    console.wait_for("1 room view")
    console.keys("Enter", "+", "+", "+")
    console.wait_for("Seat 3")
    room.wait_for("Find a seat")

    # SIGKILL: the console runs on, and the draft it wrote is intact.
    os.kill(room.app_pid(), signal.SIGKILL)
    console.wait_for("no room view")
    console.keys("+")
    console.wait_for("Seat 4")
    deadline = time.monotonic() + 15
    while True:  # the draft is written by the console's writer thread, just after the key
        records = AttendanceLog.read_only(isolated_dirs["data"]).records()
        if [(r.present, r.status) for r in records] == [(4, "in_progress")]:
            break
        assert time.monotonic() < deadline, records
        time.sleep(0.05)

    # SIGSTOP: the console answers every key all the same; SIGCONT: the view catches up.
    again = start(terminals, env, 80, 24, "room")
    console.wait_for("1 room view")
    stopped = again.app_pid()
    os.kill(stopped, signal.SIGSTOP)
    try:
        # A console blocked on the stopped view would stay blocked until SIGCONT, below: the
        # usual deadline catches that; a shorter one would only time a busy machine.
        console.keys("Enter")
        console.wait_for("Opening")
        console.keys("Enter", *["Right", "Left"] * 20)
        console.wait_for("1 of 10")
    finally:
        os.kill(stopped, signal.SIGCONT)
    again.wait_for("1 of 10")

    # A second console on the same data dir is still refused, room views or not.
    second = start(terminals, env)
    assert "already running" in second.wait_for("EXITED=2").replace("\n", " ")

    # SIGKILL of the console mid-circle: the room is told nothing of an end — a calm "one
    # moment", which no key closes — and when a new console replaces the stale socket the
    # room view follows it again.
    os.kill(console.app_pid(), signal.SIGKILL)
    lost = again.wait_for("waiting for circle-tui on this laptop")
    assert "ended" not in lost.lower() and "thank" not in lost.lower(), lost
    assert "1 of 10" not in lost  # the card is no longer being read
    assert path.exists()  # what kill -9 leaves
    again.keys("x", "Enter", "Escape")
    time.sleep(0.3)
    assert "EXITED" not in again.screen()
    restarted = start(terminals, env)
    restarted.wait_for("An earlier session did not finish")
    again.wait_for("The circle begins soon")
    restarted.keys("Escape")
    restarted.wait_for("1 room view")


# -- hostile lines on the socket, to the real room view ----------------------------------------
NAME = "Zephyrine"
FAKE_CONSOLE = """
import asyncio, base64, json, sys
path, lines = sys.argv[1], [base64.b64decode(x) for x in json.load(open(sys.argv[2]))]
async def serve(reader, writer):
    await reader.readline()  # the room view's hello
    for line in lines:
        writer.write(line)
        await writer.drain()
    await asyncio.sleep(3600)  # stay connected: the room keeps its last good snapshot
async def main():
    server = await asyncio.start_unix_server(serve, path)
    print("SERVING", flush=True)
    await asyncio.sleep(3600)
asyncio.run(main())
"""


def blinking(painted: str) -> bool:
    """Whether any SGR sequence in tmux's copy of the pane sets blink (5 or 6), colours read
    past (38;5;N and 38;2;R;G;B hold 5s that are no blink)."""
    import re

    for found in re.finditer(r"\x1b\[([0-9;]*)m", painted):
        params = [int(p) for p in found.group(1).split(";") if p]
        i = 0
        while i < len(params):
            if params[i] in (38, 48, 58) and i + 1 < len(params):
                i += 3 if params[i + 1] == 5 else 5
                continue
            if params[i] in (5, 6):
                return True
            i += 1
    return False


def fake_console(tmp_path, path, lines):
    """A process in the console's place, serving `lines` to each room view that greets."""
    import base64
    import json
    import subprocess
    import sys

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    (tmp_path / "fake.py").write_text(FAKE_CONSOLE)
    (tmp_path / "lines.json").write_text(
        json.dumps([base64.b64encode(line).decode() for line in lines])
    )
    process = subprocess.Popen(
        [sys.executable, str(tmp_path / "fake.py"), str(path), str(tmp_path / "lines.json")],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline() == "SERVING\n"
    return process


def test_hostile_lines_leave_the_real_room_view_running_with_no_escape_and_no_name(
    terminals, env, isolated_dirs, tmp_path
):
    from circle_tui.room.snapshot import encode
    from tests.app.test_room_hostile import hostile_lines
    from tests.support.rooms import room_of

    path = room_address(Paths(isolated_dirs["config"], isolated_dirs["data"]))
    good = encode(room_of("arrivals"))
    console = fake_console(tmp_path, path, [*hostile_lines(), good])
    try:
        room = start(terminals, env, 100, 30, "room")
        shown = room.wait_for("Find a seat")
        title = room._tmux("display-message", "-p", "#{pane_title}")
        painted = room._tmux("capture-pane", "-p", "-e")
        assert "owned" not in title and NAME not in shown
        assert not blinking(painted)
        assert room._tmux("list-buffers") == ""  # no OSC 52 reached the clipboard
        room.keys("C-q")
        history = room.wait_for("EXITED=0") + room._tmux("capture-pane", "-p", "-S", "-200")
        assert NAME not in history and "Traceback" not in history
    finally:
        console.kill()
        console.wait()


CRASHING_ROOM = """
from circle_tui.ui.widgets.room_stage import RoomStage
drawn = RoomStage._fill_places
def fill(self):
    drawn(self)
    if self.room is not None and self.room["speaker"]:
        raise RuntimeError("injected failure with " + self.room["speaker"] + " on screen")
RoomStage._fill_places = fill
from circle_tui.cli import main
raise SystemExit(main())
"""


def test_a_room_view_that_crashes_prints_no_name_and_no_local_variable(
    terminals, env, isolated_dirs, tmp_path
):
    from circle_tui.room.snapshot import encode
    from tests.support.rooms import room_of, timer_of

    path = room_address(Paths(isolated_dirs["config"], isolated_dirs["data"]))
    named = encode(room_of("rounds", speaker=NAME, timer=timer_of(300, 10)))
    console = fake_console(tmp_path, path, [named])
    script = tmp_path / "crashing_room.py"
    script.write_text(CRASHING_ROOM)
    try:
        exports = " ".join(f"{k}={v}" for k, v in env.items())
        room = Terminal.__new__(Terminal)
        room.socket = f"circle-tui-test-{os.getpid()}-crash"
        terminals.append(room)
        import sys

        room._tmux(
            "new-session", "-d", "-x", "100", "-y", "30",
            f"env -u COLUMNS -u LINES {exports} {sys.executable} {script} room; "
            "echo EXITED=$?; sleep 60",
        )  # fmt: skip
        room.wait_for("EXITED=1")
        report = room._tmux("capture-pane", "-p", "-S", "-300")
        assert "RuntimeError" in report and "message left out" in report.replace("\n", " ")
        assert NAME not in report and "locals" not in report
    finally:
        console.kill()
        console.wait()
