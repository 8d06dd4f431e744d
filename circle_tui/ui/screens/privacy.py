"""Privacy: what is stored, where, what never is — in plain words, for anyone in the room."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from circle_tui.i18n import N_
from circle_tui.room.address import described
from circle_tui.session.privacy_statement import privacy_text
from circle_tui.ui.screens.base import SCROLL_KEYS, CircleScreen
from circle_tui.ui.widgets.keys_bar import KeysBar
from circle_tui.ui.widgets.markdown_text import MarkdownText
from circle_tui.ui.widgets.title_bar import TitleBar


class PrivacyScreen(CircleScreen):
    BINDINGS = [Binding("escape", "app.pop_screen", N_("Back")), *SCROLL_KEYS]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(classes="reading"):
            paths = self.session.paths
            yield MarkdownText(privacy_text(paths, room=described(paths)))
        yield KeysBar()
