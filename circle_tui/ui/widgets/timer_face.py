"""The turn clock: big digits and the state word, coloured by state but never by colour alone."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static

from circle_tui.core.timer import TimerState

# A 5×7 pixel font for the large-screen timer, drawn with half blocks so pixels stay square.
_FONT = {
    "0": (".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."),
    "1": ("..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."),
    "2": (".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"),
    "3": ("#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."),
    "4": ("...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."),
    "5": ("#####", "#....", "####.", "....#", "....#", "#...#", ".###."),
    "6": ("..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."),
    "7": ("#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."),
    "8": (".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."),
    "9": (".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."),
    ":": ("..", "..", "##", "..", "##", "..", ".."),
    "+": (".....", "..#..", "..#..", "#####", "..#..", "..#..", "....."),
    "-": (".....", ".....", ".....", "#####", ".....", ".....", "....."),
}
_HALF = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def big_text(value: str, scale: int = 2) -> str:
    """`value` in the 5×7 font, each pixel `scale` cells wide and `scale` half-rows tall."""
    glyphs = [_FONT.get(char, _FONT["-"]) for char in value]
    pixels: list[list[bool]] = []
    for row in range(7):
        line: list[bool] = []
        for i, glyph in enumerate(glyphs):
            if i:
                line += [False] * scale  # one blank pixel between characters
            for px in glyph[row]:
                line += [px == "#"] * scale
        pixels += [line] * scale
    if len(pixels) % 2:
        pixels.append([False] * len(pixels[0]))
    return "\n".join(
        "".join(_HALF[(top, bottom)] for top, bottom in zip(pixels[y], pixels[y + 1], strict=True))
        for y in range(0, len(pixels), 2)
    )


STATE_WORDS = {
    TimerState.WAITING: "waiting — press enter to start the timer",
    TimerState.SILENCE: "a moment of silence",
    TimerState.RUNNING: "",
    TimerState.PAUSED: "paused — space to resume",
    TimerState.LAST_MINUTE: "1 minute left",
    TimerState.TIME: "time",
    TimerState.OVER: "over time",
}


class TimerFace(Vertical):
    """Shows a countdown in `Digits`, or in a larger block font on wide screens."""

    DEFAULT_CSS = """
    TimerFace { height: auto; align-horizontal: center; }
    TimerFace Digits { width: 100%; text-align: center; }
    TimerFace #big { width: 100%; text-align: center; display: none; }
    TimerFace.-wide Digits { display: none; }
    TimerFace.-wide #big { display: block; }
    TimerFace #state { width: 100%; text-align: center; text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        yield Digits("", id="digits")
        yield Static("", id="big")
        yield Static("", id="state")

    def show(self, clock_text: str, state: TimerState, word: str | None = None) -> None:
        self.query_one(Digits).update(clock_text)
        self.query_one("#big", Static).update(Text(big_text(clock_text)))
        label = STATE_WORDS[state] if word is None else word
        self.query_one("#state", Static).update(label)
        for s in TimerState:
            self.set_class(s is state, f"-{s.name.lower().replace('_', '-')}")

    def set_wide(self, wide: bool) -> None:
        self.set_class(wide, "-wide")
