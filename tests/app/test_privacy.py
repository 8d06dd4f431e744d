"""Privacy by construction: no names at rest or in crash output, no network, counts-only records."""

import asyncio
import contextlib
import io
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from circle_tui.cli import main
from circle_tui.core.record import FIELDS, AttendanceRecord
from circle_tui.storage.attendance import FILE_NAME, AttendanceLog
from tests.support.scenario import Facilitator
from tests.support.tmux_driver import Terminal
from tests.support.ui_support import make_app, press, settle

#: The reviewed list. Changing it is a privacy decision that needs review, not a refactor.
REVIEWED_FIELDS = (
    "id",
    "circle",
    "date",
    "started",
    "ended",
    "present",
    "newcomers",
    "status",
    # Schema 2 (issue 17), reviewed: how many came for the second time. A count, nothing
    # about who; None for sessions from before it was counted.
    "returning",
    "schema",
)
NAMES = ["Zephyrine", "Quillonar", "Maëlys-Ørn", "Thaddeusq", "Ifeoluwax"]


def test_the_record_schema_is_exactly_the_reviewed_fields():
    assert FIELDS == REVIEWED_FIELDS
    assert AttendanceRecord._fields == REVIEWED_FIELDS


def files_holding(roots: list[Path], needles: list[str]) -> list[str]:
    """Every file under `roots` whose bytes hold a needle in UTF-8 or UTF-16."""
    hits = []
    for root in roots:
        for path in [root] if root.is_file() else root.rglob("*"):
            if not path.is_file() or path.is_symlink():
                continue
            try:
                data = path.read_bytes()
            except OSError:
                continue
            for name in needles:
                for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                    if name.encode(encoding) in data:
                        hits.append(f"{path}: {name} ({encoding})")
    return hits


@pytest.fixture
def sandbox(tmp_path):
    dirs = {k: tmp_path / k for k in ("config", "data", "cache", "tmp", "cwd", "home")}
    for d in dirs.values():
        d.mkdir()
    env = {
        "CIRCLE_TUI_CONFIG": str(dirs["config"] / "config.toml"),
        "CIRCLE_TUI_DATA_DIR": str(dirs["data"]),
        "XDG_CACHE_HOME": str(dirs["cache"]),
        "TMPDIR": str(dirs["tmp"]),
        "HOME": str(dirs["home"]),
    }
    return dirs, env


def run_named_circle(term: Terminal, names: list[str], *, separate: bool = False) -> None:
    term.wait_for("start today's circle")
    term.keys("Enter")
    if separate:  # tonight's circle is unfinished: a second session only when asked for
        term.wait_for("Start a separate session")
        term.keys("Down", "Enter")
    term.wait_for("Arrivals")
    for name in names:
        term.keys("t")
        term.wait_for("first name or nickname")  # the name field is shown, and has the keys
        term._tmux("send-keys", "-l", name)
        term.keys("Enter")
        term.wait_for(f"{name}: arrival counted")
    term.keys("Enter")
    term.wait_for("Opening")
    term.keys("Enter")
    term.wait_for("1 of 10")
    term.keys(*["Right"] * 10)
    term.wait_for("Do we agree?")
    term.keys("Enter")
    term.wait_for("Next: check-in round")
    term.keys("Enter")
    term.wait_for("waiting — press enter")
    term.keys("Enter", "Enter")
    term.wait_for("now speaking")


CRASHING = (
    "import circle_tui.ui.screens.rounds as r\n"
    "def boom(self): raise RuntimeError('injected failure mid-round')\n"
    "r.RoundsScreen.action_pass_turn = boom\n"
    "from circle_tui.cli import main\n"
    "raise SystemExit(main())\n"
)


@pytest.mark.e2e
def test_names_typed_in_a_circle_never_reach_any_file_or_the_crash_output(sandbox):
    dirs, env = sandbox
    crash_script = dirs["tmp"] / "crash_run.py"
    crash_script.write_text(CRASHING)

    # A circle that crashes mid-round (an exception injected into the real app) …
    crashing = CrashTerminal(env, crash_script, dirs["cwd"])
    try:
        run_named_circle(crashing, NAMES)
        crashing.keys("p")
        crash_output = crashing.wait_for("EXITED=1", timeout=20)
        crash_output = crashing.history()
    finally:
        crashing.close()
    assert "injected failure mid-round" in crash_output
    assert "counts so far were saved" in crash_output.replace("\n", " ")
    assert not [n for n in NAMES if n in crash_output]

    # … then a circle left with ctrl+q.
    quitting = CrashTerminal(env, None, dirs["cwd"])
    try:
        quitting.wait_for("An earlier session did not finish")
        quitting.keys("Escape")
        run_named_circle(quitting, [n + "b" for n in NAMES], separate=True)
        quitting.keys("C-q")
        quitting.wait_for("Quit in the middle of the circle?")
        quitting.keys("Enter")
        quitting.wait_for("EXITED=0")
    finally:
        quitting.close()

    records = AttendanceLog.read_only(dirs["data"]).records()
    assert sorted(r.present for r in records) == [5, 5] and all(
        r.status == "in_progress" for r in records
    )
    roots = [dirs[k] for k in ("config", "data", "cache", "tmp", "cwd", "home")]
    assert files_holding(roots, NAMES + [n + "b" for n in NAMES]) == []


class CrashTerminal(Terminal):
    """The real app in tmux, optionally with an exception injected, run from a chosen directory."""

    def __init__(self, env, script, cwd):
        import shutil
        import uuid

        if shutil.which("tmux") is None:
            pytest.skip("tmux is not installed")
        self.socket = f"circle-tui-test-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}={v}" for k, v in env.items())
        program = f"{sys.executable} {script}" if script else f"{sys.executable} -m circle_tui"
        command = (
            f"cd {cwd} && env -u COLUMNS -u LINES {exports} {program}; echo EXITED=$?; sleep 60"
        )
        self._tmux("new-session", "-d", "-x", "100", "-y", "30", command)

    def history(self) -> str:
        return self._tmux("capture-pane", "-p", "-S", "-200")


async def test_names_are_forgotten_at_the_end_and_on_quit(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test() as pilot:
        await press(pilot, "enter", "t", *"Zephyrine", "enter", "plus")
        circle = app.circle
        assert circle.participants[0].name == "Zephyrine"
        await press(pilot, "enter", "enter", *["right"] * 10, "enter")
        await Facilitator(pilot).skip_to_closing()
        await press(pilot, "enter", "enter")
        await settle(pilot)
        assert app.circle is None
        assert [p.name for p in circle.participants] == [None, None]
        assert not circle.can_undo  # undo snapshots held names too
        await press(pilot, "enter", "t", *"Quillonar", "enter")
        second = app.circle
        await press(pilot, "ctrl+q", "enter")
    assert [p.name for p in second.participants] == [None]


async def test_no_screenshot_of_a_screen_with_names_reaches_the_disk(tmp_path, monkeypatch):
    """Textual's palette offers "Screenshot", an SVG of the screen saved to ~/Downloads: with
    a name on the screen, that is a name on disk. It is not offered, and does nothing."""
    home = tmp_path / "home"
    (home / "Downloads").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    app = make_app(tmp_path)
    async with app.run_test() as pilot:
        await press(pilot, "enter", "t", *"Zephyrine", "enter")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles and titles.count("Keys") == 1
        await app.run_action("screenshot")
        app.deliver_screenshot()
        await pilot.pause(0.3)
        assert app.circle.participants[0].name == "Zephyrine"
    assert files_holding([tmp_path], ["Zephyrine"]) == []
    assert list(home.rglob("*.svg")) == []


# -- no network ---------------------------------------------------------------------------------
NETWORK_EVENTS = {
    "socket.connect",
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.sendto",
    "socket.sendmsg",
    "http.client.connect",
    "urllib.Request",
    "socket.bind",
}
_attempts: list[tuple[str, tuple]] = []
_watching = False
#: The one place a Unix socket may be bound or connected to: the room socket (README).
_room_socket: set[str] = set()
#: Windows only, which has no Unix sockets: the console's loopback port (bound as port 0, so
#: the system picks one) and the port its ticket names, which room views connect to with
#: the ticket's secret. Nothing else, and never on Linux or macOS.
_loopback_ports: set[int] = set()
_AF_UNIX = socket.AF_UNIX  # read now: the Windows fixture hides it
_LOOPBACK = "127.0.0.1"


def _allowed(event, args) -> bool:
    family = getattr(args[0], "family", None)
    if family == _AF_UNIX:
        return event in ("socket.bind", "socket.connect") and str(args[1]) in _room_socket
    if sys.platform != "win32" or family != socket.AF_INET:
        return False
    if event == "socket.bind":
        return args[1] == (_LOOPBACK, 0)
    return event == "socket.connect" and args[1] == (_LOOPBACK, *_loopback_ports)


def _audit(event, args):
    if not _watching:
        return
    if event == "socket.__new__" and args[1] != _AF_UNIX:
        if sys.platform == "win32" and args[1] == socket.AF_INET:
            return  # where it binds and connects is checked below
        _attempts.append((event, args[1:]))  # an AF_INET/AF_INET6 socket, even unused
    elif event in NETWORK_EVENTS and not _allowed(event, args):
        _attempts.append((event, args[1:]))


sys.addaudithook(_audit)


@pytest.fixture
def no_network():
    global _watching
    _attempts.clear()
    _room_socket.clear()
    _loopback_ports.clear()
    _watching = True
    yield _attempts
    _watching = False


def test_the_audit_hook_would_see_a_connection(no_network):
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", 9), timeout=0.1):
        pass
    assert no_network


def test_the_audit_hook_would_see_an_inet_socket_or_a_unix_socket_elsewhere(no_network, tmp_path):
    socket.socket(socket.AF_INET6, socket.SOCK_STREAM).close()
    assert [event for event, _ in no_network] == ["socket.__new__"]
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as elsewhere:
        elsewhere.bind(str(tmp_path / "not-the-room.sock"))
    assert [event for event, _ in no_network] == ["socket.__new__", "socket.bind"]


async def test_a_full_circle_and_every_cli_command_open_no_connection(
    no_network, tmp_path, isolated_dirs, capsys, monkeypatch
):
    from circle_tui.room.address import room_address
    from circle_tui.room.client import snapshots
    from circle_tui.settings import Settings

    settings = Settings(feedback_url="https://forms.example.org/f?d={date}")
    app = make_app(tmp_path, settings)
    app.room_socket = room_address(app.session.paths)  # as `circle-tui` serves room views
    _room_socket.add(str(app.room_socket))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        room_view = snapshots(app.room_socket)
        phases = [(await asyncio.wait_for(anext(room_view), 5))["phase"]]
        await press(pilot, "enter", "plus", "n", "enter", "enter", *["right"] * 10, "enter")
        await press(pilot, "enter", "enter", "enter", "p", "enter", "enter", "enter")
        await Facilitator(pilot).skip_to_closing()
        await press(pilot, "e")
        await settle(pilot)
        await press(pilot, "enter", "enter")
        await settle(pilot)
        await pilot.pause()
        with contextlib.suppress(TimeoutError):  # every snapshot the room view was sent
            while True:
                phases.append((await asyncio.wait_for(anext(room_view), 1))["phase"])
        await room_view.aclose()
    assert phases[0] == "waiting" and "rounds" in phases
    isolated_dirs["config"].parent.mkdir(parents=True)
    isolated_dirs["config"].write_text('feedback_url = "https://forms.example.org/f?d={date}"\n')
    monkeypatch.chdir(tmp_path)
    commands = [
        ["--version"],
        ["--help"],
        ["config"],
        ["attendance"],
        ["attendance", "--format", "csv"],
        ["attendance", "summary", "--by", "weekday"],
        ["attendance", "report", str(tmp_path / "report.html")],
        ["attendance", "report", str(tmp_path / "report.png")],
        ["agreements", "list"],
        ["agreements", "show", "drop-in"],
        [
            "agreements",
            "check",
            str(Path(__file__).resolve().parents[2] / "circle_tui" / "agreements" / "drop-in.md"),
        ],
        ["qr"],
        ["qr", "--png", str(tmp_path / "card.png")],
        ["privacy"],
    ]
    for argv in commands:
        with contextlib.suppress(SystemExit):  # --version and --help exit
            main(argv)
    capsys.readouterr()
    main(["attendance", "--format", "json"])
    export = tmp_path / "export.json"
    export.write_text(capsys.readouterr().out)
    main(["--data-dir", str(tmp_path / "other"), "attendance", "import", str(export)])
    monkeypatch.setattr("sys.stdin", io.StringIO("ERASE\n"))
    main(["privacy", "--erase"])
    assert no_network == []


async def test_on_windows_a_circle_and_its_room_view_talk_only_over_loopback_with_the_secret(
    no_network, as_on_windows, tmp_path
):
    """The one connection Windows needs, and nothing more: the console's port on 127.0.0.1
    and a room view connecting to it with the ticket's secret."""
    from circle_tui.room.address import read_ticket, room_address
    from circle_tui.room.client import snapshots

    app = make_app(tmp_path)
    app.room_socket = room_address(app.session.paths)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        ticket = read_ticket(app.room_socket)
        assert len(ticket.secret) == 64  # 256 bits, made for this session
        _loopback_ports.add(ticket.port)
        room_view = snapshots(app.room_socket)
        phases = [(await asyncio.wait_for(anext(room_view), 5))["phase"]]
        await press(pilot, "enter", "plus", "n", "enter", "enter", *["right"] * 10, "enter")
        await press(pilot, "enter", "enter", "p", "enter")
        with contextlib.suppress(TimeoutError):
            while True:
                phases.append((await asyncio.wait_for(anext(room_view), 1))["phase"])
        await room_view.aclose()
    assert "rounds" in phases
    assert no_network == []
    _loopback_ports.clear()
    with pytest.raises(OSError), socket.create_connection((_LOOPBACK, 9), timeout=0.1):
        pass
    assert no_network  # any other port is seen, even on Windows


# -- the privacy statement -------------------------------------------------------------------
def test_privacy_prints_what_where_and_what_never(isolated_dirs, capsys):
    assert main(["privacy"]) == 0
    out = capsys.readouterr().out
    assert ", ".join(FIELDS) in out
    assert str(isolated_dirs["data"] / FILE_NAME) in out
    assert "names" in out and "anything anyone says" in out and "never connects" in out
    from circle_tui.room.address import room_address
    from circle_tui.settings import resolve_paths

    assert str(room_address(resolve_paths())) in out.replace("\n", "")  # the room view's socket


def test_erase_needs_the_typed_word_then_deletes_the_file(isolated_dirs, capsys, monkeypatch):
    import io

    from tests.support.helpers import record

    log, _ = AttendanceLog.open(isolated_dirs["data"])
    log.save(record())
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))
    assert main(["privacy", "--erase"]) == 1
    assert (isolated_dirs["data"] / FILE_NAME).exists()
    monkeypatch.setattr("sys.stdin", io.StringIO("ERASE\n"))
    assert main(["privacy", "--erase"]) == 0
    assert "Erased" in capsys.readouterr().out
    assert not (isolated_dirs["data"] / FILE_NAME).exists()


def test_erase_also_deletes_set_aside_copies_and_leftover_temp_files(
    isolated_dirs, capsys, monkeypatch
):
    from tests.support.helpers import record

    data = isolated_dirs["data"]
    data.mkdir(parents=True)
    (data / FILE_NAME).write_text("{damaged")
    _, aside = AttendanceLog.open(data)  # sets the damaged file aside
    log, _ = AttendanceLog.open(data)
    log.save(record())
    (data / f".{FILE_NAME}.k1llEd.tmp").write_text("{}")  # a write a kill interrupted
    (data / "notes.txt").write_text("not ours")
    assert main(["privacy"]) == 0
    assert "attendance.corrupt-" in capsys.readouterr().out  # the statement names the copies
    monkeypatch.setattr("sys.stdin", io.StringIO("ERASE\n"))
    assert main(["privacy", "--erase"]) == 0
    out = capsys.readouterr().out
    assert str(aside.moved_to) in out and "Erased 3 files" in out
    assert sorted(p.name for p in data.iterdir()) == ["circle-tui.lock", "notes.txt"]


def test_erase_with_only_a_set_aside_copy_left_still_deletes_it(isolated_dirs, capsys, monkeypatch):
    data = isolated_dirs["data"]
    data.mkdir(parents=True)
    (data / FILE_NAME).write_text("{damaged")
    AttendanceLog.open(data)
    assert not (data / FILE_NAME).exists()
    monkeypatch.setattr("sys.stdin", io.StringIO("ERASE\n"))
    assert main(["privacy", "--erase"]) == 0
    assert not list(data.glob("attendance*"))


def test_the_stored_file_holds_only_the_reviewed_fields(isolated_dirs):
    from tests.support.helpers import record

    log, _ = AttendanceLog.open(isolated_dirs["data"])
    log.save(record())
    stored = json.loads((isolated_dirs["data"] / FILE_NAME).read_text())
    for doc in stored["sessions"].values():
        assert tuple(sorted(doc)) == tuple(sorted(REVIEWED_FIELDS))


def test_the_app_module_sends_nothing_over_the_network_by_construction():
    """No networking library is imported by the app or any command."""
    code = (
        "import sys; from circle_tui import cli; from circle_tui.drawing import printed_card; import circle_tui.cli.attendance, circle_tui.cli.qr; import circle_tui.ui.app;"
        "import circle_tui.ui.screens.rounds, circle_tui.ui.screens.closing;"
        "bad = [m for m in ('urllib.request', 'http.client', 'requests', 'httpx', 'socketserver') if m in sys.modules];"
        "print(bad)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={**os.environ}
    )
    assert out.stdout.strip() == "[]"
