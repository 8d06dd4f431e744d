"""The QR code as widgets, shared by the console's closing screen and the room view: drawn at
the largest whole-module scale that fits, with its URL under it, or a message instead of a
clipped code."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from circle_tui.drawing.terminal_qr import QRRenderable, caption_lines, fit_scale
from circle_tui.i18n import _


class QRCodeView(Widget):
    """Centres the code, as large as its space allows; when even the smallest does not fit,
    says how large the window must be instead of drawing a code that would not scan."""

    DEFAULT_CSS = """
    QRCodeView { width: 1fr; height: 1fr; content-align: center middle; }
    """

    def __init__(
        self,
        modules: list[list[bool]],
        *,
        caption: str = "",
        export_hint: bool = True,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.modules = modules
        self.caption = caption
        self.export_hint = export_hint

    def layout_for(self, width: int, height: int) -> tuple[int, str]:
        """The largest scale at which the code fits with its link under it (0 when none
        does). On the console the link always shows, code or not, for anyone who cannot
        scan; the room view, read from afar, draws the code alone rather than no code."""
        scale = fit_scale(len(self.modules), width, height, self.caption)
        if scale or not self.caption or self.export_hint:
            return scale, self.caption
        return fit_scale(len(self.modules), width, height), ""

    def scale_for(self, width: int, height: int) -> int:
        return self.layout_for(width, height)[0]

    @property
    def scale(self) -> int:
        return self.scale_for(self.size.width, self.size.height)

    @property
    def fits(self) -> bool:
        return self.scale >= 1

    @property
    def code(self) -> QRRenderable:
        scale, caption = self.layout_for(self.size.width, self.size.height)
        return QRRenderable(self.modules, max(1, scale), caption)

    def needed_terminal(self) -> tuple[int, int]:
        """The terminal size at which the smallest code and its link would fit, given the
        space around them (the closing screen makes that space before asking)."""
        width, height = QRRenderable(self.modules, 1, self.caption).size
        screen = self.app.size
        return (
            screen.width + max(0, width - self.size.width),
            screen.height + max(0, height - self.size.height),
        )

    def render(self):
        if self.fits:
            return self.code
        if not self.export_hint:
            # The room view: no instructions for the room, just the link to type instead.
            return Text("\n".join(caption_lines(self.caption, self.size.width)), justify="center")
        w, h = self.needed_terminal()
        also = _(", or press e to save a PNG to print or show") if self.export_hint else ""
        hint = _("The code does not fit here. Enlarge the window to at least {size}{also}.")
        link = "\n".join(caption_lines(self.caption, self.size.width))
        return Text(link + "\n\n" + hint.format(size=f"{w}×{h}", also=also), justify="center")


class CodePanel(Vertical):
    """A titled code with a caption: as wide as the code at the largest scale that fits in its
    height, leaving `beside` columns of the screen for what stands next to it."""

    DEFAULT_CSS = """
    CodePanel { width: auto; min-width: 30; height: 1fr; align-horizontal: center; }
    CodePanel #qr-title { width: 100%; text-align: center; text-style: bold; }
    CodePanel #qr-caption { width: 100%; text-align: center; }
    """
    MIN_WIDTH = 30

    def __init__(
        self,
        title: str = "",
        url: str | None = None,
        *,
        level: str = "M",
        caption: str = "",
        beside: int = 30,
        export_hint: bool = True,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.title, self.url, self.level, self.caption = title, url, level, caption
        self.beside = beside
        self.export_hint = export_hint
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        from circle_tui.core.qr import matrix, to_iri

        yield Static(self.title, id="qr-title", markup=False)
        if self.url:
            modules = matrix(self.url, self.level)  # the ASCII form: every decoder reads it
            self.styles.width = max(len(modules), self.MIN_WIDTH)
            yield QRCodeView(
                modules, caption=to_iri(self.url), export_hint=self.export_hint, id="qr"
            )
            if self.caption:
                yield Static(self.caption, id="qr-caption", markup=False)
        elif self.error:
            yield Static(self.error, id="qr-error", classes="notice", markup=False)

    def rows_needed(self) -> int:
        """Rows for the title, the smallest code with its link, and the caption."""
        views = self.query(QRCodeView)
        if not views:
            return 0
        view = views.first()
        code = QRRenderable(view.modules, 1, view.caption).size[1]
        return 1 + code + (1 if self.caption else 0)

    def on_resize(self) -> None:
        self.grow()

    def grow(self) -> None:
        """Widen to the code's width at the largest scale the panel's height allows."""
        views = self.query(QRCodeView)
        if not views:
            return
        view = views.first()
        others = sum(
            child.outer_size.height
            for child in self.children
            if child is not view and child.display
        )
        rows = self.size.height - others
        columns = self.screen.size.width - self.beside
        width = max(self.MIN_WIDTH, len(view.modules) * max(1, view.scale_for(columns, rows)))
        if self.styles.width is None or self.styles.width.value != width:
            self.styles.width = width
