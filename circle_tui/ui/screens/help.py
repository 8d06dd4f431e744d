"""The help overlay: every key of the screen underneath, read from its own bindings."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def key_label(key: str) -> str:
    names = {
        "equals_sign": "=",
        "plus": "+",
        "minus": "-",
        "question_mark": "?",
        "left_square_bracket": "[",
        "right_square_bracket": "]",
    }
    return " / ".join(names.get(k.strip(), k.strip()) for k in key.split(","))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for binding in getattr(self.under, "BINDINGS", []):
            if isinstance(binding, Binding) and binding.description:
                table.add_row(key_label(binding.key), binding.description)
        table.add_row("", "")
        table.add_row("?", "this help")
        table.add_row("ctrl+p", "command palette: start, end round, attendance, settings, privacy")
        table.add_row("ctrl+q", "quit (asks first during a circle; attendance is saved)")
        table.add_row("escape", "close a dialog")
        with VerticalScroll(classes="dialog help"):
            yield Static("Keys on this screen", classes="dialog-title")
            yield Static(table)
            yield Static("[b]escape[/b] close", classes="dialog-keys")

    def action_close(self) -> None:
        self.dismiss(None)
