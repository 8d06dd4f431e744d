"""The platform seam: the Windows side proven with the POSIX pieces hidden, and a type check
that Windows and macOS see no error Linux does not."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from circle_tui import platform
from circle_tui.reading import read_regular_file
from circle_tui.storage.atomic import read_json, write_json_atomic
from circle_tui.storage.lock import AlreadyRunning, LockRefused, WriterLock

PACKAGE = Path(__file__).resolve().parents[2] / "circle_tui"


def test_the_seam_really_is_windows_under_the_fixture(as_on_windows):
    import os as real_os

    assert not hasattr(real_os, "getuid") and not hasattr(real_os, "O_NOFOLLOW")
    assert platform.NO_FOLLOW == platform.NON_BLOCKING == platform.NOT_INHERITED == 0
    assert "msvcrt" in platform.try_lock.__globals__
    with pytest.raises(ImportError):
        import fcntl  # noqa: F401


def test_on_windows_the_lock_is_exclusive_and_a_second_console_still_reads_the_holder(
    tmp_path, as_on_windows
):
    with WriterLock(tmp_path) as first:
        with pytest.raises(AlreadyRunning, match=f"process {os.getpid()}"):
            WriterLock(tmp_path).acquire()
        assert first.held
    # The lock is on a byte past the process id: Windows' locks are mandatory, and a locked
    # process id could not be read by the console that was turned away.
    (position, length), *_ = as_on_windows.taken
    assert position >= 1024 and length == 1
    with WriterLock(tmp_path):
        pass  # released with its file: free again


def test_on_windows_a_link_at_the_lock_path_is_refused_without_o_nofollow(tmp_path, as_on_windows):
    target = tmp_path / "elsewhere"
    target.write_text("keep")
    (tmp_path / "circle-tui.lock").symlink_to(target)
    with pytest.raises(LockRefused, match="symbolic link"):
        WriterLock(tmp_path).acquire()
    assert target.read_text() == "keep"


def test_on_windows_writes_are_atomic_and_reads_take_only_regular_files(tmp_path, as_on_windows):
    path = tmp_path / "data" / "attendance.json"
    write_json_atomic(path, {"sessions": {"1": {"present": 9}}})
    write_json_atomic(path, {"sessions": {"1": {"present": 10}}})
    assert read_json(path) == {"sessions": {"1": {"present": 10}}}
    assert sorted(p.name for p in path.parent.iterdir()) == ["attendance.json"]
    assert read_regular_file(path, 1000).startswith(b'{"sessions"')


def test_on_windows_a_low_disk_is_said_from_the_disk_usage(tmp_path, as_on_windows, monkeypatch):
    import shutil

    from circle_tui.session import _low_space

    class Usage:
        free = 4096

    monkeypatch.setattr(shutil, "disk_usage", lambda path: Usage)
    (notice,) = _low_space(tmp_path)
    assert "4 KiB free" in notice.text


async def test_on_windows_only_the_stop_signal_is_asked_for_and_none_breaks_the_loop(
    as_on_windows, monkeypatch
):
    loop = asyncio.get_running_loop()
    asked: list[int] = []

    def add_signal_handler(sig, handler):
        asked.append(sig)
        raise NotImplementedError  # as Windows' proactor loop answers

    monkeypatch.setattr(loop, "add_signal_handler", add_signal_handler)
    remove = platform.on_stop_signals(lambda: None, lambda: None)
    remove()  # nothing was installed: nothing to remove, and no error
    assert asked == [platform.signal.SIGTERM]


async def test_on_posix_both_signals_are_handled_and_removed():
    loop = asyncio.get_running_loop()
    import signal

    stopped: list[str] = []
    remove = platform.on_stop_signals(lambda: stopped.append("stop"), lambda: None)
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(200):
            if stopped:
                break
            await asyncio.sleep(0.01)
        assert stopped == ["stop"]
        assert loop.remove_signal_handler(signal.SIGHUP)  # it was installed
        loop.add_signal_handler(signal.SIGHUP, lambda: None)
    finally:
        remove()
    assert not loop.remove_signal_handler(signal.SIGTERM)  # removed by `remove`


# -- the type check ----------------------------------------------------------------------------
def _mypy_errors(target: str, cache: Path) -> set[str]:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--platform",
            target,
            "--ignore-missing-imports",
            "--no-error-summary",
            "--hide-error-context",
            "--cache-dir",
            str(cache),
            str(PACKAGE),
        ],
        capture_output=True,
        text=True,
        cwd=PACKAGE.parent,
    )
    assert done.returncode in (0, 1), done.stderr  # 1: errors found; anything else: mypy broke
    return {line for line in done.stdout.splitlines() if ": error:" in line}


def _mypy_cache(request, target: str) -> Path:
    """A cache per platform (mypy rechecks everything when the platform changes), kept
    between runs in pytest's cache: a second run checks only what changed. Workers may share
    it: mypy replaces each cache file whole. Without pytest's cache (`-p no:cacheprovider`,
    as CI's second Python runs), one for this run only."""
    cache = getattr(request.config, "cache", None)
    if cache is None:
        return request.getfixturevalue("tmp_path_factory").getbasetemp() / f"mypy-{target}"
    return cache.mkdir(f"mypy-{target}")


@pytest.mark.parametrize("target", ["linux", "win32", "darwin"])
def test_the_package_type_checks_clean_on_linux_windows_and_macos(target, request):
    """No error on any platform, so none can hide behind another platform's."""
    pytest.importorskip("mypy")
    errors = _mypy_errors(target, _mypy_cache(request, target))
    assert not errors, f"--platform {target}:\n" + "\n".join(sorted(errors))


# -- the room view on Windows: a loopback port with a secret -----------------------------------
async def test_on_windows_the_console_serves_room_views_over_loopback_and_only_with_its_secret(
    tmp_path, as_on_windows
):
    from circle_tui.room.address import read_ticket, room_address
    from circle_tui.room.client import snapshots
    from circle_tui.room.hello import hello_line
    from tests.support.ui_support import make_app

    app = make_app(tmp_path)
    app.room_socket = room_address(app.session.paths)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.room is not None and app.session.room_problem is None
        stranger = await asyncio.open_connection("127.0.0.1", read_ticket(app.room_socket).port)
        stranger[1].write(hello_line("not the secret"))
        view = snapshots(app.room_socket)
        assert (await asyncio.wait_for(anext(view), 5))["phase"] == "waiting"
        await pilot.press("enter", "plus")
        assert (await asyncio.wait_for(anext(view), 5))["phase"] == "arrivals"
        assert await asyncio.wait_for(stranger[0].read(), 5) == b""  # dropped, told nothing
        assert app.session.room_views == 1 and "1 room view" in app.sub_title
        await view.aclose()
        stranger[1].close()
    assert not app.room_socket.exists()  # the ticket goes with the console


@pytest.mark.parametrize("failure", ["windows", "anything"])
async def test_whatever_stops_the_room_socket_the_console_runs_on_and_says_why(
    tmp_path, request, monkeypatch, failure
):
    from circle_tui.room.address import room_address
    from circle_tui.room.server import RoomServer
    from circle_tui.session.readiness import before_the_circle
    from tests.support.ui_support import make_app

    app = make_app(tmp_path)
    if failure == "windows":
        request.getfixturevalue("as_on_windows")
        app.room_socket = room_address(app.session.paths)
        app.room_socket.parent.parent.mkdir(parents=True, exist_ok=True)
        app.room_socket.parent.write_text("in the way")  # where the ticket's folder goes
        why = f"{app.room_socket.parent} is not a directory; remove it"
    else:
        app.room_socket = tmp_path / "room.sock"

        async def broken(self):
            raise RuntimeError("no sockets today")

        monkeypatch.setattr(RoomServer, "start", broken)
        why = "no sockets today"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "plus")
        await pilot.pause()
        assert app.session.circle is not None and app.session.circle.counts().present == 1
        assert app.room is None
    assert any(why in item for item in before_the_circle(app.session))
