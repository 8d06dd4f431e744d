"""A running countdown costs one small repaint a second: each tick renders only the widget that
shows the time, on the console and on the room view (the idle-CPU benchmark's premise)."""

from __future__ import annotations

from collections import Counter

import pytest
from textual.widget import Widget

from circle_tui.core.clock import FakeClock
from circle_tui.settings import Settings
from circle_tui.ui.room import RoomApp
from circle_tui.ui.widgets.room_stage import RoomStage
from tests.support.scenario import Facilitator, room_scenes, scripted_app, scripted_session


@pytest.fixture
def rendered(monkeypatch) -> Counter:
    """Widgets whose content is rendered anew (not composed from their cached lines)."""
    seen: Counter = Counter()
    render = Widget._render

    def counting(self, *args, **kwargs):
        seen[f"{type(self).__name__}#{self.id}"] += 1
        return render(self, *args, **kwargs)

    monkeypatch.setattr(Widget, "_render", counting)
    return seen


async def test_a_second_of_a_running_turn_renders_only_the_countdown(tmp_path, rendered):
    app = scripted_app(tmp_path, Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        f = Facilitator(pilot)
        await f.first_sharing_turn()
        await f.press("enter")  # the turn runs
        await pilot.pause(0.2)
        for _ in range(3):
            rendered.clear()
            app.session.clock.advance(1)
            app.screen.tick()
            await pilot.pause(0.1)
            assert list(rendered) == ["Digits#digits"], rendered


async def test_a_second_on_the_room_view_renders_only_its_countdown(tmp_path, rendered):
    session = scripted_session(tmp_path, Settings(circle_name="Tuesday circle"))
    clock = FakeClock(0)
    app = RoomApp(None, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        app.show(dict(room_scenes(session))["rounds-running"])
        await pilot.pause(0.2)
        for _ in range(3):
            rendered.clear()
            clock.advance(1)
            app.query_one(RoomStage).tick()
            await pilot.pause(0.1)
            assert len(rendered) == 1, rendered


async def test_the_next_speaker_costs_no_new_layout(tmp_path, monkeypatch):
    """A turn change redraws the name, the timer and the queue in place: none of them changes
    height, so nothing asks Textual to lay the screen out again (a frame's worth per key)."""
    relayouts: list[str] = []
    refresh = Widget.refresh

    def counting(self, *regions, layout=False, **kwargs):
        if layout:
            relayouts.append(f"{type(self).__name__}#{self.id}")
        return refresh(self, *regions, layout=layout, **kwargs)

    monkeypatch.setattr(Widget, "refresh", counting)
    app = scripted_app(tmp_path, Settings())
    async with app.run_test(size=(100, 30)) as pilot:
        f = Facilitator(pilot)
        await f.to_rounds(people=12, newcomers=0)
        await f.press("enter", "enter", "enter")  # the round starts, the first turn runs
        for _ in range(4):
            relayouts.clear()
            await f.press("enter")
            assert relayouts == [], relayouts
