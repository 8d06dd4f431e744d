"""Regenerate the README screenshot with the app's own SVG export: `python assets/screenshot.py`."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from circle_tui.config import Settings  # noqa: E402
from tests.ui_support import make_app, press  # noqa: E402


async def rounds_screen(target: Path) -> None:
    with tempfile.TemporaryDirectory() as root:
        app = make_app(Path(root), Settings(circle_name="Tuesday circle"))
        async with app.run_test(size=(80, 24)) as pilot:
            await press(
                pilot, "enter", "t", *"Robin", "enter", "plus", "n", "plus", "t", *"Sam", "enter"
            )
            await press(
                pilot,
                "enter",
                "enter",
                *["right"] * len(app.session.texts.agreements.cards),
                "enter",
            )
            await press(pilot, "enter", "enter")
            for _ in range(8):
                if app.circle.round.complete:
                    break
                app.session.clock.advance(45)
                await press(pilot, "enter")
            # h: the facilitator's panel (who passed, airtime), hidden while no room view shows.
            await press(pilot, "enter", "enter", "enter", "h", "p")
            app.session.clock.advance(262)
            app.screen.refresh_view()
            await pilot.pause()
            target.write_text(app.export_screenshot(title="circle-tui — rounds"), encoding="utf-8")


async def room_view(target: Path) -> None:
    """The room view during a turn, from the same scripted circle the room's tests walk."""
    from circle_tui.core.clock import FakeClock
    from circle_tui.ui.room import RoomApp
    from circle_tui.ui.scenario import room_scenes, scripted_session

    with tempfile.TemporaryDirectory() as root:
        session = scripted_session(Path(root), Settings(circle_name="Tuesday circle"))
        room = dict(room_scenes(session))["rounds-last-minute"]
    app = RoomApp(None, clock=FakeClock(0))
    async with app.run_test(size=(80, 24)) as pilot:
        app.show(room)
        await pilot.pause()
        await pilot.pause()
        target.write_text(app.export_screenshot(title="circle-tui room"), encoding="utf-8")


if __name__ == "__main__":
    asyncio.run(rounds_screen(HERE / "rounds-screen.svg"))
    asyncio.run(room_view(HERE / "room-view.svg"))
    print(f"wrote {HERE / 'rounds-screen.svg'} and {HERE / 'room-view.svg'}")
