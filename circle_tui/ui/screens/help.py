"""The help overlay: every key of the screen underneath, read from its own bindings."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from circle_tui.i18n import N_, _
from circle_tui.ui.keys import key_rows
from circle_tui.ui.screens.dialog import Dialog, dialog_keys


class HelpScreen(Dialog[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", N_("Close"))]
    AUTO_FOCUS = "VerticalScroll"  # so the arrow keys scroll a long list on a small screen

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, description in key_rows(self.under):
            table.add_row(Text(key), Text(description))  # as written: no markup
        with VerticalScroll(classes="dialog help"):
            yield Static(_("Keys on this screen"), classes="dialog-title")
            yield Static(table)
            yield dialog_keys(("↑/↓", _("scroll")), ("escape", _("close")))

    def action_close(self) -> None:
        self.dismiss(None)
