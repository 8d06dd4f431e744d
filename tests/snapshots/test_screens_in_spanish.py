"""Every console screen in Spanish at 80×24 (issue 26): SVG snapshots, reviewed by eye, and the
same screens read as text — no English key name, no key apart from its label, no cue cut.

Each screen's state is built through Session and Circle (and the screen's own actions for its
dialogs), not by replaying a circle's keys."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from circle_tui import i18n
from circle_tui.core.order import OrderMode
from circle_tui.core.plan import Phase
from circle_tui.settings import Settings
from circle_tui.ui.app import CircleApp
from circle_tui.ui.keys import key_names
from tests.support.shown_paths import shown_root
from tests.support.ui_support import Facilitator, make_app, screen_text

ROOT = Path("/tmp/circle-tui-spanish-snapshots")  # fixed: the privacy screen shows paths
FEEDBACK = "https://forms.example.org/f?d={date}&c={circle}"
NAMES = ("Ana", "Bartholomew Alexander Mo", None, "Lía", None)


#: Scenes whose screens show the data folder's path: only they run on the fixed ROOT.
SHOWS_PATHS = {"settings", "privacy", "end"}


@pytest.fixture
def root(scene, tmp_path):
    """The app's folder: the fixed ROOT, held by one test at a time, for a screen that shows
    it; the test's own folder otherwise (so workers share this file's tests freely)."""
    if scene in SHOWS_PATHS:
        with shown_root(ROOT) as path:
            yield path / scene
    else:
        yield tmp_path / "circle"


def spanish_app(root: Path) -> CircleApp:
    """The app on its own folder (a circle left open leaves its draft)."""
    return make_app(
        root,
        Settings(
            circle_name="Círculo de los martes",
            language="es",
            feedback_url=FEEDBACK,
            resources_url="https://apoyo.example.org/",
            pause_silence_seconds=60,
        ),
    )


# -- the states, built directly ---------------------------------------------------------------
def arrived(app: CircleApp):
    circle = app.session.start()
    for i, name in enumerate(NAMES):
        circle.arrive(name=name, newcomer=i == 2)
    return circle


def in_rounds(app: CircleApp, *, started: bool = True, speaking: int = 0, seconds: float = 0):
    circle = arrived(app)
    circle.go_to(Phase.ROUNDS)
    if started:
        circle.start_round()
        for _ in range(speaking):
            circle.next_speaker()
        app.session.clock.advance(seconds)
    return circle


def round_complete(app: CircleApp):
    circle = in_rounds(app)
    while not circle.round.complete:
        circle.next_speaker()
        app.session.clock.advance(30)
    return circle


def all_rounds_done(app: CircleApp):
    circle = in_rounds(app, started=False)
    while circle.next_spec is not None:
        circle.skip_next_round()
    return circle


def popcorn(app: CircleApp):
    circle = in_rounds(app, started=False)
    while circle.next_order.mode is not OrderMode.POPCORN:
        circle.cycle_order_mode()
    circle.start_round()
    circle.next_speaker()
    app.session.clock.advance(30)
    circle.next_speaker()
    return circle


async def then(pilot, action: Callable[[], object]) -> None:
    """Let the phase screen appear, then run one of its actions (which opens a dialog)."""
    for _ in range(3):
        await pilot.pause()
    result = action()
    if isinstance(result, Awaitable):
        await result


def state(build: Callable[[CircleApp], object]) -> Scene:
    """A scene that only builds the circle's state: no dialog to open after."""

    def scene(pilot: Pilot) -> None:
        build(pilot.app)

    return scene


#: A scene builds its state on the app of a running test (its pilot's).
Scene = Callable[[Pilot], Awaitable[None] | None]


async def _typing(pilot: Pilot) -> None:
    app = pilot.app
    arrived(app)
    await then(pilot, lambda: app.screen.action_type_name())
    app.screen.query_one("#name").value = "Sol"


async def _rename(pilot: Pilot) -> None:
    app = pilot.app
    arrived(app)
    await then(pilot, lambda: app.screen.action_rename_seat())


async def _late(pilot: Pilot) -> None:
    app = pilot.app
    in_rounds(app, speaking=1, seconds=20)
    await then(pilot, lambda: app.screen.action_late(False))


async def _away(pilot: Pilot) -> None:
    app = pilot.app
    in_rounds(app, speaking=1, seconds=20)
    await then(pilot, lambda: app.screen.action_away())


async def _end_round(pilot: Pilot) -> None:
    app = pilot.app
    in_rounds(app, speaking=1, seconds=20)
    await then(pilot, lambda: app.screen.action_end_round())


async def _to_closing(pilot: Pilot) -> None:
    app = pilot.app
    in_rounds(app, started=False)
    await then(pilot, lambda: app.screen.action_closing(False))


async def _seats(pilot: Pilot) -> None:
    app = pilot.app
    in_rounds(app, started=False)
    await then(pilot, lambda: app.screen.action_seats())


def _care(app: CircleApp, resources: bool = False) -> None:
    in_rounds(app, speaking=1, seconds=20)
    app.session.care_pause()
    app.session.clock.advance(5)
    if resources:
        app.session.circle.toggle_care_resources()


async def _quit(pilot: Pilot) -> None:
    app = pilot.app
    in_rounds(app, speaking=1, seconds=20)
    await then(pilot, app.action_request_quit)


async def _help(pilot: Pilot) -> None:
    app = pilot.app
    in_rounds(app, speaking=1, seconds=20)
    await then(pilot, app.action_help)


async def _preview(pilot: Pilot) -> None:
    app = pilot.app
    in_rounds(app, speaking=1, seconds=20)
    await then(pilot, app.action_room_preview)


def _opening_silence(app: CircleApp) -> None:
    circle = arrived(app)
    circle.go_to(Phase.OPENING)
    circle.start_silence(60)
    app.session.clock.advance(17)


def _card(app: CircleApp, last: bool = False) -> None:
    circle = arrived(app)
    circle.go_to(Phase.AGREEMENTS)
    circle.show_card(len(app.session.texts.cards) - 1 if last else 2)


def _phase(phase: Phase) -> Scene:
    def build(app: CircleApp) -> None:
        arrived(app).go_to(phase)

    return build


def _closing(app: CircleApp) -> None:
    arrived(app)
    app.session.to_closing()


def _end(app: CircleApp) -> None:
    arrived(app).go_to(Phase.CLOSING)
    app.session.circle.go_to(Phase.END)


async def _open(pilot: Pilot, name: str) -> None:
    await then(pilot, lambda: pilot.app.action_open(name))


SCENES: dict[str, Scene] = {
    "home": state(lambda app: None),
    "help": lambda pilot: then(pilot, pilot.app.action_help),
    "settings": lambda pilot: _open(pilot, "settings"),
    "privacy": lambda pilot: _open(pilot, "privacy"),
    "arrivals": state(lambda app: arrived(app)),
    "arrivals-typing": _typing,
    "arrivals-rename": _rename,
    "opening": state(_phase(Phase.OPENING)),
    "opening-silence": state(_opening_silence),
    "agreements": state(_card),
    "agreements-last": state(lambda app: _card(app, last=True)),
    "rounds-between": state(lambda app: in_rounds(app, started=False)),
    "rounds-waiting": state(lambda app: in_rounds(app)),
    "rounds-running": state(lambda app: in_rounds(app, speaking=1, seconds=20)),
    "rounds-paused": state(
        lambda app: in_rounds(app, speaking=1, seconds=20).toggle_pause() and None
    ),
    "rounds-last-minute": state(lambda app: in_rounds(app, speaking=1, seconds=35)),
    "rounds-over": state(lambda app: in_rounds(app, speaking=1, seconds=75)),
    "rounds-popcorn": state(lambda app: popcorn(app)),
    "rounds-complete": state(lambda app: round_complete(app)),
    "rounds-all-done": state(lambda app: all_rounds_done(app)),
    "rounds-late-arrival": _late,
    "rounds-who-steps-out": _away,
    "rounds-end-round": _end_round,
    "rounds-go-to-closing": _to_closing,
    "seat-editor": _seats,
    "care-pause": state(_care),
    "care-pause-resources": state(lambda app: _care(app, resources=True)),
    "break": state(_phase(Phase.BREAK)),
    "room-preview": _preview,
    "help-in-rounds": _help,
    "closing": state(_closing),
    "end": state(_end),
    "quit": _quit,
}


async def show(pilot, scene: str) -> None:
    app = pilot.app
    await Facilitator(pilot).settle()  # home's start-up checks done before a circle starts
    built = SCENES[scene](pilot)
    await pilot.pause()
    if isinstance(built, Awaitable):
        await built
    for _ in range(3):  # the phase screen, then its dialog, then their layout
        await pilot.pause()
    refresh = getattr(app.screen, "refresh_view", None)
    if refresh is not None:
        refresh()
    for field in app.screen.query(Input):  # a blinking cursor would make two pictures
        field.cursor_blink = False
    await pilot.pause()


@pytest.fixture(autouse=True)
def fixed_runtime_dir(monkeypatch, fixed_bundled_dir):
    """The privacy screen names the room view's socket and the checklist the bundled card."""
    monkeypatch.setenv("XDG_RUNTIME_DIR", "/tmp/circle-tui-snapshots-run")


@pytest.mark.parametrize("scene", list(SCENES))
def test_every_console_screen_in_spanish(snap_compare, root, scene):
    assert snap_compare(
        spanish_app(root), terminal_size=(80, 24), run_before=lambda pilot: show(pilot, scene)
    )


# -- read as text -----------------------------------------------------------------------------
ENGLISH_KEYS = re.compile(r"\b(enter|space|backspace|escape|up/down|tab)\b", re.IGNORECASE)


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("scene", list(SCENES))
async def test_a_spanish_screen_names_every_key_in_spanish_and_keeps_it_with_its_label(root, scene):
    app = spanish_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, scene)
        assert i18n.current() == "es"
        text = screen_text(app)
        keys = {name for name in key_names().values() if name.isalpha()}
    # Paths and the settings' own TOML keys are not words a facilitator reads as keys.
    readable = [line for line in text.splitlines() if "/" not in line and "_" not in line]
    assert ENGLISH_KEYS.findall("\n".join(readable)) == []
    for line in text.splitlines():
        last = line.rstrip(" │").split()
        assert not last or last[-1] not in keys | {"·"}, f"a key without its label: {line!r}"


#: Sentences each scene must show whole: a cue, a hint, a title (words may wrap, not be cut).
WHOLE = {
    "rounds-waiting": ["esperando — pulsa intro para iniciar el temporizador"],
    "rounds-paused": ["en pausa — espacio para seguir"],
    "rounds-between": ["intro empezar la ronda", "[ asiento inicial atrás", "desde Ana"],
    "rounds-late-arrival": ["después del asiento 3", "al final, después del asiento 5"],
    "arrivals-rename": ["Un nombre para el asiento 5 (solo en memoria)"],
    "closing": ["Cierre", "Comentarios anónimos", "https://forms.example.org/f"],
    "end": ["Pulsa intro para guardar"],
}


BESIDE_THE_QUEUE = {"rounds-waiting", "rounds-paused", "rounds-between"}


@pytest.mark.parametrize("scene", list(WHOLE))
async def test_cues_and_hints_are_shown_whole_in_spanish(root, scene):
    app = spanish_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, scene)
        lines = screen_text(app).splitlines()
        if scene in BESIDE_THE_QUEUE:  # the queue stands beside the stage: the stage alone
            lines = [line.split("│")[0] for line in lines]
        text = words("\n".join(lines))
    for sentence in WHOLE[scene]:
        assert sentence in text, sentence
