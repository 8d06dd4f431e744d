"""`circle-tui room`: the room view, read-only and full screen, for a second window (a TV or a
projector). It follows the console on this laptop, and shows only what the whole room may
see: every message it is sent is checked against the snapshot contract first, and one that
fails is dropped while the room keeps what it showed."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual import events, work
from textual.app import App, ComposeResult
from textual.binding import Binding

from circle_tui import i18n
from circle_tui.core.clock import Clock, MonotonicClock
from circle_tui.i18n import N_, _
from circle_tui.room.snapshot import ENDED, WAITING, Room
from circle_tui.settings import Settings
from circle_tui.ui import relayout
from circle_tui.ui.themes import HIGH_CONTRAST, CueColours
from circle_tui.ui.widgets.room_stage import RoomStage

#: How often a room view looks for the console while there is none.
RETRY_SECONDS = 0.5
WAITING_NOTE = N_("waiting for circle-tui on this laptop")
ENDED_NOTE = N_("any key closes this window")


class RoomApp(CueColours, App[int]):
    """Keys do nothing here but close it (ctrl+q, or any key once the console said the circle
    has ended): the view on a TV must not change because someone brushed the keyboard."""

    CSS_PATH = "circle.tcss"
    TITLE = "circle-tui room"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit", N_("Close the room view"), priority=True, id="quit")]

    def __init__(
        self,
        socket: Path | None,
        settings: Settings | None = None,
        *,
        clock: Clock | None = None,
        wall: Callable[[], datetime] = datetime.now,
        retry_seconds: float = RETRY_SECONDS,
    ) -> None:
        relayout.install()  # Textual 8.2 kept a grown text's old height (ui/relayout.py)
        super().__init__()
        self.socket = socket
        self.clock = clock or MonotonicClock()
        self.wall = wall  # the time of day it shows when the console asks (show_clock)
        self.retry_seconds = retry_seconds
        self.register_theme(HIGH_CONTRAST)
        theme = (settings or Settings()).theme
        if theme in self.available_themes:
            self.theme = theme
        #: The console announced the end: any key closes the window.
        self.ended = False
        #: The console went away mid-circle: "one moment…" until it is back.
        self.lost = False
        #: Messages that failed the contract and were never drawn (for tests).
        self.dropped: list[str] = []

    def compose(self) -> ComposeResult:
        yield RoomStage(self.clock, wall=self.wall, id="stage")

    def action_help_quit(self) -> None:
        """ctrl+c: Textual would put "press ctrl+q to quit" on the TV; the room sees nothing."""

    def on_mount(self) -> None:
        self.query_one(RoomStage).show(None, _(WAITING_NOTE) if self.socket else "")
        if self.socket is not None:
            self.follow(self.socket)

    def show(self, room: Room | None, note: str = "") -> None:
        """Show a snapshot the console sent (checked, or the console's own for the preview)."""
        if not self.is_running:
            return  # closing: the screen is being taken down under the socket's last lines
        if room is not None:  # the console's settings may have changed it mid-evening
            i18n.LANGUAGE.follow_console(room["language"])
        self.ended = room is not None and room["phase"] == ENDED
        self.lost = False
        self.query_one(RoomStage).show(room, _(ENDED_NOTE) if self.ended else note)

    def console_gone(self) -> None:
        """The console quit, or was killed. Only an end it announced is an end: before any
        circle the room keeps waiting, after the end it keeps its thanks, and in between it
        shows a calm "one moment…" until the console is back."""
        if not self.is_running:
            return
        stage = self.query_one(RoomStage)
        last = stage.room
        if last is None or last["phase"] == WAITING:
            self.show(last, _(WAITING_NOTE))
        elif last["phase"] != ENDED:
            self.lost = True
            stage.show(last, _(WAITING_NOTE), lost=True)

    @work(exclusive=True)
    async def follow(self, socket: Path) -> None:
        """Connect, show every snapshot, and when the connection ends try again at once (a
        view dropped for falling behind gets the current snapshot); only when nobody answers
        is the console gone."""
        from circle_tui.room.client import Dropped, NotServing, snapshots
        from circle_tui.room.snapshot import OtherVersion, Refused, RoomProtocolError

        connected = False
        while True:
            received = False
            try:
                async for message in snapshots(socket):
                    if isinstance(message, Dropped):
                        self.dropped.append(message.reason)
                        continue
                    connected = received = True
                    self.show(message)
                if received:
                    continue  # the connection ended: reconnect at once
            except NotServing:
                if connected:
                    connected = False
                    self.console_gone()
            except (OtherVersion, Refused) as err:  # said on the TV: only a person can fix it
                connected = False
                self.show(None, str(err))
            except RoomProtocolError as err:  # the stream is beyond reading: start afresh
                self.dropped.append(str(err))
            await asyncio.sleep(self.retry_seconds)

    def on_key(self, event: events.Key) -> None:
        if self.ended:
            event.stop()
            self.exit(0)

    def _handle_exception(self, error: Exception) -> None:
        from textual.worker import WorkerFailed

        crash: BaseException = error
        while isinstance(crash, WorkerFailed):  # the socket's worker: report what it raised
            crash = crash.error
        self._crash = crash  # for the report below
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """Textual's crash report shows local variables and the error's message, either of
        which could quote what the console sent (a speaker's name): report the traceback
        with neither."""
        self.bell()
        crash = getattr(self, "_crash", None)
        if crash is not None:
            self._exit_renderables.append(_traceback_without_data(crash))
        self._close_messages_no_wait()


def _traceback_without_data(error: BaseException):
    """`error`'s traceback, as Rich draws it, without locals and without messages."""
    from rich.traceback import Traceback

    trace = Traceback.extract(type(error), error, error.__traceback__, show_locals=False)
    stacks = list(trace.stacks)
    while stacks:
        stack = stacks.pop()
        stack.exc_value = _("(message left out: it may quote what the console sent)")
        stack.syntax_error = None
        stack.notes = []
        stacks.extend(group for exception in stack.exceptions for group in exception.stacks)
    return Traceback(trace, width=100)


def run(socket: Path, settings: Settings) -> int:
    from circle_tui.ui.app import refuse_an_unfit_terminal

    refuse_an_unfit_terminal()
    app = RoomApp(socket, settings)  # in the settings' language, which the command line set
    app.run()
    return app.return_code or 0
