"""Every card of every bundled set, at 80×24: it fits, or it scrolls — nothing is cut off."""

import pytest
from textual.containers import VerticalScroll

from circle_tui.settings import Settings
from circle_tui.storage.bundled import bundled_dir
from tests.support.ui_support import make_app, press

SETS = sorted(
    p.stem for p in bundled_dir("agreements").glob("*.md") if not p.stem.startswith("resources")
)


LONG = (
    "# Long\n\n## A very long agreement\n\n"
    + "\n\n".join(
        f"Paragraph {i}: we listen to each other with patience and care, every time."
        for i in range(30)
    )
    + "\n\n## Short\n\nOne line.\n"
)


@pytest.mark.parametrize("name", [*SETS, "long-own-set"])
async def test_every_card_fits_or_scrolls_at_80x24(tmp_path, name):
    own = tmp_path / "config" / "agreements"
    own.mkdir(parents=True)
    (own / "long-own-set.md").write_text(LONG, encoding="utf-8")
    app = make_app(tmp_path, Settings(agreements=name))
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter", "plus", "enter", "enter")
        for index, card in enumerate(app.session.texts.agreements.cards):
            await pilot.pause()
            screen = app.screen
            assert app.circle.card == index
            scroll = screen.query_one("#card", VerticalScroll)
            heading = screen.query_one("#card-heading")
            body = screen.query_one("#card-body")
            assert str(heading.render()) == card.heading
            # The whole card is reachable: either it fits, or the rest is a scroll away.
            content_height = heading.outer_size.height + body.outer_size.height
            assert (
                content_height <= scroll.size.height
                or scroll.max_scroll_y >= content_height - scroll.size.height
            )
            assert body.size.width <= scroll.size.width  # wrapped, never wider than the card
            if name == "long-own-set" and index == 0:
                assert scroll.max_scroll_y > 0  # this one cannot fit: it scrolls
            await press(pilot, *["down"] * (scroll.max_scroll_y + 1))  # the reader's own keys
            assert scroll.scroll_y == scroll.max_scroll_y
            await press(pilot, "right")
