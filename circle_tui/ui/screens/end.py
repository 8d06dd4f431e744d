"""End: the final counts for correction, then save and say plainly what was stored.

When the save fails (a full, read-only or vanished disk), the counts stay on screen with what
failed and where, and the keys to try again or to save them to another folder."""

from __future__ import annotations

import shlex
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from circle_tui.core.circle import Counts
from circle_tui.core.plan import Phase
from circle_tui.i18n import N_, _
from circle_tui.session import SaveFailed
from circle_tui.ui.keys import hints, keyed
from circle_tui.ui.screens.base import PhaseScreen
from circle_tui.ui.widgets.keys_bar import KeysBar
from circle_tui.ui.widgets.lines import set_text
from circle_tui.ui.widgets.title_bar import TitleBar

FIELDS = ("present", "newcomers", "returning")
LABELS = {
    "present": N_("present"),
    "newcomers": N_("first-timers"),
    "returning": N_("second visits"),
}


def stored_statement(present: int, newcomers: int, returning: int = 0) -> str:
    if returning:
        return _(
            "{present} present, {newcomers} new, {returning} back for a second time — "
            "no names, nothing said."
        ).format(present=present, newcomers=newcomers, returning=returning)
    return _("{present} present, {newcomers} new — no names, nothing said.").format(
        present=present, newcomers=newcomers
    )


def saved_elsewhere(path: Path, counts: Counts, why: str, draft: bool) -> str:
    """What the facilitator needs to know once the counts are in another folder: where, and
    the one command that puts them in the log when the data folder works again."""
    finishes = (
        "\n\n" + _("That also finishes tonight's unfinished draft in the log.") if draft else ""
    )
    return (
        _("Tonight's counts are in\n{path}").format(path=path)
        + "\n"
        + stored_statement(counts.present, counts.newcomers, counts.returning)
        + "\n\n"
        + _(
            "They are not in the attendance log yet ({why}). When its folder can be written "
            "again, add them with:"
        ).format(why=why)
        + f"\n\n    circle-tui attendance import {shlex.quote(str(path))}"
        + finishes
    )


class EndScreen(PhaseScreen):
    phase = Phase.END
    BINDINGS = [
        Binding("up", "choose(-1)", N_("Choose count"), id="choose-up"),
        Binding("down", "choose(1)", N_("Choose count"), show=False, id="choose-down"),
        Binding("plus,equals_sign", "correct(1)", N_("+1"), key_display="+", id="add"),
        Binding("minus", "correct(-1)", N_("-1"), key_display="-", id="remove"),
        Binding("enter", "save", N_("Save and finish"), id="save"),
        Binding(
            "escape,left", "back", N_("Back to closing"), tooltip=N_("the QR code again"), id="back"
        ),
        Binding("enter", "retry", N_("Try again"), id="retry"),
        Binding("f", "save_elsewhere", N_("Save to another folder"), id="save-elsewhere"),
    ]
    selected = 0
    #: The folder last tried, offered again if that failed too.
    _folder: str | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="end"):
            yield Static(_("End of the circle"), classes="title")
            yield Static(
                keyed(_("Check the counts. {up}/{down} chooses, + and − correct.")),
                classes="subtitle",
            )
            yield Static("", id="counts")
            yield Static("", id="not-saved", classes="notice")
            yield Static("", id="statement", classes="hint")
        yield KeysBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        failed = self.session.save_problem is not None
        if action in ("retry", "save_elsewhere"):
            return failed
        if action == "save":
            return not failed
        return True

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
                label=_(LABELS[name]),
            )
            for i, name in enumerate(FIELDS)
        ]
        self.query_one("#counts", Static).update(Content("\n").join(lines))
        problem = self.session.save_problem
        not_saved = self.query_one("#not-saved", Static)
        not_saved.display = problem is not None
        if problem is None:
            set_text(
                self.query_one("#statement", Static),
                keyed(
                    _("Press {enter} to save: {counts}"),
                    counts=stored_statement(counts.present, counts.newcomers, counts.returning),
                )
                + "\n"
                + keyed(_("Names typed tonight are forgotten when you press {enter}."))
                + self.cards_said(),
            )
            return
        draft = self.session.draft_on_disk
        kept = (
            " "
            + _(
                "The last draft ({present} present, {newcomers} new, unfinished) "
                "is still in the attendance log."
            ).format(present=draft.present, newcomers=draft.newcomers)
            if draft is not None and problem.path == self.session.attendance.path
            else ""
        )
        set_text(
            not_saved,
            _("Not saved: {path} — {reason}.").format(path=problem.path, reason=problem.reason)
            + "\n"
            + _("The counts are still here.")
            + kept,
        )
        set_text(
            self.query_one("#statement", Static),
            hints(self, "retry", "save-elsewhere")
            + " "
            + _("(a USB stick) · ctrl+q quit: the counts are printed in the terminal"),
        )

    def cards_said(self) -> str:
        """Where `e` at closing saved printable cards; nothing when no code was shown (no
        feedback or resources link set), rather than promise a card that cannot be."""
        settings = self.session.settings
        if not (settings.feedback_url or settings.resources_url):
            return ""
        # The room does not read this screen: the path is said here, never in a toast.
        return "\n\n" + _("Printable QR cards (e at closing) are saved in {folder}").format(
            folder=self.session.paths.cards_dir
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
                _(
                    "First-timers and second visits together cannot be more than those "
                    "present, nor below zero."
                )
            )

    def action_back(self) -> None:
        self.circle.go_to(Phase.CLOSING)

    def action_save(self) -> None:
        app = self.app
        try:
            record = self.session.end()
        except SaveFailed:
            return  # this screen says what failed and where, and what can be done (no toast
            # over it: it would hide the very lines that say so)
        message = (
            _("Saved: {counts}").format(
                counts=stored_statement(record.present, record.newcomers, record.returning or 0)
            )
            if record is not None and record.present
            else _("Nobody was counted, so nothing was stored.")
        )
        app.notify(message, title=_("Circle ended"), timeout=12)

    def action_retry(self) -> None:
        self.action_save()

    def action_save_elsewhere(self) -> None:
        from circle_tui.ui.screens.folder import FolderScreen, likely_folder

        self.app.push_screen(FolderScreen(self._folder or likely_folder()), self._save_in)

    def _save_in(self, folder: Path | None) -> None:
        if folder is None:
            return
        from circle_tui.ui.screens.confirm import NoticeScreen

        self._folder = str(folder)
        app, session = self.app, self.session
        why = session.save_problem.reason if session.save_problem else _("it could not be written")
        draft = session.draft_on_disk is not None
        counts = self.circle.counts()
        try:
            path = session.save_elsewhere(folder)
        except SaveFailed:
            return  # this screen now says why, and f tries another folder
        app.push_screen(
            NoticeScreen(_("Saved to another folder"), saved_elsewhere(path, counts, why, draft))
        )
