"""The closing screen's code panel: the feedback (or resources) QR code, and PNG export."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult

from circle_tui.core.qr import QRError
from circle_tui.i18n import N_, _
from circle_tui.ui.widgets.qr import CodePanel

if TYPE_CHECKING:
    from circle_tui.session import Session

PANELS = {
    "feedback": (
        N_("Anonymous feedback"),
        "feedback_url",
        N_("no names · scan with your phone's camera"),
    ),
    "resources": (
        N_("Support and harm reporting"),
        "resources_url",
        N_("scan for support lines and where to report harm"),
    ),
}


class FeedbackPanel(CodePanel):
    """The code for one configured link, as the room may see it: what is wrong with a link
    is said on the home screen's checklist, not here (the room reads this screen)."""

    def __init__(self, which: str = "feedback", *, id: str | None = None) -> None:
        title, _key, caption = PANELS[which]
        super().__init__(_(title), caption=_(caption), id=id)
        self.which = which

    @property
    def session(self) -> Session:
        return self.app.session  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        session = self.session
        s = session.settings
        day = (session.circle.started_at if session.circle else session.wall()).date()
        self.level = s.qr_error_correction
        try:
            self.url = s.link(PANELS[self.which][1], day).url
        except QRError:
            self.url = None
        self.display = bool(self.url)  # no link tonight: the words take the whole width
        yield from super().compose()

    def export_png(self) -> None:
        if not self.url:
            self.notify(_("There is no code to save: see the home screen's checklist."))
            return
        self._export()

    @work(thread=True, exclusive=True)
    def _export(self) -> None:
        from circle_tui.drawing.printed_card import card_png
        from circle_tui.storage.atomic import write_bytes_atomic

        session = self.session
        day = (session.circle.started_at if session.circle else session.wall()).date()
        path = session.paths.cards_dir / f"{self.which}-{day.isoformat()}.png"
        s = session.settings
        try:
            png = card_png(
                self.url or "", s.circle_name, s.qr_error_correction, title=_(PANELS[self.which][0])
            )
            write_bytes_atomic(path, png)
        except OSError as err:
            self.app.call_from_thread(
                self.notify,
                (
                    _(
                        "The feedback card could not be saved ({why}); "
                        "`circle-tui qr --png FILE` saves one anywhere."
                    )
                    if self.which == "feedback"
                    else _(
                        "The resources card could not be saved ({why}); "
                        "`circle-tui qr --png FILE` saves one anywhere."
                    )
                ).format(why=err.strerror),
                severity="error",
            )
            return
        # No path in a toast: the room may be reading the screen. The end screen and
        # `circle-tui config` say where the cards folder is.
        self.app.call_from_thread(
            self.notify,
            _("Saved the feedback card in the cards folder (the end screen says where).")
            if self.which == "feedback"
            else _("Saved the resources card in the cards folder (the end screen says where)."),
            timeout=15,
        )
