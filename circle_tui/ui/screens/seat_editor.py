"""The seat editor between rounds: room order, names and first-timer marks (e on the rounds screen)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from circle_tui.core.circle import Circle
from circle_tui.i18n import N_, _
from circle_tui.ui.keys import hint_items, key_name
from circle_tui.ui.screens.dialog import Dialog
from circle_tui.ui.widgets.keys_bar import KeyHints
from circle_tui.ui.widgets.seat_list import SEAT_KEYS, SeatEditing, SeatList


class SeatEditorScreen(SeatEditing, Dialog[None]):
    BINDINGS = [*SEAT_KEYS, Binding("escape,enter", "close", N_("Done"), id="done")]

    @property
    def circle(self) -> Circle:
        circle = self.app.session.circle  # type: ignore[attr-defined]
        assert circle is not None
        return circle

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_("Seats, around the circle"), classes="dialog-title")
            with VerticalScroll(id="editor-seats"):
                yield SeatList()
            yield KeyHints(id="editor-keys", classes="dialog-keys")

    def on_mount(self) -> None:
        seats = self._seats()
        self.chosen_seat = seats[0] if seats else None
        self._unwatch = self.app.session.watch(self.seat_list_changed)  # type: ignore[attr-defined]
        self.seat_list_changed()
        keys = hint_items(
            self, "seat-down", "move-earlier", "move-later", "rename", "first-timer-mark"
        )
        self.query_one("#editor-keys", KeyHints).show(
            [*keys, (key_name("escape") or "escape", _("done"))]
        )

    def on_unmount(self) -> None:
        self._unwatch()

    def seat_list_changed(self) -> None:
        if self.is_attached:
            self.query_one(SeatList).show(self.circle, self._chosen())

    def action_close(self) -> None:
        self.dismiss(None)
