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


GLOBAL_KEYS = [
    ("?", "this help"),
    ("ctrl+p", "command palette: start, end round, attendance, settings, privacy"),
    ("ctrl+q", "quit (asks first during a circle; attendance is saved)"),
    ("escape", "close a dialog"),
]


def key_rows(screen: Screen) -> list[tuple[str, str]]:
    """Every key the screen binds, with its description, then the keys that work everywhere."""
    rows = [
        (key_label(b.key), b.description)
        for b in getattr(screen, "BINDINGS", [])
        if isinstance(b, Binding) and b.description
    ]
    return rows + GLOBAL_KEYS


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]
    AUTO_FOCUS = "VerticalScroll"  # so the arrow keys scroll a long list on a small screen

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, description in key_rows(self.under):
            table.add_row(key, description)
        with VerticalScroll(classes="dialog help"):
            yield Static("Keys on this screen", classes="dialog-title")
            yield Static(table)
            yield Static("[b]↑/↓[/b] scroll    [b]escape[/b] close", classes="dialog-keys")

    def action_close(self) -> None:
        self.dismiss(None)
