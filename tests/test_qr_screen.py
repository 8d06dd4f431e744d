"""What the closing screen actually draws scans: SVG screenshot → PNG → a real QR decoder."""

import io

import cairosvg
import pytest
import zxingcpp
from PIL import Image

from circle_tui.config import Settings
from circle_tui.ui.screens.closing import ClosingScreen
from circle_tui.ui.widgets.qr import QRCodeView
from tests.ui_support import make_app, press

FEEDBACK = "https://forms.example.org/feedback?date={date}&circle={circle}"
EXPECTED = "https://forms.example.org/feedback?date=2026-11-27&circle=Tuesday%20circle"


async def closing_screenshot(tmp_path, theme, size, url=FEEDBACK):
    app = make_app(tmp_path, Settings(circle_name="Tuesday circle", feedback_url=url, theme=theme))
    async with app.run_test(size=size) as pilot:
        await press(pilot, "enter", "plus", "enter", "enter")
        await press(pilot, *["right"] * len(app.agreements.cards), "enter", "c", "enter")
        assert isinstance(app.screen, ClosingScreen)
        await pilot.pause()
        view = app.screen.query_one(QRCodeView)
        return view.fits, str(view.render()), app.export_screenshot()


def decode(svg: str) -> list[str]:
    png = cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=2400)
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "high-contrast"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_drawn_code_scans_to_the_expanded_url(tmp_path, theme, size):
    fits, _, svg = await closing_screenshot(tmp_path, theme, size)
    assert fits  # this URL's code fits at 80×24 once the header makes way
    assert decode(svg) == [EXPECTED]


async def test_a_code_too_large_for_the_window_is_replaced_by_a_message(tmp_path):
    long_url = "https://forms.example.org/feedback/" + "x" * 150 + "?d={date}"
    fits, message, svg = await closing_screenshot(tmp_path, "textual-dark", (80, 24), long_url)
    assert not fits
    assert (
        "does not fit here. Enlarge the window to at least" in message
        and "press e to save a PNG" in message
    )
    assert decode(svg) == []  # no clipped, half-drawn code
