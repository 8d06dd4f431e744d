"""Closing: closing words, the anonymous feedback QR, and the resources card."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Markdown, Static

from circle_tui.core.plan import Phase
from circle_tui.ui.screens.base import SCROLL_KEYS, CircleScreen
from circle_tui.ui.widgets.feedback import FeedbackPanel


class ClosingScreen(CircleScreen):
    BINDINGS = [
        Binding("enter", "end", "End the session"),
        Binding("e", "export", "Save QR as PNG"),
        Binding("r", "switch_code", "Feedback / resources code"),
        *SCROLL_KEYS,
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="closing"):
            with VerticalScroll(id="closing-words", classes="reading"):
                yield Static("Closing · anonymous feedback: scan the code", classes="title")
                yield Static("", id="qr-warning", classes="notice", markup=False)
                yield Markdown("", id="words")
                yield Static("", id="resources-hint", classes="notice", markup=False)
                yield Markdown("", id="resources")
            yield FeedbackPanel(id="feedback")
        yield Footer()

    def on_mount(self) -> None:
        app = self.circle_app
        agreements = app.agreements
        words = agreements.closing if agreements and agreements.closing else "*Thank you all.*"
        self.query_one("#words", Markdown).update(words)
        resources = app.resources
        hint = self.query_one("#resources-hint", Static)
        if resources is None:
            hint.update(app.resources_error or "No resources card.")
            self.query_one("#resources", Markdown).display = False
        else:
            body = "\n\n".join(f"### {s.heading}\n\n{s.body}" for s in resources.sections)
            self.query_one("#resources", Markdown).update(f"## {resources.title}\n\n{body}")
            hint.display = resources.placeholders > 0
            hint.update(
                f"The resources card still has {resources.placeholders} [TO FILL IN] placeholders: "
                "edit it before relying on it (circle-tui agreements show resources)."
            )
        self.show_warning()

    def show_warning(self) -> None:
        panel = self.query_one(FeedbackPanel)
        warning = self.query_one("#qr-warning", Static)
        warning.update(panel.warning)
        warning.display = bool(panel.warning)

    async def action_switch_code(self) -> None:
        """Show the other configured code (feedback ↔ resources) in the same place."""
        if not self.circle_app.settings.resources_url:
            self.notify("No resources_url is set, so there is only the feedback code.")
            return
        panel = self.query_one(FeedbackPanel)
        which = "resources" if panel.which == "feedback" else "feedback"
        await panel.remove()
        await self.query_one("#closing").mount(FeedbackPanel(which, id="feedback"))
        self.show_warning()

    def on_resize(self) -> None:
        super().on_resize()
        self.set_class(self.size.height < 28, "-compact")

    def action_export(self) -> None:
        self.query_one(FeedbackPanel).export_png()

    def action_end(self) -> None:
        self.circle_app.go_to(Phase.END)
