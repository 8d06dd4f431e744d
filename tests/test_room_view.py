"""The room view follows the console over the socket, and the console is safe for the room to see."""

from __future__ import annotations

import asyncio
import time

from circle_tui.config import Settings
from circle_tui.core.clock import FakeClock
from circle_tui.room.address import socket_path
from circle_tui.room.server import RoomServer
from circle_tui.room.snapshot import VERSION
from circle_tui.ui.room import ENDED_NOTE, RoomApp
from circle_tui.ui.scenario import room_scenes, scripted_session
from circle_tui.ui.screens.room_preview import RoomPreview
from circle_tui.ui.screens.rounds import RoundsScreen
from circle_tui.ui.widgets.room_stage import RoomStage
from tests.ui_support import Facilitator, make_app, press, settle

FEEDBACK = "https://forms.example.org/f?d={date}"


async def until(pilot, condition, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the room view never caught up"
        await pilot.pause(0.02)


def stage_of(app) -> RoomStage:
    return app.query_one(RoomStage)


# -- following the console ------------------------------------------------------------------
class Feed:
    def __init__(self) -> None:
        self.room = {"version": VERSION, "circle": "Tuesday circle", "phase": "waiting"}

    def __call__(self) -> dict:
        return dict(self.room)


async def test_a_room_view_started_before_the_console_connects_when_it_comes(tmp_path):
    from circle_tui.config import Paths

    path = socket_path(Paths(tmp_path / "c.toml", tmp_path / "data"))
    app = RoomApp(path, retry_seconds=0.02)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert stage_of(app).room is None  # waiting for the console
        assert "waiting for circle-tui" in str(app.query_one("#room-note").render())
        feed = Feed()
        server = RoomServer(path, feed)
        await server.start()
        try:
            await until(pilot, lambda: stage_of(app).phase == "waiting")
            feed.room["phase"] = "arrivals"
            server.publish()
            await until(pilot, lambda: stage_of(app).phase == "arrivals")
            # The console quits: the room hears the circle has ended; any key closes it.
            await server.close()
            await until(pilot, lambda: app.ended)
            assert ENDED_NOTE in str(app.query_one("#room-note").render())
            await pilot.press("x")
            await pilot.pause()
        finally:
            await server.close()
    assert app.return_code == 0


async def test_keys_do_nothing_on_the_room_view_while_the_circle_runs(tmp_path):
    app = RoomApp(None)
    async with app.run_test(size=(80, 24)) as pilot:
        app.show({"version": VERSION, "circle": "Tuesday circle", "phase": "arrivals"})
        await pilot.press("x", "enter", "q")
        await pilot.pause()
        assert app.is_running and stage_of(app).phase == "arrivals"


async def test_a_dropped_room_view_reconnects_to_the_current_phase(tmp_path):
    from circle_tui.config import Paths

    path = socket_path(Paths(tmp_path / "c.toml", tmp_path / "data"))
    feed = Feed()
    server = RoomServer(path, feed)
    await server.start()
    try:
        app = RoomApp(path, retry_seconds=0.02)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: server.count == 1)
            feed.room["phase"] = "opening"
            feed.room.update(words="", countdown=None)
            for transport in list(server._views):
                transport.abort()  # what publish does to a view that fell behind
            await until(pilot, lambda: stage_of(app).phase == "opening")
            assert not app.ended
    finally:
        await server.close()


async def test_the_room_view_counts_down_by_itself_between_snapshots(tmp_path):
    session = scripted_session(tmp_path, Settings(circle_name="Tuesday circle"))
    rooms = dict(room_scenes(session))
    clock = FakeClock(0)
    app = RoomApp(None, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.show(rooms["rounds-running"])
        await pilot.pause()
        await pilot.pause()
        assert "running" in visible_text(app)
        clock.advance(20)  # no new snapshot: the view's own clock moves on
        stage_of(app).tick()
        await pilot.pause()
        assert "1 minute left" in visible_text(app)


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
    app.room_socket = socket_path(app.session.paths)
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
    app.session.room_views = 1  # what the room server reports when a view is connected
    async with app.run_test(size=(100, 30)) as pilot:
        await Facilitator(pilot).to_rounds()
        assert app.circle.show_panel
    app = make_app(tmp_path / "3", Settings(room_safe="on"))
    app.session.room_views = 1
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
