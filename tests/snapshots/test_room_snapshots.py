"""SVG snapshots of the room view in every phase at 80×24 and 160×45, and of the console
screens the room reads, made room-safe (reviewed by eye)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from circle_tui.core.clock import FakeClock
from circle_tui.room.snapshot import snapshot as room_snapshot
from circle_tui.settings import Settings
from circle_tui.ui.room import RoomApp
from tests.support.shown_paths import shown_root
from tests.support.ui_support import Facilitator, make_app, press
from tests.unit.test_room_snapshot import scenes as walked_scenes

ROOT = Path("/tmp/circle-tui-room-snapshots")  # fixed: the checklist shows paths
SIZES = [(80, 24), (160, 45)]
FEEDBACK = "https://forms.example.org/f?d={date}"


def scenes() -> dict[str, dict]:
    """Walked at collection, in each worker: on a folder of its own (no path is shown)."""
    with tempfile.TemporaryDirectory(prefix="ct-room-scenes-") as folder:
        return walked_scenes(Path(folder))


ROOMS = scenes()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scene", list(ROOMS))
def test_room_view(snap_compare, scene, size):
    async def run_before(pilot):
        pilot.app.show(ROOMS[scene])
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(
        RoomApp(None, clock=FakeClock(0)), terminal_size=size, run_before=run_before
    )


@pytest.fixture
def root(scene, tmp_path):
    """The fixed ROOT, held by one test at a time, for the checklist that shows it; the
    test's own folder otherwise (so workers share this file's tests freely)."""
    if scene == "home-checklist":
        with shown_root(ROOT) as path:
            yield path
    else:
        yield tmp_path / "circle"


def console(root: Path, **settings):
    sets = root / "config" / "agreements"
    sets.mkdir(parents=True)
    # A set without opening or closing words, an http link and the bundled resources card
    # with its placeholders: everything the checklist names, and the room must not read.
    (sets / "bare.md").write_text("# Bare agreements\n\n## Be kind\n\nTo yourself as well.\n")
    return make_app(
        root,
        Settings(
            circle_name="Tuesday circle",
            agreements="bare",
            feedback_url="http://forms.example.org/f",
            **settings,
        ),
    )


async def _rounds_with_a_pass_and_a_leave(pilot, *more):
    f = Facilitator(pilot)
    await f.to_rounds(people=4)
    await f.press("enter", "enter")
    f.clock.advance(40)
    # Seat 2 passes; seat 4 leaves for the night (l: who, then which).
    await f.press("enter", "p", "l", "down", "down", "down", "enter", "down", "enter", *more)


async def _closing(pilot):
    await press(pilot, "enter", "plus", "enter", "enter", "right", "enter")
    await Facilitator(pilot).skip_to_closing()


CONSOLE = {
    "home-checklist": lambda pilot: pilot.pause(),
    "opening": lambda pilot: press(pilot, "enter", "plus", "enter"),
    "agreements": lambda pilot: press(pilot, "enter", "plus", "enter", "enter"),
    "closing": lambda pilot: _closing(pilot),
    "rounds-panel-hidden": _rounds_with_a_pass_and_a_leave,
    "rounds-panel-shown": lambda pilot: _rounds_with_a_pass_and_a_leave(pilot, "h"),
    "room-preview": lambda pilot: _rounds_with_a_pass_and_a_leave(pilot, "v"),
}


@pytest.mark.usefixtures("fixed_bundled_dir")  # the checklist names the bundled card
@pytest.mark.parametrize("scene", list(CONSOLE))
def test_room_safe_console(snap_compare, root, scene):
    assert snap_compare(console(root), terminal_size=(100, 30), run_before=CONSOLE[scene])


# -- names in any script, large on the TV (issue 26) -----------------------------------------
SPEAKERS = {"hebrew": "שרה", "arabic": "مريم", "emoji": "🌻 Sol", "accents": "MARÍA JOSÉ"}


def speaking(name: str, root: Path) -> dict:
    """The room's snapshot while `name` speaks: a circle built through Session and Circle."""
    from circle_tui.core.plan import Phase
    from tests.support.scenario import scripted_session

    session = scripted_session(root, Settings(circle_name="Tuesday circle"))
    circle = session.start()
    circle.arrive(name=name)
    circle.arrive(name="Robin")
    circle.go_to(Phase.ROUNDS)
    circle.start_round()
    circle.next_speaker()
    session.clock.advance(12)
    room = room_snapshot(session)
    assert room["speaker"] == name
    return room


@pytest.mark.parametrize("speaker", list(SPEAKERS))
def test_a_speaker_s_name_is_drawn_large_in_any_script(snap_compare, speaker, tmp_path):
    room = speaking(SPEAKERS[speaker], tmp_path)

    async def run_before(pilot):
        pilot.app.show(room)
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(
        RoomApp(None, clock=FakeClock(0)), terminal_size=(160, 45), run_before=run_before
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_room_view_with_the_time_of_day(snap_compare, size):
    """show_clock: the time of day beside the circle's name, from the room view's own clock."""
    from datetime import datetime

    async def run_before(pilot):
        pilot.app.show({**ROOMS["rounds-running"], "clock": True})
        await pilot.pause()
        await pilot.pause()

    app = RoomApp(None, clock=FakeClock(0), wall=lambda: datetime(2026, 11, 27, 19, 42))
    assert snap_compare(app, terminal_size=size, run_before=run_before)
