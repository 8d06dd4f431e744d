"""Closing: closing words, the anonymous feedback QR, and the resources card."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from circle_tui.core.agreements import without_placeholders
from circle_tui.core.plan import Phase
from circle_tui.i18n import N_, _
from circle_tui.ui.screens.base import SCROLL_KEYS, PhaseScreen
from circle_tui.ui.widgets.feedback import FeedbackPanel
from circle_tui.ui.widgets.keys_bar import KeysBar
from circle_tui.ui.widgets.markdown_text import MarkdownText
from circle_tui.ui.widgets.title_bar import TitleBar

#: When the set has no closing words: what the room reads instead.
NO_WORDS = N_("*Thank you all.*")


class ClosingScreen(PhaseScreen):
    """What the room reads at the end. Nothing here is for the facilitator alone: a missing
    link or an unfinished resources card is on the home screen's checklist instead."""

    phase = Phase.CLOSING
    BINDINGS = [
        Binding("enter", "end", N_("End the session"), id="end"),
        Binding("e", "export", N_("Save QR as PNG"), id="export"),
        Binding("r", "switch_code", N_("Feedback / resources code"), id="switch-code"),
        *SCROLL_KEYS,
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="closing"):
            with VerticalScroll(id="closing-words", classes="reading"):
                yield Static(_("Closing"), classes="title")
                yield MarkdownText("", id="words")
                yield MarkdownText("", id="resources")
            yield FeedbackPanel(self.circle.closing_code, id="feedback")
        yield KeysBar()

    def on_mount(self) -> None:
        texts = self.session.texts
        agreements = texts.agreements
        words = agreements.closing if agreements and agreements.closing else _(NO_WORDS)
        self.query_one("#words", MarkdownText).update(words)
        resources = texts.resources
        if resources is None:
            self.query_one("#resources", MarkdownText).display = False
        else:
            body = "\n\n".join(
                f"### {s.heading}\n\n{without_placeholders(s.body)}" for s in resources.sections
            )
            self.query_one("#resources", MarkdownText).update(f"## {resources.title}\n\n{body}")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "switch_code":
            return bool(self.session.settings.resources_url)
        if action == "export" and self.is_mounted:
            return bool(self.query_one(FeedbackPanel).url)
        return True

    def refresh_view(self) -> None:
        if self.query_one(FeedbackPanel).which != self.circle.closing_code:
            self.call_later(self._show_code)

    async def _show_code(self) -> None:
        """Show the code the circle shows (the room view follows the same choice)."""
        panel = self.query_one(FeedbackPanel)
        if panel.which != self.circle.closing_code:
            await panel.remove()
            await self.query_one("#closing").mount(
                FeedbackPanel(self.circle.closing_code, id="feedback")
            )
            self.refresh_keys()

    def action_switch_code(self) -> None:
        self.circle.switch_code()

    def on_resize(self) -> None:
        """Make way for the code when it does not fit with the header and its caption: they
        go first, never its title or its link. The size the code asks for is then right."""
        panel = self.query_one(FeedbackPanel)
        rows = self.size.height - 2  # under the title bar, over the keys
        self.set_class(panel.display and panel.rows_needed() > rows, "-compact")

    def action_export(self) -> None:
        self.query_one(FeedbackPanel).export_png()

    def action_end(self) -> None:
        self.circle.go_to(Phase.END)
