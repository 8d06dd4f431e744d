"""Building and driving the app in tests: fake clock, fixed wall time, isolated dirs."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

from circle_tui.config import Paths, Settings
from circle_tui.core.clock import FakeClock
from circle_tui.storage.attendance import AttendanceLog
from circle_tui.ui.app import CircleApp

START = datetime(2026, 11, 27, 19, 0)


class Wall:
    """Wall-clock time that follows the fake monotonic clock, so times in records are stable."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.origin = clock.now()

    def __call__(self) -> datetime:
        return START + timedelta(seconds=self.clock.now() - self.origin)


def make_app(root: Path, settings: Settings | None = None) -> CircleApp:
    paths = Paths(config_file=root / "config" / "config.toml", data_dir=root / "data")
    log, aside = AttendanceLog.open(paths.data_dir)
    clock = FakeClock()
    return CircleApp(
        paths,
        settings or Settings(circle_name="Tuesday circle"),
        log,
        clock=clock,
        wall=Wall(clock),
        rng=random.Random(1),
        notices=[aside.message()] if aside else [],
    )


async def press(pilot, *keys: str) -> None:
    """One key at a time, letting screens switch in between, as a person would."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def settle(pilot) -> None:
    """Let workers and the attendance writer finish, as the facilitator's next glance would."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    assert pilot.app.draft_writer.flush()
    await pilot.pause()
