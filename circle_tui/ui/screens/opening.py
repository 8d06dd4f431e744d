"""Opening: the set's opening words, and an optional minute of silence to land."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Markdown, Static

from circle_tui.core.plan import Phase
from circle_tui.core.timer import TurnTimer, format_seconds
from circle_tui.ui.screens.base import SCROLL_KEYS, CircleScreen

LANDING_SECONDS = 60


class OpeningScreen(CircleScreen):
    BINDINGS = [
        Binding("enter,right", "continue", "Continue"),
        Binding("space", "silence", "1 minute of silence"),
        *SCROLL_KEYS,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.silence: TurnTimer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="opening", classes="reading"):
            yield Static("Opening", classes="title")
            yield Markdown("", id="words")
            yield Static("", id="silence", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        agreements = self.circle_app.agreements
        words = (
            agreements.opening
            if agreements and agreements.opening
            else ("*This agreement set has no opening words.* Welcome everyone in your own words.")
        )
        self.query_one("#words", Markdown).update(words)
        self.tick()
        self.wake_at_next_change()

    def countdown(self) -> TurnTimer | None:
        return self.silence

    def tick(self) -> None:
        label = self.query_one("#silence", Static)
        if self.silence is None:
            label.update("space: a minute of silence to land · enter: continue")
        elif self.silence.remaining() > 0:
            label.update(f"Silence · {format_seconds(self.silence.remaining())} · enter to skip")
        else:
            label.update("The silence has ended · enter to continue")

    def action_silence(self) -> None:
        self.silence = TurnTimer(self.circle.clock, LANDING_SECONDS)
        self.silence.start()
        self.tick()
        self.wake_at_next_change()

    def action_continue(self) -> None:
        self.circle_app.go_to(Phase.AGREEMENTS)
