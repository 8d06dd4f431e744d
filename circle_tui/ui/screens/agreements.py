"""Agreements: one card at a time, "3 of 9", back and next, an optional reader rotation."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from circle_tui.core.plan import Phase
from circle_tui.i18n import N_, _
from circle_tui.ui.screens.base import SCROLL_KEYS, PhaseScreen
from circle_tui.ui.widgets.keys_bar import KeysBar
from circle_tui.ui.widgets.markdown_text import MarkdownText
from circle_tui.ui.widgets.title_bar import TitleBar


class AgreementsScreen(PhaseScreen):
    phase = Phase.AGREEMENTS
    BINDINGS = [
        Binding("right,enter", "next", N_("Next"), id="next"),
        Binding("left", "previous", N_("Back"), id="previous"),
        Binding("r", "rotation", N_("Reader rotation"), id="rotation"),
        *SCROLL_KEYS,
    ]
    _shown: int | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="card-progress", classes="subtitle")
        with VerticalScroll(id="card", classes="reading"):
            yield Static("", id="card-heading", classes="title")
            yield MarkdownText("", id="card-body")
        yield Static("", id="reader", classes="hint")
        yield KeysBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        circle = self.session.circle
        if action == "previous" and circle is not None:
            return circle.card > 0
        return True

    def refresh_view(self) -> None:
        circle = self.circle
        texts = self.session.texts
        cards = texts.cards
        card = cards[circle.card]
        title = texts.agreements.title if texts.agreements else _("Agreements")
        progress = (
            _("the end of the agreements")
            if circle.on_last_card
            else _("{n} of {total}").format(n=circle.card + 1, total=len(cards) - 1)
        )
        self.query_one("#card-progress", Static).update(Content(f"{title} · {progress}"))
        if self._shown != circle.card:  # a new card: its text, from the top
            self._shown = circle.card
            self.query_one("#card-heading", Static).update(Content(card.heading))
            self.query_one("#card-body", MarkdownText).update(card.body)
            self.query_one("#card", VerticalScroll).scroll_home(animate=False)
        readers = circle.readers()
        self.query_one("#reader", Static).update(
            Content(
                _("reading now: {reader} · next reader: {next}").format(
                    reader=circle.label(readers[0]), next=circle.label(readers[1])
                )
            )
            if readers
            else ""
        )

    def action_next(self) -> None:
        circle = self.circle
        if circle.on_last_card:
            circle.go_to(Phase.ROUNDS)
        else:
            circle.show_card(circle.card + 1)

    def action_previous(self) -> None:
        self.circle.show_card(self.circle.card - 1)

    def action_rotation(self) -> None:
        self.circle.toggle_reader_rotation()
