"""`v`: the room view as the room sees it now, drawn by the room view's own widget."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from circle_tui.i18n import N_, _
from circle_tui.ui.keys import key_name
from circle_tui.ui.screens.dialog import Dialog
from circle_tui.ui.widgets.room_stage import RoomStage

if TYPE_CHECKING:
    from circle_tui.ui.app import CircleApp


class RoomPreview(Dialog[None]):
    """Follows the session while open, as a room view would; nothing here can be changed."""

    if TYPE_CHECKING:

        @property
        def app(self) -> CircleApp: ...  # type: ignore[override]  # for type checkers only

    BINDINGS = [Binding("escape,v", "close", N_("Close the preview"), id="close")]
    DEFAULT_CSS = """
    RoomPreview #room-preview { width: 90%; height: 90%; border: round $accent;
        background: $background; padding: 0; }
    RoomPreview #room-preview-keys { width: 100%; color: $text-muted; text-align: center; }
    """
    _unwatch: Callable[[], None] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="room-preview") as box:
            box.border_title = _("What the room view shows")
            yield RoomStage(self.app.session.clock, wall=self.app.session.wall, id="stage")
            yield Static(
                Content.from_markup(
                    "[b]v[/b] $either [b]$escape[/b] $close",
                    either=_("or"),
                    escape=key_name("escape"),
                    close=_("close"),
                ),
                id="room-preview-keys",
            )

    def on_mount(self) -> None:
        self._unwatch = self.app.session.watch(self._show)
        self._show()

    def on_unmount(self) -> None:
        if self._unwatch is not None:
            self._unwatch()

    def _show(self) -> None:
        from circle_tui.room.snapshot import snapshot

        self.query_one(RoomStage).show(snapshot(self.app.session))

    def action_close(self) -> None:
        self.dismiss(None)
