"""A screen the circle has left is freed at once, drawn lines and all: an evening's screens
do not pile up in memory (the peak-memory benchmark's premise)."""

from __future__ import annotations

import weakref

from circle_tui.core.plan import Phase
from circle_tui.settings import Settings
from circle_tui.ui.screens.arrivals import ArrivalsScreen
from tests.support import state
from tests.support.scenario import scripted_app
from tests.support.ui_support import until_shown


async def test_the_arrivals_screen_and_its_drawn_lines_are_freed_when_the_circle_moves_on(
    tmp_path,
):
    app = scripted_app(tmp_path, Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        await state.shown(pilot, lambda session: state.arrived(session))
        await until_shown(pilot, ArrivalsScreen)
        left = app.screen
        # Each widget's cache of its drawn lines: Textual's lru_cache on a StylesCache
        # method (textual#6665) would keep these after their widgets are gone.
        drawn = [weakref.ref(widget._styles_cache) for widget in left.walk_children()]
        screen = weakref.ref(left)
        del left
        app.session.circle.go_to(Phase.OPENING)
        for _ in range(3):
            await pilot.pause()
        assert screen() is None
        assert [ref for ref in drawn if ref() is not None] == []
