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
from circle_tui.ui.keys import key_names, keyed
from tests.support.shown_paths import shown_root
from tests.support.ui_support import Facilitator, make_app, screen_text

ROOT = Path("/tmp/circle-tui-spanish-snapshots")  # fixed: the privacy screen shows paths
FEEDBACK = "https://forms.example.org/f?d={date}&c={circle}"
NAMES = ("Ana", "Bartholomew Alexander Mo", None, "Lía", None)


#: A circle's name in each language the screens are read in.
CIRCLE_NAMES = {"es": "Círculo de los martes", "pt_BR": "Círculo das terças"}
#: Every language but English: each one's screens are read as text at 80×24 alike.
LANGUAGES = i18n.LANGUAGES[1:]


#: Scenes whose screens show the data folder's path: only their snapshots run on the fixed
#: ROOT; the tests that read screens as text never show it and use their own folders.
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


def spanish_app(root: Path, language: str = "es") -> CircleApp:
    """The app on its own folder (a circle left open leaves its draft)."""
    return make_app(
        root,
        Settings(
            circle_name=CIRCLE_NAMES.get(language, "Tuesday circle"),
            language=language,
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
    await then(pilot, lambda: app.screen.action_closing())


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
#: Words that name a key in English only: a key table never calls a key so in any language.
ENGLISH_ONLY_KEYS = {"escape", "up/down"}
#: The keys sentences name by word (the others are signs, or words such as Spanish "del").
SENTENCE_KEYS = ("enter", "space", "backspace", "tab")


def english_keys(language: str) -> re.Pattern[str]:
    """The English key names `language` calls otherwise (Spanish `intro` for enter; Brazilian
    keyboards say enter, so Portuguese keeps it but says `espaço` for space)."""
    i18n.use("en")
    english = key_names()
    i18n.use(language)
    own = key_names()
    named = {english[k] for k in SENTENCE_KEYS if english[k] != own[k]}
    return re.compile(r"\b(" + "|".join(sorted(named | ENGLISH_ONLY_KEYS)) + r")\b", re.I)


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("scene", list(SCENES))
async def test_a_screen_names_every_key_in_its_language_and_keeps_it_with_its_label(
    scene, language, tmp_path
):
    app = spanish_app(tmp_path / "circle", language)
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, scene)
        assert i18n.current() == language
        text = screen_text(app)
        keys = {name for name in key_names().values() if name.isalpha()}
        english = english_keys(language)
    # Paths and the settings' own TOML keys are not words a facilitator reads as keys.
    readable = [line for line in text.splitlines() if "/" not in line and "_" not in line]
    assert english.findall("\n".join(readable)) == []
    for line in text.splitlines():
        last = line.rstrip(" │").split()
        if line.rstrip(" │").endswith(" min ·"):  # home's round plan, a list and not keys
            continue
        assert not last or last[-1] not in keys | {"·"}, f"a key without its label: {line!r}"


#: Sentences each scene must show whole, per language: a cue, a hint, a title (words may
#: wrap, not be cut).
WHOLE = {
    "es": {
        "rounds-waiting": ["esperando — pulsa intro para iniciar el temporizador"],
        "rounds-paused": ["en pausa — espacio para seguir"],
        "rounds-between": ["intro empezar la ronda", "[ asiento inicial atrás", "desde Ana"],
        "rounds-late-arrival": ["después del asiento 3", "al final, después del asiento 5"],
        "arrivals-rename": ["Un nombre para el asiento 5 (solo en memoria)"],
        "closing": ["Cierre", "Comentarios anónimos", "https://forms.example.org/f"],
        "end": ["Pulsa intro para guardar"],
    },
    "pt_BR": {
        "rounds-waiting": ["esperando — aperte enter para iniciar o cronômetro"],
        "rounds-paused": ["em pausa — espaço para seguir"],
        "rounds-between": [
            "enter começar a rodada",
            "[ lugar inicial anterior",
            "] lugar inicial seguinte",
            "a partir de Ana",
        ],
        "rounds-late-arrival": ["depois do lugar 3", "no final, depois do lugar 5"],
        "arrivals-rename": ["Um nome para o lugar 5 (só na memória)"],
        "closing": ["Encerramento", "Comentários anônimos", "https://forms.example.org/f"],
        "end": ["Aperte enter para salvar"],
    },
}


#: For a language no one has listed sentences for yet: the same cues, as its catalogue says them.
FROM_THE_CATALOGUE = {
    "rounds-waiting": [("waiting — press {enter} to start the timer", {})],
    "rounds-paused": [("paused — {space} to resume", {})],
    "rounds-late-arrival": [("after Seat {n}", {"n": 3}), ("at the end, after Seat {n}", {"n": 5})],
    "arrivals-rename": [("A name for Seat {n} (memory only)", {"n": 5})],
    "closing": [("Closing", {}), ("Anonymous feedback", {})],
}


def whole(language: str, scene: str) -> list[str]:
    """The sentences `scene` must show whole in `language`: as a person wrote them down, or
    as the catalogue says them."""
    if language in WHOLE:
        return WHOLE[language][scene]
    return [keyed(i18n._(message), **values) for message, values in FROM_THE_CATALOGUE[scene]]


BESIDE_THE_QUEUE = {"rounds-waiting", "rounds-paused", "rounds-between"}


@pytest.mark.parametrize(
    ("language", "scene"),
    [
        (language, scene)
        for language in LANGUAGES
        for scene in WHOLE.get(language, FROM_THE_CATALOGUE)
    ],
)
async def test_cues_and_hints_are_shown_whole_in_each_language(language, scene, tmp_path):
    app = spanish_app(tmp_path / "circle", language)
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, scene)
        lines = screen_text(app).splitlines()
        if scene in BESIDE_THE_QUEUE:  # the queue stands beside the stage: the stage alone
            lines = [line.split("│")[0] for line in lines]
        text = words("\n".join(lines))
        sentences = whole(language, scene)
    for sentence in sentences:
        assert sentence in text, sentence


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_rounds_header_names_every_round_of_the_plan_whole(language, tmp_path):
    """The header above the stage at 80×24, before each round of the default plan: its number,
    name and minutes whole (Portuguese "encerramento · 1 min por fala" once lost its last word)."""
    app = spanish_app(tmp_path / "circle", language)
    async with app.run_test(size=(80, 24)) as pilot:
        await Facilitator(pilot).settle()
        circle = in_rounds(app, started=False)
        headers = []
        while True:
            for _ in range(3):
                await pilot.pause()
            app.screen.refresh_view()
            await pilot.pause()
            headers.append((circle.round_label(), words(screen_text(app))))
            if circle.next_spec is None or not circle.skip_next_round() or circle.next_spec is None:
                break
    assert len(headers) > 1
    assert [label for label, text in headers if label not in text] == []
