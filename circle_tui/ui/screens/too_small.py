"""Shown instead of a clipped screen while the terminal is smaller than the app needs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from circle_tui.i18n import _


class TooSmallScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen Static { width: 100%; text-align: center; padding: 0 1; }
    """

    def __init__(self, need: tuple[int, int]) -> None:
        super().__init__()
        self.need = need

    def compose(self) -> ComposeResult:
        yield Static("", id="too-small")

    def on_mount(self) -> None:
        self.show()

    def on_resize(self) -> None:
        self.show()

    def show(self) -> None:
        w, h = self.need
        size = self.app.size
        self.query_one(Static).update(
            Content(
                _(
                    "The window is too small ({width}×{height}). circle-tui needs at least "
                    "{need_width}×{need_height}: enlarge the window or make the font smaller. "
                    "Nothing is lost meanwhile; timers keep running."
                ).format(width=size.width, height=size.height, need_width=w, need_height=h)
            )
        )
