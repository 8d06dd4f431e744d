"""The closing screen's feedback panel: the QR code, its link, and PNG export."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from circle_tui.core.qr import QRError, feedback_url, matrix
from circle_tui.ui.widgets.qr import QRCodeView


class FeedbackPanel(Vertical):
    DEFAULT_CSS = """
    FeedbackPanel { width: auto; min-width: 30; height: 1fr; align-horizontal: center; }
    FeedbackPanel #qr-title { width: 100%; text-align: center; text-style: bold; }
    FeedbackPanel #qr-url { width: 100%; text-align: center; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.url: str | None = None
        self.error: str | None = None
        self.warning = ""

    def compose(self) -> ComposeResult:
        from circle_tui.ui.app import CircleApp

        app = cast(CircleApp, self.app)
        s = app.settings
        day = (app.circle.started_at if app.circle else app.wall()).date()
        try:
            checked = feedback_url(
                s.feedback_url, circle=s.circle_name, day=day, level=s.qr_error_correction
            )
            self.url, self.warning = checked.url, checked.warning
        except QRError as err:
            self.error = str(err)
        yield Static("Anonymous feedback", id="qr-title")
        if self.url:
            modules = matrix(self.url, s.qr_error_correction)
            self.styles.width = max(len(modules[0]), 30)
            yield QRCodeView(modules, id="qr")
            yield Static(
                self.warning or "no names · scan with your phone's camera",
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
        from circle_tui.ui.app import CircleApp

        app = cast(CircleApp, self.app)
        path = Path.cwd() / "feedback-qr.png"
        try:
            save_card(
                path, self.url or "", app.settings.circle_name, app.settings.qr_error_correction
            )
        except OSError as err:
            self.app.call_from_thread(
                self.notify, f"Could not save {path}: {err.strerror}", severity="error"
            )
            return
        self.app.call_from_thread(self.notify, f"Saved the feedback card to {path}", timeout=15)
