"""A QR code drawn with block characters in explicit black on white, on every theme.

A Rich renderable, not a widget: `circle-tui qr` prints it without loading Textual."""

from __future__ import annotations

import math

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style

BLACK, WHITE = "#000000", "#ffffff"
#: (top half dark, bottom half dark) → the cell; a cell of one colour is a full block.
_CELLS = {
    (False, False): ("█", Style(color=WHITE, bgcolor=WHITE)),
    (True, True): ("█", Style(color=BLACK, bgcolor=BLACK)),
    (True, False): ("▀", Style(color=BLACK, bgcolor=WHITE)),
    (False, True): ("▀", Style(color=WHITE, bgcolor=BLACK)),
}


def link_pieces(link: str) -> list[str]:
    """A link in the pieces a line may end between: after a `/` (not inside `//`), and
    before a `?` or `&`, so no date, word or value is split."""
    pieces = [""]
    for i, char in enumerate(link):
        after_slash = i and link[i - 1] == "/" and char != "/"
        if pieces[-1] and (char in "?&" or after_slash):
            pieces.append("")
        pieces[-1] += char
    return pieces


def _cut(piece: str, width: int) -> list[str]:
    """A piece wider than a line, cut by cells: the one place a link breaks elsewhere."""
    lines = [""]
    for char in piece:
        if cell_len(lines[-1] + char) > width and lines[-1]:
            lines.append("")
        lines[-1] += char
    return lines


def caption_lines(caption: str, width: int) -> list[str]:
    """The caption (a link, which has no spaces to break at) in lines at most `width` cells
    wide, broken only at `/`, `?` or `&` unless one piece alone is wider than a line."""
    if not caption or width <= 0:
        return []
    lines: list[str] = []
    for piece in link_pieces(caption):
        if lines and cell_len(lines[-1] + piece) <= width:
            lines[-1] += piece
        elif cell_len(piece) <= width:
            lines.append(piece)
        else:
            lines.extend(_cut(piece, width))
    return lines


def code_size(modules: int, scale: int) -> tuple[int, int]:
    """Columns and rows of a code of `modules` a side, each module `scale` columns wide and
    `scale` half-rows tall (a terminal cell is about twice as tall as it is wide)."""
    return modules * scale, math.ceil(modules * scale / 2)


def fit_scale(modules: int, width: int, height: int, caption: str = "") -> int:
    """The largest whole-module scale at which the code and its caption fit; 0 if none does."""
    scale = 0
    while True:
        columns, rows = code_size(modules, scale + 1)
        if columns > width or rows + len(caption_lines(caption, columns)) > height:
            return scale
        scale += 1


class QRRenderable:
    """Two pixel rows per terminal row: `▀` takes the top pixel's colour as foreground and the
    bottom one's as background, so the code never depends on the theme. At `scale` n each
    module is n columns by n half-rows; the caption (the URL) goes under it, as wide."""

    def __init__(self, modules: list[list[bool]], scale: int = 1, caption: str = "") -> None:
        self.modules = modules
        self.scale = scale
        self.caption = caption

    @property
    def size(self) -> tuple[int, int]:
        columns, rows = code_size(len(self.modules), self.scale)
        return columns, rows + len(caption_lines(self.caption, columns))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        modules, scale = self.modules, self.scale
        side = len(modules)
        columns, rows = code_size(side, scale)
        blank = [False] * side

        def row_of(pixel_row: int) -> list[bool]:
            module_row = pixel_row // scale
            return modules[module_row] if module_row < side else blank

        for y in range(rows):
            top, bottom = row_of(2 * y), row_of(2 * y + 1)
            run_cell, run = None, 0
            for x in range(columns):
                cell = (top[x // scale], bottom[x // scale])
                if cell != run_cell and run:
                    text, style = _CELLS[run_cell]  # type: ignore[index]
                    yield Segment(text * run, style)
                    run = 0
                run_cell, run = cell, run + 1
            text, style = _CELLS[run_cell]  # type: ignore[index]
            yield Segment(text * run, style)
            yield Segment.line()
        for line in caption_lines(self.caption, columns):
            left = (columns - cell_len(line)) // 2
            yield Segment(" " * left + line + " " * (columns - cell_len(line) - left))
            yield Segment.line()
