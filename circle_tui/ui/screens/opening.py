"""Opening: the set's opening words, and an optional silence to land."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from circle_tui.core.plan import Phase
from circle_tui.core.timer import TurnTimer, format_seconds
from circle_tui.i18n import N_, _
from circle_tui.ui.keys import hints, keyed
from circle_tui.ui.screens.base import SCROLL_KEYS, PhaseScreen
from circle_tui.ui.widgets.keys_bar import KeysBar
from circle_tui.ui.widgets.lines import set_text
from circle_tui.ui.widgets.markdown_text import MarkdownText
from circle_tui.ui.widgets.title_bar import TitleBar

#: When the set has no opening words (the home screen's checklist says so): what the room reads.
NO_WORDS = N_("*Welcome.*")


class OpeningScreen(PhaseScreen):
    phase = Phase.OPENING
    BINDINGS = [
        Binding("enter,right", "continue", N_("Continue"), id="continue"),
        Binding("space", "silence", N_("A silence to land"), id="silence"),
        *SCROLL_KEYS,
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="opening", classes="reading"):
            yield Static(_("Opening"), classes="title")
            yield MarkdownText("", id="words")
            yield Static("", id="silence", classes="hint")
        yield KeysBar()

    def on_mount(self) -> None:
        agreements = self.session.texts.agreements
        words = agreements.opening if agreements and agreements.opening else _(NO_WORDS)
        self.query_one("#words", MarkdownText).update(words)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "silence":
            return bool(self.session.settings.opening_silence_seconds) and self.countdown() is None
        return True

    def refresh_view(self) -> None:
        self.tick()
        self.wake_at_next_change()

    def countdown(self) -> TurnTimer | None:
        circle = self.session.circle
        return circle.silence if circle else None

    def tick(self) -> None:
        label = self.query_one("#silence", Static)
        silence = self.countdown()
        if silence is None:
            set_text(label, hints(self, "silence", "continue"))
        elif silence.remaining() > 0:
            set_text(
                label,
                keyed(
                    _("Silence · {time} · {enter} to go on"),
                    time=format_seconds(silence.remaining()),
                ),
            )
        else:
            set_text(label, keyed(_("The silence has ended · {enter} to continue")))

    def action_silence(self) -> None:
        self.circle.start_silence(self.session.settings.opening_silence_seconds)

    def action_continue(self) -> None:
        self.circle.go_to(Phase.AGREEMENTS)
