"""The room socket: private, one per data dir, safe to replace when stale, and never a brake
on the console — a room view that stops reading is dropped, the others carry on. A connection
is a room view only once it has greeted; on Windows the room is a loopback port whose
ticket holds a secret, and nothing without the secret gets in."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import stat
import sys
from pathlib import Path

import pytest

from circle_tui.room.address import RoomUnavailable, read_ticket, room_address, room_dir
from circle_tui.room.client import Dropped, NotServing, snapshots
from circle_tui.room.hello import MAX_HELLO, hello_line
from circle_tui.room.server import MAX_UNGREETED, MAX_VIEWS, RoomServer
from circle_tui.room.snapshot import VERSION, OtherVersion, Refused, encode, snapshot
from circle_tui.settings import Paths
from tests.support.rooms import FakeConsole, room_of, until

#: Seconds a connection has to greet in these tests (a room view greets at once).
HELLO = 0.3


def paths_for(root: Path) -> Paths:
    return Paths(config_file=root / "config.toml", data_dir=root / "data")


class Feed:
    """What the console would serve: a snapshot that changes when told to."""

    def __init__(self) -> None:
        self.phase = "waiting"
        self.words = ""
        self.counts: list[int] = []
        self.other_versions = 0

    def __call__(self) -> dict:
        return room_of(self.phase, words=self.words)

    def refused(self) -> None:
        self.other_versions += 1


async def serving(root: Path, hello_seconds: float = HELLO) -> tuple[RoomServer, Feed]:
    feed = Feed()
    server = RoomServer(
        room_address(paths_for(root)),
        feed,
        feed.counts.append,
        feed.refused,
        hello_seconds=hello_seconds,
    )
    await server.start()
    return server, feed


async def next_of(stream, timeout: float = 15.0) -> dict:
    return await asyncio.wait_for(anext(stream), timeout)


async def connected(path: Path) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A raw connection to the console, as anything on this laptop could make."""
    if sys.platform == "win32":
        ticket = read_ticket(path)
        return await asyncio.open_connection("127.0.0.1", ticket.port)
    return await asyncio.open_unix_connection(str(path))


async def closed_without_a_word(reader: asyncio.StreamReader, timeout: float = 15.0) -> bool:
    return await asyncio.wait_for(reader.read(), timeout) == b""


# -- where ------------------------------------------------------------------------------------
def test_the_socket_lives_in_the_runtime_dir_named_after_the_data_dir(tmp_path, runtime_dir):
    here = room_address(paths_for(tmp_path / "a"))
    assert here.parent == runtime_dir / "circle-tui"
    assert here != room_address(paths_for(tmp_path / "b"))
    same = Paths(config_file=tmp_path / "x.toml", data_dir=tmp_path / "b" / ".." / "a" / "data")
    assert room_address(same) == here


def test_without_a_runtime_dir_the_socket_lives_in_the_data_dir(runtime_dir, monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    paths = paths_for(runtime_dir)  # a short path: pytest's own can be too long for a socket
    assert room_dir(paths) == paths.data_dir / "room"
    assert room_address(paths).parent == paths.data_dir / "room"


def test_on_macos_the_socket_lives_in_the_users_own_temporary_folder(runtime_dir, monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv("TMPDIR", str(runtime_dir / "T"))
    assert room_address(paths_for(runtime_dir / "x")).parent == runtime_dir / "T" / "circle-tui"


@pytest.mark.parametrize(("system", "limit"), [("linux", 108), ("darwin", 104)])
def test_a_path_too_long_for_a_unix_socket_names_the_limit_and_the_fix(
    runtime_dir, monkeypatch, system, limit
):
    from circle_tui.room import address

    monkeypatch.delenv("XDG_RUNTIME_DIR")
    monkeypatch.setattr(sys, "platform", system)
    monkeypatch.setattr(address, "SUN_PATH_BYTES", limit)
    variable = "TMPDIR" if system == "darwin" else "XDG_RUNTIME_DIR"

    def path_with(folder: str) -> Path:
        """The socket's path with a folder of this name in it: the data dir on Linux (where
        there is no runtime dir), the temporary folder on macOS."""
        monkeypatch.setenv("TMPDIR", str(runtime_dir / folder))
        return room_address(paths_for(runtime_dir / folder))

    short = len(os.fsencode(path_with("d")))
    fits = "d" * (limit - 1 - short + 1)
    assert len(os.fsencode(path_with(fits))) == limit - 1  # the longest that fits
    with pytest.raises(RoomUnavailable) as refused:
        path_with(fits + "d")
    message = str(refused.value)
    assert f"would be {limit} bytes" in message and f"sun_path, {limit} bytes" in message
    assert message.endswith(f"set {variable} to a shorter folder or use a shorter --data-dir")


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
    path = room_address(paths_for(tmp_path))
    path.parent.mkdir(mode=0o755)
    os.chmod(path.parent, 0o755)
    server, _ = await serving(tmp_path)
    await server.close()
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700


# -- a console that was killed, or is still there ---------------------------------------------
async def test_a_stale_socket_from_a_killed_console_is_replaced(tmp_path):
    path = room_address(paths_for(tmp_path))
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
    path = room_address(paths_for(tmp_path))
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
async def test_each_room_view_gets_a_snapshot_once_it_greets_and_on_every_change(tmp_path):
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
        stopped.connect(str(server.path))  # it greets, and never reads: a SIGSTOPped view
        stopped.sendall(hello_line(""))
        live = snapshots(server.path)
        await next_of(live)
        await until(lambda: server.count == 2)
        feed.words = "x" * 4000  # about 4 KiB a snapshot
        dropped_at = None
        for n in range(200):
            server.publish()  # returns at once: the loop below would stall if it waited
            await next_of(live)  # the live view keeps up with every one
            if dropped_at is None and server.count == 1:
                dropped_at = n
        # Counted, not timed: the stopped one is dropped once MAX_PENDING (64 KiB, 16 of these
        # snapshots) waits beyond what the kernel's socket buffers took (43 in all on Linux).
        assert dropped_at is not None and dropped_at < 100, dropped_at
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


async def test_more_room_views_than_any_room_has_screens_are_turned_away_and_told(tmp_path):
    server, _ = await serving(tmp_path)
    try:
        views = [snapshots(server.path) for _ in range(MAX_VIEWS)]
        for view in views:
            await next_of(view)
        extra = snapshots(server.path)
        with pytest.raises(Refused, match="as many room views as it takes; close one first"):
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


# -- the hello ------------------------------------------------------------------------------------
async def test_connections_that_never_greet_take_no_slot_and_are_dropped_after_a_few_seconds(
    tmp_path,
):
    server, feed = await serving(tmp_path)
    try:
        junk = [await connected(server.path) for _ in range(MAX_VIEWS)]
        view = snapshots(server.path)  # a real room view still gets in, at once
        assert (await next_of(view))["phase"] == "waiting"
        assert server.count == 1 and feed.counts == [1]  # the junk was never counted
        for reader, _ in junk:  # each dropped after HELLO seconds (told only the version)
            assert await asyncio.wait_for(reader.read(), HELLO + 5) == encode(
                {"version": VERSION, "refused": "version"}
            )
        assert not server._ungreeted and server.count == 1 and feed.counts == [1]
        await view.aclose()
        for _, writer in junk:
            writer.close()
    finally:
        await server.close()


async def test_junk_that_never_greets_is_told_only_the_version_then_dropped(tmp_path):
    """Over the private Unix socket the peer is this user's own process, perhaps a room view
    of an older circle-tui, which greets nobody: it hears the version, so it can say why."""
    server, feed = await serving(tmp_path)
    try:
        reader, writer = await connected(server.path)
        said = await asyncio.wait_for(reader.read(), HELLO + 5)
        assert json.loads(said) == {"version": VERSION, "refused": "version"}
        assert server.count == 0 and feed.counts == [] and feed.other_versions == 0
        writer.close()
    finally:
        await server.close()


async def test_a_flood_of_connections_that_never_greet_cannot_keep_a_room_view_out(tmp_path):
    server, _ = await serving(tmp_path)
    try:
        flood = [await connected(server.path) for _ in range(MAX_UNGREETED * 3)]
        assert len(server._ungreeted) == MAX_UNGREETED  # the oldest pushed out
        view = snapshots(server.path)
        assert (await next_of(view))["phase"] == "waiting"
        assert server.count == 1
        await view.aclose()
        for _, writer in flood:
            writer.close()
    finally:
        await server.close()


@pytest.mark.parametrize(
    "line",
    [
        b"hello\n",
        b"{}\n",
        b'{"hello":"circle-tui room","version":3}\n',
        b'{"hello":"circle-tui room","version":3,"secret":"","more":1}\n',
        b'{"hello":"something else","version":3,"secret":""}\n',
        b"[" * 5000 + b"\n",
        b"x" * (MAX_HELLO + 1),
    ],
    ids=["words", "empty", "no-secret", "extra", "other-words", "deep", "too-long"],
)
async def test_a_wrong_hello_is_dropped_at_once_and_never_counted(tmp_path, line):
    # The wait for a hello is an hour here: a connection closed within the test's deadline was
    # dropped for its words, not for its silence, however busy the machine.
    server, feed = await serving(tmp_path, hello_seconds=3600)
    try:
        reader, writer = await connected(server.path)
        writer.write(line)
        assert await closed_without_a_word(reader, timeout=15)
        assert server.count == 0 and feed.counts == [] and not server._ungreeted
        writer.close()
    finally:
        await server.close()


async def test_a_room_view_of_another_version_is_refused_in_one_clear_line_on_both_sides(
    tmp_path,
):
    server, feed = await serving(tmp_path)
    try:
        reader, writer = await connected(server.path)
        writer.write(hello_line("").replace(b'"version":3', b'"version":2'))
        said = await asyncio.wait_for(reader.read(), 5)
        assert json.loads(said) == {"version": VERSION, "refused": "version"}
        assert feed.other_versions == 1 and server.count == 0  # the console said so
        writer.close()
    finally:
        await server.close()


# -- the room view's side -------------------------------------------------------------------------
async def test_no_console_means_not_serving(tmp_path):
    with pytest.raises(NotServing):
        await next_of(snapshots(room_address(paths_for(tmp_path))))


async def test_a_room_view_will_not_connect_through_a_directory_others_can_enter(tmp_path):
    server, _ = await serving(tmp_path)
    try:
        os.chmod(server.path.parent, 0o755)
        with pytest.raises(NotServing, match="other users"):
            await next_of(snapshots(server.path))
    finally:
        os.chmod(server.path.parent, 0o700)
        await server.close()


async def test_a_room_view_greets_first_with_the_words_and_its_version(tmp_path):
    path = room_address(paths_for(tmp_path))
    async with FakeConsole(path, lambda: [encode(room_of())]) as console:
        await next_of(snapshots(path))
    assert console.hellos == [b'{"hello":"circle-tui room","version":%d,"secret":""}\n' % VERSION]


@pytest.mark.parametrize(
    "line",
    [
        encode({"version": VERSION + 1, "phase": "rounds"}),
        encode({"version": "3", "phase": "rounds"}),
        b'{"version": 2}\n',
    ],
)
async def test_a_console_of_another_version_is_named_in_one_line(tmp_path, line):
    path = room_address(paths_for(tmp_path))
    async with FakeConsole(path, lambda: [line]):
        with pytest.raises(OtherVersion, match="run the same circle-tui for both"):
            await next_of(snapshots(path))


@pytest.mark.parametrize(
    "line",
    [b"not json\n", b"[1, 2]\n", b"\xff\xfe\n", encode(room_of(phase="tea"))],
)
async def test_a_line_that_is_no_snapshot_is_dropped_and_the_next_one_shown(tmp_path, line):
    path = room_address(paths_for(tmp_path))
    async with FakeConsole(path, lambda: [line, encode(room_of("arrivals"))]):
        stream = snapshots(path)
        assert isinstance(await next_of(stream), Dropped)
        assert (await next_of(stream))["phase"] == "arrivals"


# -- Windows: a loopback port, and its secret -----------------------------------------------------
async def test_on_windows_console_and_room_view_talk_over_loopback_with_the_secret(
    tmp_path, as_on_windows
):
    assert not hasattr(socket, "AF_UNIX") and not hasattr(asyncio, "open_unix_connection")
    server, feed = await serving(tmp_path)
    try:
        ticket = server.path
        assert ticket.name.endswith(".port") and ticket.parent == room_dir(paths_for(tmp_path))
        assert stat.S_IMODE(os.stat(ticket).st_mode) == 0o600
        assert json.loads(ticket.read_text()).keys() == {"port", "secret"}
        view = snapshots(ticket)
        assert (await next_of(view))["phase"] == "waiting"
        feed.phase = "arrivals"
        server.publish()
        assert (await next_of(view))["phase"] == "arrivals"
        assert server.count == 1 and feed.counts == [1]
        (address,) = {s.getsockname()[0] for s in server._server.sockets}  # type: ignore[union-attr]
        assert address == "127.0.0.1"
        await view.aclose()
    finally:
        await server.close()
    assert not ticket.exists()


@pytest.mark.parametrize("secret", ["", "0" * 64, "wrong"])
async def test_on_windows_a_connection_without_the_secret_is_dropped_and_never_counted(
    tmp_path, as_on_windows, secret
):
    server, feed = await serving(tmp_path)
    try:
        reader, writer = await connected(server.path)
        writer.write(hello_line(secret))
        assert await closed_without_a_word(reader)  # not even the version is told
        reader, writer = await connected(server.path)  # and one that says nothing at all
        assert await closed_without_a_word(reader, timeout=HELLO + 5)
        assert server.count == 0 and feed.counts == []
        writer.close()
    finally:
        await server.close()


async def test_on_windows_closing_leaves_a_newer_consoles_ticket_alone(tmp_path, as_on_windows):
    server, _ = await serving(tmp_path)
    newer = '{"port": 4242, "secret": "' + "1" * 64 + '"}'
    server.path.write_text(newer)
    await server.close()
    assert server.path.read_text() == newer


async def test_on_windows_a_missing_or_damaged_ticket_means_not_serving(tmp_path, as_on_windows):
    path = room_address(paths_for(tmp_path))
    with pytest.raises(NotServing):
        await next_of(snapshots(path))
    path.parent.mkdir(mode=0o700, parents=True)
    path.write_text('{"port": "x"}')
    with pytest.raises(NotServing, match="not a room ticket"):
        await next_of(snapshots(path))


async def test_the_session_reads_the_room_status_from_the_server_that_owns_it(tmp_path):
    """Nothing but the room server writes how the room views are doing; the session (and
    through it the checklist and the title) reads it."""
    from tests.support.scenario import scripted_session

    path = room_address(paths_for(tmp_path))
    path.parent.mkdir(mode=0o700)
    path.write_text("not ours")
    session = scripted_session(tmp_path)
    server = RoomServer(path, lambda: snapshot(session))
    session.serve_room_views(server)
    assert not await server.open()
    assert session.room_problem == server.problem
    assert "is not a socket" in str(session.room_problem)
    assert session.room_views == 0
