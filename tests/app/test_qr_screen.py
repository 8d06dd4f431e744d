"""What the closing screen actually draws scans: SVG screenshot → PNG → a real QR decoder."""

import io
import os

import pytest

try:
    import cairosvg
except OSError:  # cairosvg needs the system cairo library; CI installs it (.ci/run)
    if os.environ.get("CI"):
        raise
    pytest.skip(
        "the cairo library is not installed (apt-get install libcairo2)", allow_module_level=True
    )
import zxingcpp
from PIL import Image

from circle_tui.settings import Settings
from circle_tui.ui.screens.closing import ClosingScreen
from circle_tui.ui.widgets.qr import QRCodeView
from tests.support.scenario import Facilitator
from tests.support.ui_support import make_app, press

FEEDBACK = "https://forms.example.org/feedback?date={date}&circle={circle}"
EXPECTED = "https://forms.example.org/feedback?date=2026-11-27&circle=Tuesday%20circle"


async def closing_screenshot(tmp_path, theme, size, url=FEEDBACK):
    app = make_app(tmp_path, Settings(circle_name="Tuesday circle", feedback_url=url, theme=theme))
    async with app.run_test(size=size) as pilot:
        await Facilitator(pilot).to_closing(people=1, newcomers=0)
        assert isinstance(app.screen, ClosingScreen)
        await pilot.pause()
        view = app.screen.query_one(QRCodeView)
        return view.fits, str(view.render()), app.export_screenshot()


def decode(svg: str) -> list[str]:
    png = cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=2400)
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "high-contrast"])
@pytest.mark.parametrize("size", [(80, 27), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_drawn_code_scans_to_the_expanded_url(tmp_path, theme, size):
    fits, _, svg = await closing_screenshot(tmp_path, theme, size)
    assert fits  # with its title and link, at 80×27 once the header makes way
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


async def test_e_saves_a_printable_card_in_the_cards_folder_and_names_no_path(tmp_path):
    app = make_app(tmp_path, Settings(circle_name="Tuesday circle", feedback_url=FEEDBACK))
    async with app.run_test(size=(100, 30)) as pilot:
        await Facilitator(pilot).to_closing(people=1, newcomers=0)
        await press(pilot, "e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        notes = [n.message for n in app._notifications]
        await press(pilot, "enter")  # the end screen, which the room does not read, says where
        statement = str(app.screen.query_one("#statement").render())
    card = app.session.paths.cards_dir / "feedback-2026-11-27.png"
    assert f"Printable QR cards (e at closing) are saved in {card.parent}" in statement
    assert any(
        "Saved the feedback card in the cards folder (the end screen says where)." in note
        for note in notes
    )
    assert not [note for note in notes if str(tmp_path) in note]  # no path in a toast
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(card))] == [EXPECTED]


async def test_r_shows_the_resources_code_beside_the_resources_card(tmp_path):
    app = make_app(
        tmp_path,
        Settings(
            circle_name="Tuesday circle",
            feedback_url=FEEDBACK,
            resources_url="https://support.example.org/help",
        ),
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await Facilitator(pilot).to_closing(people=1, newcomers=0)
        assert decode(app.export_screenshot()) == [EXPECTED]
        await press(pilot, "r")
        await pilot.pause()
        assert "Support and harm reporting" in str(app.screen.query_one("#qr-title").render())
        assert decode(app.export_screenshot()) == ["https://support.example.org/help"]
        await press(pilot, "r")
        await pilot.pause()
        assert decode(app.export_screenshot()) == [EXPECTED]


async def test_a_plain_http_link_is_on_the_checklist_not_on_the_closing_screen(tmp_path):
    app = make_app(tmp_path, Settings(feedback_url="http://forms.example.org/f"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "not https://" in str(app.screen.query_one("#checklist").render())
        await Facilitator(pilot).to_closing(people=1, newcomers=0)
        assert "https://" not in "".join(
            str(s.render()) for s in app.screen.query("Static") if s.id != "qr"
        )


@pytest.mark.parametrize("language", ["en", "es"])
async def test_at_80x24_the_closing_screen_keeps_title_and_link_and_asks_for_a_size_that_fits(
    tmp_path, language
):
    """The code cannot fit beside its title and link at 80×24: they stay, and the size the
    screen asks for is right the first time (it once asked for 80×30, then for 80×33)."""
    import re

    from circle_tui.core.plan import Phase
    from tests.support.ui_support import screen_text

    url = "https://forms.example.org/f?d={date}&c={circle}"
    settings = Settings(circle_name="Círculo de los martes", feedback_url=url, language=language)
    app = make_app(tmp_path, settings)
    async with app.run_test(size=(80, 24)) as pilot:
        circle = app.session.start()
        circle.arrive()
        circle.go_to(Phase.CLOSING)
        await pilot.pause()
        await pilot.pause()
        view = app.screen.query_one(QRCodeView)
        panel = app.screen.query_one("#feedback").region
        lines = screen_text(app).splitlines()[panel.y : panel.bottom]
        text = " ".join(" ".join(line[panel.x : panel.right] for line in lines).split())
        assert not view.fits
        assert ("Comentarios anónimos" if language == "es" else "Anonymous feedback") in text
        assert "https://forms.example.org/f?d=2026-11-27 &c=Círculo%20de%20los%20martes" in text
        width, height = map(int, re.search(r"(\d+)×(\d+)", text).groups())
        await pilot.resize_terminal(width, height)
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one(QRCodeView).fits
        await pilot.resize_terminal(width, height - 1)
        await pilot.pause()
        await pilot.pause()
        assert not app.screen.query_one(QRCodeView).fits  # and not a row more than needed
