"""Closing: closing words, the anonymous feedback QR, and the resources card."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from circle_tui.core.plan import Phase
from circle_tui.ui.screens.base import SCROLL_KEYS, PhaseScreen
from circle_tui.ui.widgets.feedback import FeedbackPanel
from circle_tui.ui.widgets.keys_bar import KeysBar
from circle_tui.ui.widgets.markdown_text import MarkdownText
from circle_tui.ui.widgets.title_bar import TitleBar


class ClosingScreen(PhaseScreen):
    phase = Phase.CLOSING
    BINDINGS = [
        Binding("enter", "end", "End the session", id="end"),
        Binding("e", "export", "Save QR as PNG", id="export"),
        Binding("r", "switch_code", "Feedback / resources code", id="switch-code"),
        *SCROLL_KEYS,
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="closing"):
            with VerticalScroll(id="closing-words", classes="reading"):
                yield Static("Closing · anonymous feedback: scan the code", classes="title")
                yield Static("", id="qr-warning", classes="notice")
                yield MarkdownText("", id="words")
                yield Static("", id="resources-hint", classes="notice")
                yield MarkdownText("", id="resources")
            yield FeedbackPanel(id="feedback")
        yield KeysBar()

    def on_mount(self) -> None:
        texts = self.session.texts
        agreements = texts.agreements
        words = agreements.closing if agreements and agreements.closing else "*Thank you all.*"
        self.query_one("#words", MarkdownText).update(words)
        resources = texts.resources
        hint = self.query_one("#resources-hint", Static)
        if resources is None:
            hint.update(Content(texts.resources_error or "No resources card."))
            self.query_one("#resources", MarkdownText).display = False
        else:
            body = "\n\n".join(f"### {s.heading}\n\n{s.body}" for s in resources.sections)
            self.query_one("#resources", MarkdownText).update(f"## {resources.title}\n\n{body}")
            hint.display = resources.placeholders > 0
            hint.update(
                Content(
                    f"The resources card still has {resources.placeholders} [TO FILL IN] "
                    "placeholders: edit it before relying on it (circle-tui agreements show "
                    "resources)."
                )
            )
        self.show_warning()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "switch_code":
            return bool(self.session.settings.resources_url)
        if action == "export" and self.is_mounted:
            return bool(self.query_one(FeedbackPanel).url)
        return True

    def show_warning(self) -> None:
        panel = self.query_one(FeedbackPanel)
        warning = self.query_one("#qr-warning", Static)
        warning.update(Content(panel.warning))
        warning.display = bool(panel.warning)

    async def action_switch_code(self) -> None:
        """Show the other configured code (feedback ↔ resources) in the same place."""
        panel = self.query_one(FeedbackPanel)
        which = "resources" if panel.which == "feedback" else "feedback"
        await panel.remove()
        await self.query_one("#closing").mount(FeedbackPanel(which, id="feedback"))
        self.show_warning()
        self.refresh_keys()

    def on_resize(self) -> None:
        self.set_class(self.size.height < 28, "-compact")

    def action_export(self) -> None:
        self.query_one(FeedbackPanel).export_png()

    def action_end(self) -> None:
        self.circle.go_to(Phase.END)
