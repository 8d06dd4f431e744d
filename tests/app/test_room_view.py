"""The room view follows the console over the socket, and the console is safe for the room to see."""

from __future__ import annotations

import asyncio
import time

from circle_tui.core.clock import FakeClock
from circle_tui.room.address import room_address
from circle_tui.room.server import RoomServer
from circle_tui.room.snapshot import snapshot as room_snapshot
from circle_tui.session import FixedRoomStatus
from circle_tui.settings import Settings
from circle_tui.ui.room import ENDED_NOTE, RoomApp
from circle_tui.ui.screens.room_preview import RoomPreview
from circle_tui.ui.screens.rounds import RoundsScreen
from circle_tui.ui.widgets.room_stage import RoomStage
from tests.support.rooms import room_of, timer_of
from tests.support.scenario import room_scenes, scripted_session
from tests.support.ui_support import Facilitator, make_app, press, settle

FEEDBACK = "https://forms.example.org/f?d={date}"


async def until(pilot, condition, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the room view never caught up"
        await pilot.pause(0.02)


def stage_of(app) -> RoomStage:
    return app.query_one(RoomStage)


# -- following the console ------------------------------------------------------------------
class Feed:
    def __init__(self) -> None:
        self.room = room_of("waiting")

    def __call__(self) -> dict:
        return dict(self.room)


def shown_text(app) -> str:
    return visible_text(app) + "\n" + str(app.query_one("#room-note").render())


async def serve(path, feed: Feed) -> RoomServer:
    server = RoomServer(path, feed)
    await server.start()
    return server


def address_in(tmp_path):
    from circle_tui.settings import Paths

    return room_address(Paths(tmp_path / "c.toml", tmp_path / "data"))


async def test_a_room_view_started_before_the_console_connects_when_it_comes(tmp_path):
    path = address_in(tmp_path)
    app = RoomApp(path, retry_seconds=0.02)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert stage_of(app).room is None  # waiting for the console
        assert "waiting for circle-tui" in shown_text(app)
        feed = Feed()
        server = await serve(path, feed)
        try:
            await until(pilot, lambda: stage_of(app).phase == "waiting")
            feed.room["phase"] = "arrivals"
            server.publish()
            await until(pilot, lambda: stage_of(app).phase == "arrivals")
        finally:
            await server.close()


async def test_a_console_that_vanishes_mid_circle_leaves_one_moment_and_no_end(tmp_path):
    """Killed, crashed or quit mid-circle: no "ended", no "thank you", no key closes the
    window; and when the console is back, the view follows it again."""
    path = address_in(tmp_path)
    feed = Feed()
    feed.room.update(phase="rounds", speaker="Robin", timer=timer_of(300, 12))
    server = await serve(path, feed)
    app = RoomApp(path, retry_seconds=0.02)
    async with app.run_test(size=(80, 24)) as pilot:
        try:
            await until(pilot, lambda: stage_of(app).phase == "rounds")
        finally:
            await server.close()
        await until(pilot, lambda: app.lost)
        await pilot.pause()
        text = shown_text(app)
        assert app.query_one("#room-big").line == "One moment"  # in block letters
        assert "waiting for circle-tui on this laptop" in text
        lowered = text.lower()
        assert "ended" not in lowered and "thank" not in lowered and "any key" not in lowered
        assert "Robin" not in text  # nobody is shown speaking while nothing runs
        await pilot.press("x", "enter", "escape", "q")
        await pilot.pause()
        assert app.is_running and not app.ended
        feed.room = room_of("rounds", round=None)  # the console returns (carried on)
        server = await serve(path, feed)
        try:
            await until(pilot, lambda: not app.lost and stage_of(app).phase == "rounds")
            assert not app.query_one("#room-big").display
        finally:
            await server.close()


async def test_only_an_end_the_console_announced_shows_the_thanks_and_any_key_closes(tmp_path):
    path = address_in(tmp_path)
    feed = Feed()
    feed.room["phase"] = "closing"
    server = await serve(path, feed)
    app = RoomApp(path, retry_seconds=0.02)
    async with app.run_test(size=(80, 24)) as pilot:
        try:
            await until(pilot, lambda: stage_of(app).phase == "closing")
            assert not app.ended
            feed.room = room_of("ended")  # the facilitator saved the end
            server.publish()
            await until(pilot, lambda: app.ended)
        finally:
            await server.close()  # then quit: the end stays the end
        await pilot.pause(0.1)
        assert app.ended and not app.lost
        assert ENDED_NOTE in shown_text(app) and "The circle has ended." in shown_text(app)
        await pilot.press("x")
        await pilot.pause()
    assert app.return_code == 0


async def test_quitting_before_any_circle_began_leaves_the_waiting_screen(tmp_path):
    path = address_in(tmp_path)
    server = await serve(path, Feed())
    app = RoomApp(path, retry_seconds=0.02)
    async with app.run_test(size=(80, 24)) as pilot:
        try:
            await until(pilot, lambda: stage_of(app).phase == "waiting")
        finally:
            await server.close()
        await until(pilot, lambda: "waiting for circle-tui" in shown_text(app))
        text = shown_text(app)
        assert "The circle begins soon." in text and not app.ended and not app.lost
        assert "ended" not in text.lower() and "thank" not in text.lower()
        await pilot.press("x")
        await pilot.pause()
        assert app.is_running


async def test_keys_do_nothing_on_the_room_view_while_the_circle_runs(tmp_path):
    app = RoomApp(None)
    async with app.run_test(size=(80, 24)) as pilot:
        app.show(room_of("arrivals"))
        await pilot.press("x", "enter", "q")
        await pilot.pause()
        assert app.is_running and stage_of(app).phase == "arrivals"


async def test_a_dropped_room_view_reconnects_to_the_current_phase(tmp_path):
    path = address_in(tmp_path)
    feed = Feed()
    server = await serve(path, feed)
    try:
        app = RoomApp(path, retry_seconds=0.02)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: server.count == 1)
            feed.room["phase"] = "opening"
            for transport in list(server._views):
                transport.abort()  # what publish does to a view that fell behind
            await until(pilot, lambda: stage_of(app).phase == "opening")
            assert not app.ended and not app.lost
    finally:
        await server.close()


async def test_the_room_view_counts_down_by_itself_between_snapshots(tmp_path):
    session = scripted_session(tmp_path, Settings(circle_name="Tuesday circle"))
    rooms = dict(room_scenes(session))
    clock = FakeClock(0)
    app = RoomApp(None, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.show(rooms["rounds-running"])  # a 1-minute check-in, 48 s left
        await pilot.pause()
        await pilot.pause()
        assert "running" in visible_text(app)
        clock.advance(20)  # no new snapshot: the view's own clock moves on
        stage_of(app).tick()
        await pilot.pause()
        assert "30 seconds left" in visible_text(app)


async def test_the_console_and_the_room_view_say_the_same_cue_at_29_seconds_of_a_1_minute_round(
    tmp_path,
):
    """One function in core/ gives both screens their cue: "30 seconds left" in a 1-minute
    round (the warning never takes more than half a turn), in the same colour."""
    from circle_tui.ui.widgets.timer_face import TimerFace

    console = make_app(tmp_path, Settings(circle_name="Tuesday circle"))
    async with console.run_test(size=(100, 30)) as pilot:
        f = Facilitator(pilot)
        await f.to_rounds()
        await press(pilot, "enter", "enter")  # the check-in round, 1 minute; the first turn
        circle = console.session.circle
        assert circle.timer is not None and circle.timer.total_seconds == 60
        f.clock.advance(31)
        console.screen.tick()
        await pilot.pause()
        face = console.screen.query_one(TimerFace)
        state = face.query_one("#state")
        console_cue = (str(state.render()), state.styles.color)
        room = room_snapshot(console.session)
    assert console_cue[0] == "30 seconds left" and face.has_class("-last-minute")
    view = RoomApp(None, clock=FakeClock(0))
    async with view.run_test(size=(80, 24)) as pilot:
        view.show(room)
        await pilot.pause()
        face = view.query_one(TimerFace)
        state = face.query_one("#state")
        assert (str(state.render()), state.styles.color) == console_cue
        assert face.has_class("-last-minute")


async def test_the_room_view_speaks_the_language_the_console_changes_to(tmp_path):
    """Settings saved mid-evening with another language: the room view follows at once."""
    session = scripted_session(tmp_path, Settings(circle_name="Tuesday circle"))
    waiting = dict(room_scenes(session))["waiting"]
    app = RoomApp(None, clock=FakeClock(0))
    async with app.run_test(size=(80, 24)) as pilot:
        app.show(waiting)
        await pilot.pause()
        assert "The circle begins soon." in visible_text(app)
        app.show({**waiting, "language": "es"})
        await pilot.pause()
        assert "El círculo empieza pronto." in visible_text(app)


async def test_a_room_view_too_small_for_the_code_shows_its_link_and_no_instructions(tmp_path):
    session = scripted_session(
        tmp_path, Settings(circle_name="Tuesday circle", feedback_url=FEEDBACK)
    )
    closing = dict(room_scenes(session))["closing"]
    app = RoomApp(None, clock=FakeClock(0))
    async with app.run_test(size=(60, 20)) as pilot:
        app.show(closing)
        await pilot.pause()
        await pilot.press("ctrl+c")  # Textual would answer "press ctrl+q to quit" on the TV
        await pilot.pause()
        from circle_tui.ui.widgets.qr import QRCodeView

        code = app.query_one(QRCodeView)
        assert not code.fits
        shown = str(code.render())
        # The link, wrapped only before its ? (never inside the date), and no instructions.
        assert shown.replace("\n", "").startswith("https://forms.example.org/f?d=")
        assert all(line[:1] in ("h", "?") for line in shown.splitlines())
        assert "Enlarge" not in shown
        assert not app._notifications


# -- the console's side --------------------------------------------------------------------------
async def test_the_console_serves_counts_and_previews_the_room_view(tmp_path, runtime_dir):
    from circle_tui.room.client import snapshots

    app = make_app(tmp_path, Settings(circle_name="Tuesday circle"))
    app.room_socket = room_address(app.session.paths)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "no room view" in app.sub_title
        views = [snapshots(app.room_socket) for _ in range(2)]
        for view in views:
            assert (await asyncio.wait_for(anext(view), 5))["phase"] == "waiting"
        await until(pilot, lambda: "2 room views" in app.sub_title)
        await press(pilot, "enter", "plus")
        for view in views:
            assert (await asyncio.wait_for(anext(view), 5))["phase"] == "arrivals"
        await press(pilot, "v")
        assert isinstance(app.screen, RoomPreview)
        await pilot.pause()
        assert app.screen.query_one(RoomStage).phase == "arrivals"
        await press(pilot, "v")
        assert not isinstance(app.screen, RoomPreview)
        for view in views:
            await view.aclose()
        await until(pilot, lambda: "no room view" in app.sub_title)


async def test_connections_that_never_greet_are_no_room_views_and_leave_room_safe_auto_alone(
    tmp_path, runtime_dir
):
    """Eight junk connections, every slot's worth: not counted as room views, and the
    facilitator's panel (who passed, who left) stays hidden as with no room view, for with
    `room_safe = "auto"` a connected room view is what shows it."""
    import socket

    from circle_tui.room.client import snapshots

    app = make_app(tmp_path, Settings(room_safe="auto"))
    app.room_socket = room_address(app.session.paths)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        junk = []
        for _ in range(8):
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.connect(str(app.room_socket))
            sock.sendall(b"GET / HTTP/1.0\r\n")  # no line of JSON, and no hello
            junk.append(sock)
        await pilot.pause(0.1)
        assert app.session.room_views == 0 and "no room view" in app.sub_title
        await Facilitator(pilot).to_rounds()
        assert not app.circle.show_panel  # as with no room view: there is none
        view = snapshots(app.room_socket)  # a real room view still gets in
        assert (await asyncio.wait_for(anext(view), 5))["phase"] == "rounds"
        await until(pilot, lambda: "1 room view" in app.sub_title)
        await view.aclose()
        for sock in junk:
            sock.close()


async def test_the_facilitator_panel_starts_hidden_with_no_room_view_and_h_shows_it(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        f = Facilitator(pilot)
        await f.to_rounds()
        await press(pilot, "enter", "enter", "p")
        panel = app.screen.query_one("#facilitator")
        assert not panel.display
        assert "Seat 1" not in str(app.screen.query_one("#said").render())  # who passed
        hint = str(app.screen.query_one("#panel-hint").render())
        assert hint == "h: passed, stepped out, left, airtime"
        await press(pilot, "h")
        assert panel.display
        assert "passed" in str(app.screen.query_one("#facilitator-text").render())


async def test_room_safe_off_shows_the_panel_and_a_connected_room_view_does_too(tmp_path):
    app = make_app(tmp_path, Settings(room_safe="off"))
    async with app.run_test(size=(100, 30)) as pilot:
        await Facilitator(pilot).to_rounds()
        assert isinstance(app.screen, RoundsScreen)
        assert app.circle.show_panel
    app = make_app(tmp_path / "2")
    app.session.serve_room_views(FixedRoomStatus(count=1))  # as a server with a view would
    async with app.run_test(size=(100, 30)) as pilot:
        await Facilitator(pilot).to_rounds()
        assert app.circle.show_panel
    app = make_app(tmp_path / "3", Settings(room_safe="on"))
    app.session.serve_room_views(FixedRoomStatus(count=1))
    async with app.run_test(size=(100, 30)) as pilot:
        await Facilitator(pilot).to_rounds()
        assert not app.circle.show_panel


#: What only a facilitator should read: setting names, placeholders, warnings, paths.
ADMIN = ("feedback_url", "TO FILL IN", "placeholder", "settings", "http://", "not https", "/")


async def test_no_screen_the_room_reads_carries_admin_text(tmp_path):
    """Opening, agreements and closing, with everything a facilitator should fix still
    unfixed: an http link, an unfinished resources card, a set with no closing words."""
    sets = tmp_path / "config" / "agreements"
    sets.mkdir(parents=True)
    (sets / "bare.md").write_text("# Bare\n\n## One\n\nBe kind.\n")
    app = make_app(
        tmp_path,
        Settings(
            agreements="bare", feedback_url="http://forms.example.org/f", resources="resources"
        ),
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home = visible_text(app)
        assert "Before the circle" in home and "not https" in home and "TO FILL IN" in home
        await press(pilot, "enter", "plus", "enter")
        texts = [visible_text(app)]  # opening
        await press(pilot, "enter")
        texts.append(visible_text(app))  # agreements
        await press(pilot, "right", "enter")
        await Facilitator(pilot).skip_to_closing()
        await settle(pilot)
        texts.append(visible_text(app))  # closing
        for text in texts:
            assert [word for word in ADMIN if word in text] == [], text
        assert not app._notifications


def visible_text(app) -> str:
    """The screen's words, without the QR code's own URL (a link the room is meant to scan)."""
    from textual.widgets import Footer, Header

    from circle_tui.ui.widgets.qr import QRCodeView

    parts = []
    for widget in app.screen.walk_children():
        skipped = (QRCodeView, Header, Footer)
        if any(isinstance(w, skipped) or not w.display for w in widget.ancestors_with_self):
            continue
        if hasattr(widget, "render") and not widget.children:
            parts.append(str(widget.render()))
    return "\n".join(parts)
