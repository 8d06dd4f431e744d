"""`circle-tui room`: the room view, read-only and full screen, for a second window (a TV or a
projector). It follows the console on this laptop over the room socket, and shows only what
the whole room may see."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from textual import events, work
from textual.app import App, ComposeResult
from textual.binding import Binding

from circle_tui import i18n
from circle_tui.config import Settings
from circle_tui.core.clock import Clock, MonotonicClock
from circle_tui.i18n import N_, _
from circle_tui.room.snapshot import ENDED
from circle_tui.ui.themes import HIGH_CONTRAST, CueColours
from circle_tui.ui.widgets.room_stage import RoomStage

#: How often a room view looks for the console while there is none.
RETRY_SECONDS = 0.5
WAITING_NOTE = N_("waiting for circle-tui on this laptop")
ENDED_NOTE = N_("any key closes this window")


class RoomApp(CueColours, App[int]):
    """Keys do nothing here but close it (ctrl+q, or any key once the circle has ended): the
    view on a TV must not change because someone brushed the keyboard."""

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
        retry_seconds: float = RETRY_SECONDS,
    ) -> None:
        super().__init__()
        self.socket = socket
        self.clock = clock or MonotonicClock()
        self.retry_seconds = retry_seconds
        self.register_theme(HIGH_CONTRAST)
        theme = (settings or Settings()).theme
        if theme in self.available_themes:
            self.theme = theme
        self.ended = False

    def compose(self) -> ComposeResult:
        yield RoomStage(self.clock, id="stage")

    def action_help_quit(self) -> None:
        """ctrl+c: Textual would put "press ctrl+q to quit" on the TV; the room sees nothing."""

    def on_mount(self) -> None:
        self.query_one(RoomStage).show(None, _(WAITING_NOTE) if self.socket else "")
        if self.socket is not None:
            self.follow(self.socket)

    def show(self, room: dict[str, Any] | None, note: str = "") -> None:
        language = room.get("language") if room else None
        if language in i18n.LANGUAGES and language != i18n.current():
            i18n.use(language)  # the console's settings changed the language mid-evening
        self.ended = room is not None and room["phase"] == ENDED
        self.query_one(RoomStage).show(room, _(ENDED_NOTE) if self.ended else note)

    def console_gone(self) -> None:
        """The console quit, or was killed: the circle has ended, as far as the room knows."""
        stage = self.query_one(RoomStage)
        last = stage.room or {"circle": "", "version": None}
        self.show({**last, "phase": ENDED})

    @work(exclusive=True)
    async def follow(self, socket: Path) -> None:
        """Connect, show every snapshot, and when the connection ends try again at once (a
        view dropped for falling behind gets the current snapshot); only when nobody answers
        does the room hear that the circle has ended."""
        from circle_tui.room.client import NotServing, snapshots
        from circle_tui.room.snapshot import RoomProtocolError

        connected = False
        while True:
            received = False
            try:
                async for room in snapshots(socket):
                    connected = received = True
                    self.show(room)
                if received:
                    continue  # the connection ended: reconnect at once
            except NotServing:
                if connected:
                    connected = False
                    self.console_gone()
            except RoomProtocolError as err:
                self.show(None, str(err))
            await asyncio.sleep(self.retry_seconds)

    def on_key(self, event: events.Key) -> None:
        if self.ended:
            event.stop()
            self.exit(0)


def run(socket: Path, settings: Settings) -> int:
    from circle_tui.ui.app import refuse_a_terminal_without_glyphs

    refuse_a_terminal_without_glyphs()
    i18n.use_chosen(settings.language, settings.agreements)
    app = RoomApp(socket, settings)
    app.run()
    return app.return_code or 0
