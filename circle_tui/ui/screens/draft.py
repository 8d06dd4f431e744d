"""A session that never finished (crash, closed lid): confirm its counts or correct them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from circle_tui.core.record import AttendanceRecord
from circle_tui.ui.screens.dialog import Dialog


class DraftScreen(Dialog[None]):
    BINDINGS = [
        Binding("enter", "confirm", "Counts are right"),
        Binding("up,down", "choose", "Choose count"),
        Binding("plus,equals_sign", "correct(1)", "+1", key_display="+"),
        Binding("minus", "correct(-1)", "-1", key_display="-"),
        Binding("escape", "later", "Decide later"),
    ]

    def __init__(self, record: AttendanceRecord) -> None:
        super().__init__()
        self.original = record
        self.record = record
        self.field = "present"

    def compose(self) -> ComposeResult:
        r = self.record
        with Vertical(classes="dialog"):
            yield Static("An earlier session did not finish", classes="dialog-title")
            yield Static(
                f"{r.circle}, {r.date} from {r.started}: it was still in progress when the app "
                "stopped (a crash, a closed lid, or quitting mid-circle).",
                markup=False,
            )
            yield Static("", id="draft-counts")
            yield Static(
                "[b]enter[/b] save these counts   [b]up/down[/b] choose   [b]+/−[/b] correct   "
                "[b]escape[/b] decide later",
                classes="dialog-keys",
            )

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        r = self.record
        mark = {f: ("▶" if f == self.field else " ") for f in ("present", "newcomers")}
        self.query_one("#draft-counts", Static).update(
            f"{mark['present']} [b]{r.present:>3}[/b] present\n{mark['newcomers']} [b]{r.newcomers:>3}[/b] first-timers"
        )

    def action_choose(self) -> None:
        self.field = "newcomers" if self.field == "present" else "present"
        self.show()

    def action_correct(self, delta: int) -> None:
        self.record = self.record.corrected(self.field, delta) or self.record
        self.show()

    def action_confirm(self) -> None:
        corrected = (self.record.present, self.record.newcomers) != (
            self.original.present,
            self.original.newcomers,
        )
        status = "interrupted" if corrected else "complete"
        try:
            self.app.session.attendance.save(  # type: ignore[attr-defined]
                self.record._replace(status=status)
            )
        except OSError as err:  # the draft stays as it was, and so does this question
            self.notify(
                f"Not saved ({err.strerror}): the data folder cannot be written now. "
                "Escape decides later; the draft is kept.",
                severity="error",
                timeout=20,
            )
            return
        self.notify(
            f"Saved as {status}: {self.record.present} present, {self.record.newcomers} new."
        )
        self.dismiss(None)

    def action_later(self) -> None:
        self.dismiss(None)
