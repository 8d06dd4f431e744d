"""A text that grows gets its rows, however its update and the screen's layouts interleave: on
a loaded laptop, the review's totals (filled in by a worker just after the screen appeared)
kept one row for two lines of text."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Static

from circle_tui.ui import relayout

LONG = "216 sessions · 2,232 attendances · 10.3 per session · 324 first-timers · 72 came back"


class OneText(App):
    def compose(self):
        yield Static("", id="text")


async def grown(*, fixed: bool) -> int:
    """The rows the text gets when it is updated after a layout that came between its last
    layout request and the text's own turn to pass that request on."""
    app = OneText()
    async with app.run_test(size=(40, 10)) as pilot:
        text = app.query_one("#text", Static)
        text.refresh(layout=True)  # a request not yet passed on (the text's idle is later)
        app.screen._refresh_layout()  # another widget's layout runs first: text sized 1 row
        if fixed:
            relayout.install()
        else:
            relayout.uninstall()
        try:
            text.update(LONG)  # three lines at 40 columns
            await pilot.pause()
            await pilot.pause()
            return text.region.height
        finally:
            relayout.install()


async def test_an_update_just_after_a_layout_still_gets_its_rows():
    assert await grown(fixed=True) == 3


async def test_without_the_workaround_textual_keeps_the_old_height():
    """When this fails, Textual has fixed it: drop `ui/relayout.py` (ARCHITECTURE.md)."""
    assert await grown(fixed=False) == 1
