"""End: the final counts for correction, then save and say plainly what was stored."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from circle_tui.core.plan import Phase
from circle_tui.session import SaveFailed
from circle_tui.ui.screens.base import PhaseScreen
from circle_tui.ui.widgets.keys_bar import KeysBar
from circle_tui.ui.widgets.title_bar import TitleBar

FIELDS = ("present", "newcomers", "returning")
LABELS = {"present": "present", "newcomers": "first-timers", "returning": "second visits"}


def stored_statement(present: int, newcomers: int, returning: int = 0) -> str:
    second = f", {returning} back for a second time" if returning else ""
    return f"{present} present, {newcomers} new{second} — no names, nothing said."


class EndScreen(PhaseScreen):
    phase = Phase.END
    BINDINGS = [
        Binding("up", "choose(-1)", "Choose count", id="choose-up"),
        Binding("down", "choose(1)", "Choose count", show=False, id="choose-down"),
        Binding("plus,equals_sign", "correct(1)", "+1", key_display="+", id="add"),
        Binding("minus", "correct(-1)", "-1", key_display="-", id="remove"),
        Binding("enter", "save", "Save and finish", id="save"),
        Binding("escape,left", "back", "Back to closing", tooltip="the QR code again", id="back"),
    ]
    selected = 0

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="end"):
            yield Static("End of the circle", classes="title")
            yield Static("Check the counts. Up/down chooses, + and − correct.", classes="subtitle")
            yield Static("", id="counts")
            yield Static("", id="statement", classes="hint")
        yield KeysBar()

    def refresh_view(self) -> None:
        counts = self.circle.counts()
        values = {
            "present": counts.present,
            "newcomers": counts.newcomers,
            "returning": counts.returning,
        }
        lines = [
            Content.from_markup(
                "$marker [b]$value[/b]  $label",
                marker="▶" if i == self.selected else " ",
                value=f"{values[name]:>3}",
                label=LABELS[name],
            )
            for i, name in enumerate(FIELDS)
        ]
        self.query_one("#counts", Static).update(Content("\n").join(lines))
        self.query_one("#statement", Static).update(
            "Enter saves: "
            + stored_statement(counts.present, counts.newcomers, counts.returning)
            + "\nNames typed tonight are forgotten when you press enter."
        )

    def action_choose(self, step: int) -> None:
        self.selected = (self.selected + step) % len(FIELDS)
        self.refresh_view()

    def action_correct(self, delta: int) -> None:
        adjust = {
            "present": self.circle.adjust_present,
            "newcomers": self.circle.adjust_newcomers,
            "returning": self.circle.adjust_returning,
        }[FIELDS[self.selected]]
        if not adjust(delta):
            self.notify(
                "First-timers and second visits together cannot be more than those present, "
                "nor below zero."
            )

    def action_back(self) -> None:
        self.circle.go_to(Phase.CLOSING)

    def action_save(self) -> None:
        try:
            record = self.session.end()
        except SaveFailed as err:
            self.notify(
                f"The counts could not be saved ({err.reason}). They are still here; "
                "try again, or quit to keep the draft.",
                severity="error",
                timeout=30,
            )
            return
        message = (
            "Saved: " + stored_statement(record.present, record.newcomers, record.returning or 0)
            if record is not None and record.present
            else "Nobody was counted, so nothing was stored."
        )
        self.app.notify(message, title="Circle ended", timeout=12)
