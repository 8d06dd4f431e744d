"""The closing screen's feedback panel: the QR code, its link, and PNG export."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from circle_tui.core.qr import QRError, matrix
from circle_tui.ui.widgets.qr import QRCodeView

if TYPE_CHECKING:
    from circle_tui.session import Session

PANELS = {
    "feedback": ("Anonymous feedback", "feedback_url", "no names · scan with your phone's camera"),
    "resources": (
        "Support and harm reporting",
        "resources_url",
        "scan for support lines and where to report harm",
    ),
}


class FeedbackPanel(Vertical):
    """A titled QR code for one configured link: the feedback form, or the resources page."""

    DEFAULT_CSS = """
    FeedbackPanel { width: auto; min-width: 30; height: 1fr; align-horizontal: center; }
    FeedbackPanel #qr-title { width: 100%; text-align: center; text-style: bold; }
    FeedbackPanel #qr-url { width: 100%; text-align: center; }
    """

    def __init__(self, which: str = "feedback", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.which = which
        self.url: str | None = None
        self.error: str | None = None
        self.warning = ""

    @property
    def session(self) -> Session:
        return self.app.session  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        session = self.session
        s = session.settings
        day = (session.circle.started_at if session.circle else session.wall()).date()
        title, key, caption = PANELS[self.which]
        try:
            checked = s.link(key, day)
            self.url, self.warning = checked.url, checked.warning
        except QRError as err:
            self.error = str(err)
        yield Static(title, id="qr-title")
        if self.url:
            modules = matrix(self.url, s.qr_error_correction)
            self.styles.width = max(len(modules[0]), 30)
            yield QRCodeView(modules, id="qr")
            yield Static(
                self.warning or caption,
                id="qr-url",
                markup=False,
            )
        else:
            yield Static(self.error or "", id="qr-error", classes="notice", markup=False)

    def export_png(self) -> None:
        if not self.url:
            self.notify(self.error or "No feedback URL.", severity="warning")
            return
        self._export()

    @work(thread=True, exclusive=True)
    def _export(self) -> None:
        from circle_tui.card import save_card

        session = self.session
        day = (session.circle.started_at if session.circle else session.wall()).date()
        path = session.paths.cards_dir / f"{self.which}-{day.isoformat()}.png"
        s = session.settings
        try:
            save_card(
                path,
                self.url or "",
                s.circle_name,
                s.qr_error_correction,
                title=PANELS[self.which][0],
            )
        except OSError as err:
            self.app.call_from_thread(
                self.notify,
                f"The {self.which} card could not be saved ({err.strerror}); "
                "`circle-tui qr --png FILE` saves one anywhere.",
                severity="error",
            )
            return
        # No path in a toast: the room may be reading the screen. README says where cards go.
        self.app.call_from_thread(
            self.notify, f"Saved the {self.which} card in the cards folder.", timeout=15
        )
