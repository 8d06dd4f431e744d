"""The care pause: the whole circle stops together, for someone in distress or to breathe.

A calm screen over whatever was showing (the room may be reading it): the set's pause words,
an optional silence, and on request the resources card and its code. Enter goes back to
exactly where the circle was; nothing about the pause is recorded."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from circle_tui.core.agreements import without_placeholders
from circle_tui.core.timer import TurnTimer, format_seconds
from circle_tui.i18n import N_, _
from circle_tui.ui.screens.base import CircleScreen
from circle_tui.ui.widgets.keys_bar import KeysBar
from circle_tui.ui.widgets.markdown_text import MarkdownText
from circle_tui.ui.widgets.title_bar import TitleBar

DEFAULT_WORDS = N_("*Let's pause here together. There is no hurry.*")


class CarePauseScreen(CircleScreen):
    BINDINGS = [
        Binding(
            "enter",
            "resume",
            N_("Go on"),
            tooltip=N_("back to exactly where the circle was"),
            id="resume",
        ),
        Binding(
            "r",
            "resources",
            N_("Resources"),
            tooltip=N_("the resources card and its code"),
            id="resources",
        ),
    ]
    _shown_resources: bool | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="care"), VerticalScroll(id="care-words", classes="reading"):
            yield Static(_("A pause"), classes="title")
            yield MarkdownText("", id="pause-words")
            yield Static("", id="care-silence", classes="hint")
            yield MarkdownText("", id="care-resources")
        yield KeysBar()

    def on_mount(self) -> None:
        agreements = self.session.texts.agreements
        words = agreements.pause if agreements and agreements.pause else _(DEFAULT_WORDS)
        self.query_one("#pause-words", MarkdownText).update(words)

    def countdown(self) -> TurnTimer | None:
        circle = self.session.circle
        return circle.care.silence if circle and circle.care else None

    def refresh_view(self) -> None:
        circle = self.session.circle
        if circle is None or circle.care is None:
            return
        if circle.care.resources != self._shown_resources:
            self._shown_resources = circle.care.resources
            self.show_resources(circle.care.resources)
        self.tick()
        self.wake_at_next_change()

    def tick(self) -> None:
        silence = self.countdown()
        label = self.query_one("#care-silence", Static)
        label.display = silence is not None
        if silence is not None:
            left = silence.remaining()
            label.update(
                _("Silence · {time}").format(time=format_seconds(left)) if left > 0 else ""
            )

    def show_resources(self, shown: bool) -> None:
        """The resources card beside the words, and its code when a resources_url is set."""
        from circle_tui.ui.widgets.feedback import FeedbackPanel

        texts = self.session.texts
        card = self.query_one("#care-resources", MarkdownText)
        card.display = shown
        if shown and texts.resources is not None:
            resources = texts.resources
            # The room may be reading this: lines still marked [TO FILL IN] stay out of it.
            body = "\n\n".join(
                f"### {s.heading}\n\n{without_placeholders(s.body)}" for s in resources.sections
            )
            card.update(f"## {resources.title}\n\n{body}")
        panels = self.query(FeedbackPanel)
        if shown and not panels and self.session.settings.resources_url:
            self.query_one("#care", Horizontal).mount(FeedbackPanel("resources", id="care-code"))
        elif not shown:
            panels.remove()

    def action_resume(self) -> None:
        circle = self.session.circle
        if circle is not None:
            circle.end_care_pause()

    def action_resources(self) -> None:
        circle = self.session.circle
        if circle is not None:
            circle.toggle_care_resources()
