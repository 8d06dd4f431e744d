"""The QR code as a widget: centred, or a message instead of a clipped code."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from circle_tui.terminal_qr import QRRenderable


class QRCodeView(Widget):
    """Centres the code; when it does not fit, says how large the window must be instead
    of drawing a clipped code that would not scan."""

    DEFAULT_CSS = """
    QRCodeView { width: 1fr; height: 1fr; content-align: center middle; }
    """

    def __init__(self, modules: list[list[bool]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.code = QRRenderable(modules)

    @property
    def fits(self) -> bool:
        width, height = self.code.size
        return self.size.width >= width and self.size.height >= height

    def needed_terminal(self) -> tuple[int, int]:
        """The terminal size at which the code would fit, given the space around it now."""
        width, height = self.code.size
        screen = self.app.size
        return (
            screen.width + max(0, width - self.size.width),
            screen.height + max(0, height - self.size.height),
        )

    def render(self):
        if self.fits:
            return self.code
        w, h = self.needed_terminal()
        return Text(
            f"The code does not fit here. Enlarge the window to at least {w}×{h}, "
            "or press e to save a PNG to print or show.",
            justify="center",
        )
