"""The app's title and the circle's name, in one line at the top of every screen.

Textual's Header watches the app's title from each screen it is on and is never released
when that screen goes (Textual 8.2, textual#6666), so every phase of a circle left a whole screen behind in
memory; this line reads the title when it is drawn instead."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget


class TitleBar(Widget):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        content-align: center middle;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def render(self) -> Content:
        app = self.app
        return app.format_title(app.title, app.sub_title)
