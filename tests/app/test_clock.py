"""The time of day on the console's title line (show_clock), issue 29."""

from __future__ import annotations

import time

from circle_tui.settings import Settings
from tests.support.ui_support import make_app, screen_text


async def test_the_title_line_shows_the_time_of_day_and_follows_it(tmp_path):
    app = make_app(tmp_path, Settings(circle_name="Tuesday circle", show_clock=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Tuesday circle · 19:00" in screen_text(app).splitlines()[0]
        app.session.clock.advance(5 * 60)
        deadline = time.monotonic() + 15
        while "19:05" not in screen_text(app).splitlines()[0]:
            assert time.monotonic() < deadline, "the title's clock never moved on"
            await pilot.pause(0.1)


async def test_without_show_clock_the_title_line_has_no_time(tmp_path):
    app = make_app(tmp_path, Settings(circle_name="Tuesday circle"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "19:00" not in screen_text(app) and app._clock_ticks is None
