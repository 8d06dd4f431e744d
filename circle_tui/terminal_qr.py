"""A QR code drawn with half blocks in explicit black on white, on every theme.

A Rich renderable, not a widget: `circle-tui qr` prints it without loading Textual."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style

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
