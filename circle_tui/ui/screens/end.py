"""End: the final counts for correction, then save and say plainly what was stored."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, Static

from circle_tui.ui.screens.base import CircleScreen

FIELDS = ("present", "newcomers")
LABELS = {"present": "present", "newcomers": "first-timers"}


def stored_statement(present: int, newcomers: int) -> str:
    return f"{present} present, {newcomers} new — no names, nothing said."


class EndScreen(CircleScreen):
    BINDINGS = [
        Binding("up", "choose(-1)", "Choose count"),
        Binding("down", "choose(1)", "Choose count", show=False),
        Binding("plus,equals_sign", "correct(1)", "+1", key_display="+"),
        Binding("minus", "correct(-1)", "-1", key_display="-"),
        Binding("enter", "save", "Save and finish"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.selected = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="end"):
            yield Static("End of the circle", classes="title")
            yield Static("Check the counts. Up/down chooses, + and − correct.", classes="subtitle")
            yield Static("", id="counts")
            yield Static("", id="statement", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        counts = self.circle.counts()
        values = {"present": counts.present, "newcomers": counts.newcomers}
        lines = []
        for i, name in enumerate(FIELDS):
            marker = "▶" if i == self.selected else " "
            lines.append(f"{marker} [b]{values[name]:>3}[/b]  {LABELS[name]}")
        self.query_one("#counts", Static).update("\n".join(lines))
        self.query_one("#statement", Static).update(
            "Enter saves: "
            + stored_statement(counts.present, counts.newcomers)
            + "\nNames typed tonight are forgotten when you press enter."
        )

    def action_choose(self, step: int) -> None:
        self.selected = (self.selected + step) % len(FIELDS)
        self.show()

    def action_correct(self, delta: int) -> None:
        if FIELDS[self.selected] == "present":
            ok = self.circle.adjust_present(delta)
        else:
            ok = self.circle.adjust_newcomers(delta)
        if not ok:
            self.notify("First-timers cannot be more than those present, nor below zero.")
        self.show()
        self.circle_app.counts_changed()

    def action_save(self) -> None:
        app = self.circle_app
        record = app.end_session()
        message = (
            "Saved: " + stored_statement(record.present, record.newcomers)
            if record is not None and record.present
            else "Nobody was counted, so nothing was stored."
        )
        self.app.pop_screen()
        self.app.notify(message, title="Circle ended", timeout=12)
