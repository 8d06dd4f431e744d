"""Agreements: one card at a time, "3 of 9", back and next, an optional reader rotation."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Markdown, Static

from circle_tui.core.agreements import Card
from circle_tui.core.plan import Phase
from circle_tui.ui.screens.base import SCROLL_KEYS, CircleScreen

AGREE = Card(
    "Do we agree?",
    "Is there anything anyone needs to add, or to ask about?\n\n"
    "*When everyone is ready, we begin.*",
    0,
)


class AgreementsScreen(CircleScreen):
    BINDINGS = [
        Binding("right,enter", "next", "Next"),
        Binding("left", "previous", "Back"),
        Binding("r", "rotation", "Reader rotation"),
        *SCROLL_KEYS,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.index = 0
        self.rotation = False

    @property
    def cards(self) -> list[Card]:
        agreements = self.circle_app.agreements
        cards = list(agreements.cards) if agreements else []
        return cards + [AGREE]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="card-progress", classes="subtitle")
        with VerticalScroll(id="card", classes="reading"):
            yield Static("", id="card-heading", classes="title", markup=False)
            yield Markdown("", id="card-body")
        yield Static("", id="reader", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        if self.circle_app.agreements is None:
            self.notify(
                self.circle_app.agreements_error or "No agreement set.",
                severity="error",
                timeout=20,
            )
        self.show_card()

    def show_card(self) -> None:
        cards = self.cards
        card = cards[self.index]
        agreements = self.circle_app.agreements
        title = agreements.title if agreements else "Agreements"
        last = self.index == len(cards) - 1
        progress = "the end of the agreements" if last else f"{self.index + 1} of {len(cards) - 1}"
        self.query_one("#card-progress", Static).update(f"{title} · {progress}")
        self.query_one("#card-heading", Static).update(card.heading)
        self.query_one("#card-body", Markdown).update(card.body)
        self.query_one("#card", VerticalScroll).scroll_home(animate=False)
        reader = self.query_one("#reader", Static)
        present = self.circle.present
        if self.rotation and present and not last:
            nxt = present[(self.index + 1) % len(present)]
            reader.update(
                f"reading now: {present[self.index % len(present)].label} · next reader: {nxt.label}"
            )
        else:
            reader.update("")

    def action_next(self) -> None:
        if self.index < len(self.cards) - 1:
            self.index += 1
            self.show_card()
        else:
            self.circle_app.go_to(Phase.ROUNDS)

    def action_previous(self) -> None:
        if self.index > 0:
            self.index -= 1
            self.show_card()

    def action_rotation(self) -> None:
        self.rotation = not self.rotation
        self.show_card()
