"""Regenerate the README's screenshots with the app's own SVG export: `python
assets/screenshot.py` from the project root, in the dev venv (it uses the tests' scripted
circles, so the pictures show the states the snapshot tests check)."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from circle_tui.core.clock import FakeClock  # noqa: E402
from circle_tui.session import Session  # noqa: E402
from circle_tui.settings import Settings  # noqa: E402
from circle_tui.ui.room import RoomApp  # noqa: E402
from tests.support import state  # noqa: E402
from tests.support.scenario import room_scenes, scripted_session  # noqa: E402
from tests.support.ui_support import make_app, press  # noqa: E402

SETTINGS = Settings(circle_name="Tuesday circle")


def four_people_after_check_in(session: Session) -> None:
    """Robin, a first-timer, someone unnamed and Sam, the check-in round done."""
    circle = session.start()
    circle.arrive(name="Robin")
    circle.arrive(newcomer=True)
    circle.arrive()
    circle.arrive(name="Sam")
    state.read_agreements(circle)
    state.finish_round(session, seconds_each=45)


async def rounds_screen(target: Path) -> None:
    with tempfile.TemporaryDirectory() as root:
        app = make_app(Path(root), SETTINGS)
        async with app.run_test(size=(80, 24)) as pilot:
            await state.shown(pilot, four_people_after_check_in)
            await press(pilot, "enter", "enter")  # the sharing round, Robin's turn
            app.session.clock.advance(240)
            # Robin's turn ends; the first-timer passes; h: the facilitator's panel (who
            # passed, airtime), hidden while no room view shows.
            await press(pilot, "enter", "p", "h")
            app.session.clock.advance(262)
            app.screen.refresh_view()
            await pilot.pause()
            target.write_text(app.export_screenshot(title="circle-tui — rounds"), encoding="utf-8")


async def room_view(target: Path) -> None:
    """The room view during a turn, from the same scripted circle the room's tests walk."""
    with tempfile.TemporaryDirectory() as root:
        session = scripted_session(Path(root), SETTINGS)
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
