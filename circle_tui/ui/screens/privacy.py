"""Privacy: what is stored, where, what never is — in plain words, for anyone in the room."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Markdown

from circle_tui.privacy import privacy_text
from circle_tui.ui.screens.base import SCROLL_KEYS, CircleScreen


class PrivacyScreen(CircleScreen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back"), *SCROLL_KEYS]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(classes="reading"):
            yield Markdown(privacy_text(self.session.paths))
        yield Footer()
