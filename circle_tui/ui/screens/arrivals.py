"""Arrivals: one key per person, another for a first-timer; names optional and in memory only."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Footer, Header, Input, Static

from circle_tui.core.people import clean_name
from circle_tui.core.plan import Phase
from circle_tui.ui.screens.base import CircleScreen


class ArrivalsScreen(CircleScreen):
    BINDINGS = [
        Binding("plus,equals_sign", "arrive", "+ arrival", key_display="+"),
        Binding("n", "arrive(True)", "First-timer"),
        Binding("minus", "undo", "Undo last", key_display="-"),
        Binding("t", "type_name", "Type a name"),
        Binding("enter", "continue", "Continue"),
        Binding("escape", "cancel_name", "Cancel name", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="arrivals"):
            yield Static("Arrivals", classes="title")
            yield Static(
                "Press + as each person arrives, n for someone here for the first time.",
                classes="subtitle",
            )
            with Horizontal(id="counts"):
                with Vertical(classes="count"):
                    yield Digits("0", id="present")
                    yield Static("present", classes="count-label")
                with Vertical(classes="count"):
                    yield Digits("0", id="newcomers")
                    yield Static("first-timers", classes="count-label")
            yield Static("", id="seats", markup=False)
            yield Input(
                placeholder="first name or nickname for the next arrival — enter adds, escape cancels",
                id="name",
                max_length=24,
            )
            yield Static("", id="last-action", classes="hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#name", Input).display = False
        self.refresh_counts()

    def refresh_counts(self, said: str = "") -> None:
        counts = self.circle.counts()
        self.query_one("#present", Digits).update(str(counts.present))
        self.query_one("#newcomers", Digits).update(str(counts.newcomers))
        seats = [p.label + (" (new)" if p.newcomer else "") for p in self.circle.participants]
        self.query_one("#seats", Static).update(" · ".join(seats) or "Nobody yet.")
        self.query_one("#last-action", Static).update(said)

    def action_arrive(self, newcomer: bool = False, name: str | None = None) -> None:
        person = self.circle.arrive(newcomer=newcomer, name=name)
        kind = "first-timer" if newcomer else "arrival"
        self.refresh_counts(f"{person.label}: {kind} counted (- to undo)")
        self.circle_app.counts_changed()

    def action_undo(self) -> None:
        if self.circle.last_action() != "arrival":
            self.refresh_counts("Nothing to undo.")
            return
        self.circle.undo()
        self.refresh_counts("Last arrival taken back.")
        self.circle_app.counts_changed()

    def action_type_name(self) -> None:
        field = self.query_one("#name", Input)
        field.display = True
        field.value = ""
        field.focus()

    def action_cancel_name(self) -> None:
        field = self.query_one("#name", Input)
        field.value = ""
        field.display = False
        self.set_focus(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        name = clean_name(event.value)
        self.action_cancel_name()
        self.action_arrive(False, name)

    def action_continue(self) -> None:
        if not self.circle.participants:
            self.notify("Count at least one arrival first (+).")
            return
        self.circle_app.go_to(Phase.OPENING)
