"""A QR code drawn with half blocks in explicit black on white, on every theme (DESIGN §8)."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

BLACK, WHITE = "#000000", "#ffffff"
_STYLES = {
    (False, False): Style(color=WHITE, bgcolor=WHITE),
    (True, True): Style(color=BLACK, bgcolor=BLACK),
    (True, False): Style(color=BLACK, bgcolor=WHITE),
    (False, True): Style(color=WHITE, bgcolor=BLACK),
}


class QRRenderable:
    """Two module rows per terminal row: `▀` takes the top module's colour as foreground
    and the bottom one's as background, so the code never depends on the theme."""

    def __init__(self, modules: list[list[bool]]) -> None:
        self.modules = modules

    @property
    def size(self) -> tuple[int, int]:
        return len(self.modules[0]), (len(self.modules) + 1) // 2

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        rows = self.modules
        width = len(rows[0])
        for y in range(0, len(rows), 2):
            top = rows[y]
            bottom = rows[y + 1] if y + 1 < len(rows) else [False] * width
            for x in range(width):
                yield Segment("▀", _STYLES[(top[x], bottom[x])])
            yield Segment.line()


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
