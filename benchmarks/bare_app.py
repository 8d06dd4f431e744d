"""The baseline: a bare Textual app with a Header, a Static and a Footer (enter updates the Static).

With `--tick` the Static also shows a clock that changes once a second, as circle-tui's turn
timer does: the floor for idle CPU of any Textual app that shows a running countdown."""

import sys
import time

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class BareApp(App):
    BINDINGS = [("enter", "count", "Count")]
    presses = 0

    def __init__(self, tick: bool = False) -> None:
        super().__init__()
        self.ticking = tick

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("bare app ready")
        yield Footer()

    def on_mount(self) -> None:
        if self.ticking:
            self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        self.query_one(Static).update(f"bare app ready {time.monotonic():.0f}")

    def action_count(self) -> None:
        self.presses += 1
        self.query_one(Static).update(f"pressed {self.presses}")


if __name__ == "__main__":
    BareApp(tick="--tick" in sys.argv).run()
