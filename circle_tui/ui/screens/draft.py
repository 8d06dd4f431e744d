"""A session that never finished (crash, closed lid): confirm its counts or correct them."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from circle_tui.core.record import AttendanceRecord, status_word
from circle_tui.i18n import N_, _, long_date, ngettext
from circle_tui.ui.keys import keyed
from circle_tui.ui.screens.dialog import Dialog, dialog_keys

#: The counts a draft shows and lets the host correct, in the order ↑/↓ goes through them.
COUNTS = ("present", "newcomers", "returning")


class DraftScreen(Dialog[None]):
    """Tonight's circle, unfinished: enter carries it on (the forgiving answer, as on home);
    ending it with these counts takes its own key, s. An older session: enter saves it."""

    BINDINGS = [
        Binding("enter,c", "continue", N_("Continue tonight's circle"), key_display="enter"),
        Binding("enter", "confirm", N_("Counts are right")),
        Binding("s", "save", N_("Save these counts and end it")),
        Binding("up,down", "choose", N_("Choose count")),
        Binding("plus,equals_sign", "correct(1)", N_("+1"), key_display="+"),
        Binding("minus", "correct(-1)", N_("-1"), key_display="-"),
        Binding("escape", "later", N_("Decide later")),
    ]

    def __init__(self, record: AttendanceRecord) -> None:
        super().__init__()
        self.original = record
        self.record = record
        self.field = "present"

    def compose(self) -> ComposeResult:
        r = self.record
        with Vertical(classes="dialog"):
            yield Static(_("An earlier session did not finish"), classes="dialog-title")
            yield Static(
                _(
                    "{circle}, {date} from {time}: it was still in progress when the app "
                    "stopped (a crash, a closed lid, or quitting mid-circle)."
                ).format(
                    circle=r.circle, date=long_date(date.fromisoformat(r.date)), time=r.started
                ),
                markup=False,
            )
            yield Static("", id="draft-counts")
            if self.tonight:
                yield dialog_keys(
                    ("enter", _("continue tonight's circle where it was")),
                    ("s", _("save these counts and end it")),
                )
            else:
                yield dialog_keys(("enter", _("save these counts")))
            yield dialog_keys(
                ("↑/↓", _("choose")), ("+/−", _("correct")), ("escape", _("decide later"))
            )

    @property
    def tonight(self) -> bool:
        """Tonight's circle, which can be carried on where it was."""
        return self.app.session.can_resume(self.original)  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        r = self.record
        mark = {f: ("▶" if f == self.field else " ") for f in COUNTS}
        returning = (
            "[b]  —[/b] " + _("returning not counted")
            if r.returning is None
            else f"[b]{r.returning:>3}[/b] "
            + ngettext("second visit", "second visits", r.returning)
        )
        self.query_one("#draft-counts", Static).update(
            f"{mark['present']} [b]{r.present:>3}[/b] "
            + _("present")
            + f"\n{mark['newcomers']} [b]{r.newcomers:>3}[/b] "
            + ngettext("first-timer", "first-timers", r.newcomers)
            + f"\n{mark['returning']} {returning}"
        )

    def action_choose(self) -> None:
        self.field = COUNTS[(COUNTS.index(self.field) + 1) % len(COUNTS)]
        self.show()

    def action_correct(self, delta: int) -> None:
        self.record = self.record.corrected(self.field, delta) or self.record
        self.show()

    def action_confirm(self) -> None:
        corrected = any(getattr(self.record, f) != getattr(self.original, f) for f in COUNTS)
        status = "interrupted" if corrected else "complete"
        try:
            self.app.session.attendance.save(  # type: ignore[attr-defined]
                self.record._replace(status=status)
            )
        except OSError as err:  # the draft stays as it was, and so does this question
            self.notify(
                keyed(
                    _(
                        "Not saved ({reason}): the data folder cannot be written now. "
                        "Press {escape} to decide later; the draft is kept."
                    ),
                    reason=err.strerror,
                ),
                severity="error",
                timeout=20,
            )
            return
        self.app.session.forget_checkpoint(self.record.id)  # type: ignore[attr-defined]
        self.notify(
            _("Saved as {status}: {present} present, {newcomers} new.").format(
                status=status_word(status),
                present=self.record.present,
                newcomers=self.record.newcomers,
            )
        )
        self.dismiss(None)

    def action_later(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        self.action_confirm()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("continue", "save"):
            return self.tonight
        if action == "confirm":
            return not self.tonight
        return True

    def action_continue(self) -> None:
        """Back to the circle the app lost, where it was (its checkpoint: phase, round,
        seats as unnamed seats, the turn), finishing the same draft, not a second one."""
        self.dismiss(None)
        self.app.carry_on(self.record)  # type: ignore[attr-defined]
