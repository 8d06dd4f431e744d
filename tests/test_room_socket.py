"""The room socket: private, one per data dir, safe to replace when stale, and never a brake
on the console — a room view that stops reading is dropped, the others carry on."""

from __future__ import annotations

import asyncio
import os
import socket
import stat
import time
from pathlib import Path

import pytest

from circle_tui.config import Paths
from circle_tui.room.address import RoomUnavailable, room_dir, socket_path
from circle_tui.room.client import NotServing, snapshots
from circle_tui.room.server import MAX_VIEWS, RoomServer
from circle_tui.room.snapshot import VERSION, RoomProtocolError, encode


def paths_for(root: Path) -> Paths:
    return Paths(config_file=root / "config.toml", data_dir=root / "data")


class Feed:
    """What the console would serve: a snapshot that changes when told to."""

    def __init__(self) -> None:
        self.phase = "waiting"
        self.counts: list[int] = []

    def __call__(self) -> dict:
        return {"version": VERSION, "phase": self.phase, "circle": "Tuesday circle"}


async def serving(root: Path) -> tuple[RoomServer, Feed]:
    feed = Feed()
    server = RoomServer(socket_path(paths_for(root)), feed, feed.counts.append)
    await server.start()
    return server, feed


async def next_of(stream, timeout: float = 5.0) -> dict:
    return await asyncio.wait_for(anext(stream), timeout)


async def until(condition, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        await asyncio.sleep(0.01)


# -- where ------------------------------------------------------------------------------------
def test_the_socket_lives_in_the_runtime_dir_named_after_the_data_dir(tmp_path, runtime_dir):
    here = socket_path(paths_for(tmp_path / "a"))
    assert here.parent == runtime_dir / "circle-tui"
    assert here != socket_path(paths_for(tmp_path / "b"))
    same = Paths(config_file=tmp_path / "x.toml", data_dir=tmp_path / "b" / ".." / "a" / "data")
    assert socket_path(same) == here


def test_without_a_runtime_dir_the_socket_lives_in_the_data_dir(runtime_dir, monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    paths = paths_for(runtime_dir)  # a short path: pytest's own can be too long for a socket
    assert room_dir(paths) == paths.data_dir / "room"
    assert socket_path(paths).parent == paths.data_dir / "room"


def test_a_path_too_long_for_a_unix_socket_is_refused_with_the_fix(tmp_path, monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    with pytest.raises(RoomUnavailable, match="set XDG_RUNTIME_DIR or use a shorter --data-dir"):
        socket_path(paths_for(tmp_path / ("x" * 120)))


async def test_the_socket_is_0600_in_a_0700_directory(tmp_path):
    server, _ = await serving(tmp_path)
    try:
        assert stat.S_IMODE(os.stat(server.path.parent).st_mode) == 0o700
        assert stat.S_IMODE(os.stat(server.path).st_mode) == 0o600
        assert stat.S_ISSOCK(os.stat(server.path).st_mode)
    finally:
        await server.close()
    assert not server.path.exists()


async def test_a_loosened_room_dir_is_made_private_again(tmp_path):
    path = socket_path(paths_for(tmp_path))
    path.parent.mkdir(mode=0o755)
    os.chmod(path.parent, 0o755)
    server, _ = await serving(tmp_path)
    await server.close()
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700


# -- a console that was killed, or is still there ---------------------------------------------
async def test_a_stale_socket_from_a_killed_console_is_replaced(tmp_path):
    path = socket_path(paths_for(tmp_path))
    path.parent.mkdir(mode=0o700)
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(path))  # bound and never unlinked: what kill -9 leaves
    dead.close()
    server, _ = await serving(tmp_path)
    try:
        stream = snapshots(server.path)
        assert (await next_of(stream))["phase"] == "waiting"
        await stream.aclose()
    finally:
        await server.close()


async def test_a_socket_somebody_answers_on_is_not_taken_over(tmp_path):
    first, _ = await serving(tmp_path)
    try:
        with pytest.raises(RoomUnavailable, match="already serves room views"):
            await serving(tmp_path)
        stream = snapshots(first.path)  # the first console still serves
        assert (await next_of(stream))["phase"] == "waiting"
        await stream.aclose()
    finally:
        await first.close()


async def test_a_file_that_is_no_socket_is_left_alone(tmp_path):
    path = socket_path(paths_for(tmp_path))
    path.parent.mkdir(mode=0o700)
    path.write_text("not ours")
    with pytest.raises(RoomUnavailable, match="is not a socket"):
        await serving(tmp_path)
    assert path.read_text() == "not ours"


async def test_closing_leaves_a_socket_that_replaced_ours_alone(tmp_path):
    server, _ = await serving(tmp_path)
    server.path.unlink()
    other = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    other.bind(str(server.path))
    try:
        await server.close()
        assert server.path.exists()
    finally:
        other.close()


# -- snapshots ----------------------------------------------------------------------------------
async def test_each_room_view_gets_a_snapshot_on_connect_and_on_every_change(tmp_path):
    server, feed = await serving(tmp_path)
    try:
        views = [snapshots(server.path) for _ in range(3)]
        for view in views:
            assert (await next_of(view))["phase"] == "waiting"
        await until(lambda: server.count == 3)
        assert feed.counts == [1, 2, 3]
        for phase in ("arrivals", "opening"):
            feed.phase = phase
            server.publish()
            for view in views:
                assert (await next_of(view))["phase"] == phase
        await views[0].aclose()
        await until(lambda: server.count == 2)
        assert feed.counts[-1] == 2
        for view in views[1:]:
            await view.aclose()
    finally:
        await server.close()


async def test_a_room_view_that_stops_reading_is_dropped_and_never_slows_the_console(tmp_path):
    server, feed = await serving(tmp_path)
    try:
        stopped = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        stopped.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        stopped.connect(str(server.path))  # connected, and never reads: a SIGSTOPped view
        live = snapshots(server.path)
        await next_of(live)
        await until(lambda: server.count == 2)
        feed.phase = "x" * 4000  # about 4 KiB a snapshot
        slowest = 0.0
        for _ in range(200):
            start = time.perf_counter()
            server.publish()
            slowest = max(slowest, time.perf_counter() - start)
            await next_of(live)  # the live view keeps up with every one
        assert server.count == 1  # the stopped one was dropped on the way
        assert slowest < 0.05
        stopped.close()
        await live.aclose()
    finally:
        await server.close()


async def test_a_dropped_room_view_reconnects_to_the_current_snapshot(tmp_path):
    server, feed = await serving(tmp_path)
    try:
        view = snapshots(server.path)
        await next_of(view)
        for transport in list(server._views):
            transport.abort()  # as publish does to a view that fell behind
        with pytest.raises(StopAsyncIteration):
            await next_of(view)
        feed.phase = "rounds"
        again = snapshots(server.path)
        assert (await next_of(again))["phase"] == "rounds"
        await again.aclose()
    finally:
        await server.close()


async def test_more_room_views_than_any_room_has_screens_are_turned_away(tmp_path):
    server, _ = await serving(tmp_path)
    try:
        views = [snapshots(server.path) for _ in range(MAX_VIEWS)]
        for view in views:
            await next_of(view)
        extra = snapshots(server.path)
        with pytest.raises(StopAsyncIteration):
            await next_of(extra)
        assert server.count == MAX_VIEWS
        for view in views:
            await view.aclose()
    finally:
        await server.close()


async def test_a_room_view_sees_the_end_when_the_console_closes(tmp_path):
    server, _ = await serving(tmp_path)
    view = snapshots(server.path)
    await next_of(view)
    await server.close()
    with pytest.raises(StopAsyncIteration):
        await next_of(view)


# -- the room view's side -------------------------------------------------------------------------
async def test_no_console_means_not_serving(tmp_path):
    with pytest.raises(NotServing):
        await next_of(snapshots(socket_path(paths_for(tmp_path))))


async def test_a_room_view_will_not_connect_through_a_directory_others_can_enter(tmp_path):
    server, _ = await serving(tmp_path)
    try:
        os.chmod(server.path.parent, 0o755)
        with pytest.raises(NotServing, match="other users"):
            await next_of(snapshots(server.path))
    finally:
        os.chmod(server.path.parent, 0o700)
        await server.close()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (encode({"version": VERSION + 1, "phase": "rounds"}), "version"),
        (b"not json\n", "not a room snapshot"),
        (b"[1, 2]\n", "not a room snapshot"),
        (b"\xff\xfe\n", "not a room snapshot"),
    ],
)
async def test_a_line_that_is_no_snapshot_of_this_version_is_refused(tmp_path, line, message):
    path = socket_path(paths_for(tmp_path))
    path.parent.mkdir(mode=0o700)

    async def answer(reader, writer):
        writer.write(line)
        await writer.drain()
        writer.close()

    server = await asyncio.start_unix_server(answer, str(path))
    try:
        with pytest.raises(RoomProtocolError, match=message):
            await next_of(snapshots(path))
    finally:
        server.close()
