"""Scripted circles: an app on a fake clock, and a driver that walks it as a facilitator would.

Used by the tests, the benchmarks and the README's screenshots, so a walk through the circle
is written once."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

from circle_tui import i18n
from circle_tui.core.clock import FakeClock
from circle_tui.core.plan import Phase
from circle_tui.room.snapshot import Room
from circle_tui.room.snapshot import snapshot as room_snapshot
from circle_tui.session import Notice, Session, aside_notices
from circle_tui.settings import Paths, Settings
from circle_tui.storage.attendance import AttendanceLog
from circle_tui.ui.app import CircleApp
from tests.support import state

#: The wall clock of every scripted circle: a Friday evening.
START = datetime(2026, 11, 27, 19, 0)


class Wall:
    """Wall-clock time that follows the fake monotonic clock, so times in records are stable."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.origin = clock.now()

    def __call__(self) -> datetime:
        return START + timedelta(seconds=self.clock.now() - self.origin)


def scripted_paths(root: Path) -> Paths:
    return Paths(config_file=root / "config" / "config.toml", data_dir=root / "data")


def scripted_app(
    root: Path,
    settings: Settings | None = None,
    *,
    opened: tuple[AttendanceLog, list[Notice]] | None = None,
) -> CircleApp:
    """The app on `root`'s own config and data dirs, a fake clock and a seeded shuffle; the
    log as `session.opened` gave it, or opened here for writing."""
    if opened is None:
        log, aside = AttendanceLog.open(scripted_paths(root).data_dir)
        opened = log, aside_notices(aside)
    log, notices = opened
    return CircleApp(
        scripted_session(root, settings, log=log), notices=notices, key_clock=KeyClock()
    )


class KeyClock:
    """When scripted keys are pressed: each reading is `step` seconds after the last, so
    every press is a deliberate one (1 s apart) unless a test makes the step a key repeat's."""

    def __init__(self, step: float = 1.0) -> None:
        self.step = step
        self._now = 0.0

    def now(self) -> float:
        self._now += self.step
        return self._now


def scripted_session(
    root: Path, settings: Settings | None = None, *, log: AttendanceLog | None = None
) -> Session:
    """The session of `scripted_app` without the app: for what needs no screen, such as
    the room's snapshots."""
    paths = scripted_paths(root)
    if log is None:
        log, _ = AttendanceLog.open(paths.data_dir)
    clock = FakeClock()
    settings = settings or Settings(circle_name="Tuesday circle")
    i18n.LANGUAGE.follow_settings(settings.language, settings.agreements)  # as the CLI does
    return Session(
        paths,
        settings,
        log,
        clock=clock,
        wall=Wall(clock),
        rng=random.Random(1),
    )


#: The names typed at arrivals in `room_scenes`; seat 2 passes and seat 4 leaves.
SCENE_NAMES = ("Robin", "Quillon", "Sam", "Zephyrine", None)


def room_scenes(session: Session) -> Iterator[tuple[str, Room]]:
    """What the room sees at each moment of a circle, walked on the session's fake clock (set
    `silence_seconds`, `pause_silence_seconds` and `resources_url` to see those too): the room
    view's snapshots, its README picture and the privacy tests all use this walk."""
    clock = session.clock
    assert isinstance(clock, FakeClock)
    yield "waiting", room_snapshot(session)
    circle = session.start()
    for i, name in enumerate(SCENE_NAMES):
        circle.arrive(newcomer=i == 1, name=name)
    yield "arrivals", room_snapshot(session)
    circle.go_to(Phase.OPENING)
    circle.start_silence(60)
    clock.advance(17)
    yield "opening", room_snapshot(session)
    circle.go_to(Phase.AGREEMENTS)
    circle.toggle_reader_rotation()
    circle.show_card(2)
    yield "agreements", room_snapshot(session)
    circle.go_to(Phase.ROUNDS)
    yield "rounds-next", room_snapshot(session)
    circle.start_round()
    yield "rounds-waiting", room_snapshot(session)
    circle.next_speaker()
    clock.advance(12)
    yield "rounds-running", room_snapshot(session)
    circle.next_speaker()
    circle.pass_turn()  # seat 2 passes
    circle.leave(4)  # seat 4 leaves
    clock.advance(45)
    yield "rounds-last-minute", room_snapshot(session)
    clock.advance(25)
    yield "rounds-time", room_snapshot(session)
    circle.toggle_pause()
    yield "rounds-paused", room_snapshot(session)
    circle.toggle_pause()
    circle.next_speaker()
    yield "rounds-silence", room_snapshot(session)
    session.care_pause()
    clock.advance(5)
    yield "pause", room_snapshot(session)
    circle.toggle_care_resources()
    yield "pause-resources", room_snapshot(session)
    circle.end_care_pause()
    circle.end_round()
    circle.go_to(Phase.BREAK)
    clock.advance(125)
    yield "break", room_snapshot(session)
    circle.go_to(Phase.ROUNDS)
    session.to_closing()
    yield "closing", room_snapshot(session)
    session.end()
    yield "ended", room_snapshot(session)


class Facilitator:
    """Presses keys on a running app (`app.run_test()`'s pilot) the way a facilitator would."""

    def __init__(self, pilot) -> None:
        self.pilot = pilot
        self.app: CircleApp = pilot.app

    @property
    def clock(self) -> FakeClock:
        return self.app.session.clock  # type: ignore[return-value]

    async def press(self, *keys: str) -> None:
        """One key at a time, letting screens switch in between."""
        for key in keys:
            await self.pilot.press(key)
            await self.pilot.pause()

    async def settle(self) -> None:
        """Let workers and the attendance writer finish, as the facilitator's next glance would."""
        await self.pilot.pause()
        await self.app.workers.wait_for_complete()
        assert self.app.session.draft_writer.flush()
        await self.pilot.pause()

    async def to_rounds(
        self, people: int = 5, newcomers: int = 1, *, by_keys: bool = False
    ) -> None:
        """Home → arrivals → opening → every agreement card → the rounds screen: built through
        Session and Circle (tests/support/state.py), or pressed key by key (`by_keys`, for
        the walks that prove the way there)."""
        if not by_keys:
            await state.shown(self.pilot, lambda s: state.in_rounds(s, people, newcomers))
            return
        await self.press("enter", *["plus"] * (people - newcomers), *["n"] * newcomers, "enter")
        await self.press("enter", *["right"] * len(self.app.session.texts.cards))

    async def finish_round(self, seconds_each: float = 40, limit: int = 60) -> None:
        """Start the round if it is not running, let everyone speak, and close it."""
        circle = self.app.session.circle
        assert circle is not None
        if circle.round is None:
            await self.press("enter")
        for _ in range(limit):
            if circle.round is None or circle.round.complete:
                break
            if circle.timer is not None and circle.timer.started:
                self.clock.advance(seconds_each)
            await self.press("enter")
        await self.press("enter")  # close the round

    async def first_sharing_turn(self, *, by_keys: bool = False) -> None:
        """Through the check-in round into the first sharing round, its timer waiting (the
        check-in built unless `by_keys`; the round's start always pressed)."""
        if by_keys:
            await self.to_rounds(by_keys=True)
            await self.finish_round()
        else:
            await state.shown(self.pilot, state.after_check_in)
        await self.press("enter")

    async def skip_to_closing(self) -> None:
        """From between rounds: c skips to the closing round, which is held; then closing."""
        await self.press("c", "enter")
        await self.finish_round()
        await self.press("enter")

    async def to_closing(
        self, people: int = 5, newcomers: int = 1, *, by_keys: bool = False
    ) -> None:
        """The closing screen, after the closing round (built unless `by_keys`)."""
        if by_keys:
            await self.to_rounds(people, newcomers, by_keys=True)
            await self.skip_to_closing()
            return

        def build(session: Session) -> None:
            state.in_rounds(session, people, newcomers)
            state.in_closing_round(session)
            session.to_closing()

        await state.shown(self.pilot, build)
