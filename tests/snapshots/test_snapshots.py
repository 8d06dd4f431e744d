"""SVG snapshots of every screen at 80×24 and 120×40, with the clock frozen (reviewed by eye)."""

from pathlib import Path

import pytest

from circle_tui.core.rounds import RoundSpec
from circle_tui.settings import Settings
from tests.support import state
from tests.support.shown_paths import shown_root
from tests.support.ui_support import make_app, press

ROOT = Path("/tmp/circle-tui-snapshots")  # fixed, because the privacy screen shows the paths
SIZES = [(80, 24), (120, 40)]
FEEDBACK = "https://forms.example.org/feedback?date={date}&circle={circle}"


@pytest.fixture(autouse=True)
def fixed_runtime_dir(monkeypatch, fixed_bundled_dir):
    """The privacy screen names the room view's socket, which lives in the runtime dir; the
    home screen's checklist names the bundled resources card."""
    monkeypatch.setenv("XDG_RUNTIME_DIR", "/tmp/circle-tui-snapshots-run")


#: Scenes whose screens show the data folder's path: only they run on the fixed ROOT.
SHOWS_PATHS = {"home", "privacy", "end"}


@pytest.fixture
def root(request, tmp_path):
    """The app's folder: the fixed ROOT, held by one test at a time, for a screen that shows
    it; the test's own folder otherwise (so workers share this file's tests freely)."""
    callspec = getattr(request.node, "callspec", None)
    if callspec is not None and callspec.params.get("scene") in SHOWS_PATHS:
        with shown_root(ROOT) as path:
            yield path
    else:
        yield tmp_path / "circle"


def app_for(root, **settings):
    chosen = {"circle_name": "Tuesday circle", "feedback_url": FEEDBACK, **settings}
    return make_app(root, Settings(**chosen))


def after(seconds=None, keys=()):
    """The first sharing round started (built up to its enter), then `keys` and `seconds`."""

    async def run_before(pilot):
        await state.shown(pilot, state.after_check_in)
        await press(pilot, "enter", *keys)
        if seconds is not None:
            pilot.app.session.clock.advance(seconds)
        pilot.app.screen.refresh_view()
        await pilot.pause()

    return run_before


def built(build, *keys):
    """A state built by `build(session)`, shown, then `keys`."""

    async def run_before(pilot):
        await state.shown(pilot, build)
        await press(pilot, *keys)

    return run_before


def _closing(session):
    state.in_rounds(session)
    state.in_closing_round(session)
    session.to_closing()


SCENES = {
    "home": None,
    "arrivals": lambda pilot: press(pilot, "enter", "plus", "plus", "n", "plus"),
    "agreements": lambda pilot: press(pilot, "enter", "plus", "enter", "enter", "right"),
    "rounds-waiting": after(),
    "rounds-running": after(62, keys=("enter",)),
    "rounds-last-minute": after(250, keys=("enter",)),
    "rounds-over": after(330, keys=("enter",)),
    "rounds-paused": after(30, keys=("enter", "space")),
    "closing": built(_closing),
    "end": built(_closing, "enter"),
    "privacy": lambda pilot: press(pilot, "i"),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scene", list(SCENES))
def test_screen(snap_compare, root, scene, size):
    assert snap_compare(app_for(root), terminal_size=size, run_before=SCENES[scene])


#: The circle as a Spanish-speaking circle sees it, at 80×24.
SPANISH_SCENES = ["home", "arrivals", "agreements", "rounds-running", "closing", "end"]


@pytest.mark.parametrize("scene", SPANISH_SCENES)
def test_screen_in_spanish(snap_compare, root, scene):
    app = app_for(
        root, circle_name="Círculo del martes", agreements="peer-integration.es", language="es"
    )
    assert snap_compare(app, terminal_size=(80, 24), run_before=SCENES[scene])


@pytest.mark.parametrize("agreements", ["peer-integration", "peer-integration.es"])
def test_an_agreement_card_in_english_and_spanish(snap_compare, root, agreements):
    async def run_before(pilot):
        await press(pilot, "enter", "plus", "enter", "enter", "right", "right")

    assert snap_compare(
        app_for(root, agreements=agreements), terminal_size=(80, 24), run_before=run_before
    )


@pytest.mark.parametrize("theme", ["textual-light", "high-contrast"])
def test_rounds_on_light_and_high_contrast_themes(snap_compare, root, theme):
    run_before = after(250, keys=("enter",))
    assert snap_compare(app_for(root, theme=theme), terminal_size=(80, 24), run_before=run_before)


# -- the circle as it is practised (issue 14) ------------------------------------------------
CUES = {"running": 62, "cue": 250, "time": 302, "over": 330}


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "high-contrast"])
@pytest.mark.parametrize("cue", list(CUES))
def test_the_cue_colours_on_every_theme(snap_compare, root, theme, cue):
    """Calm, then amber from the cue, then red at time and staying red, signed, when over."""
    run_before = after(CUES[cue], keys=("enter",))
    assert snap_compare(app_for(root, theme=theme), terminal_size=(80, 24), run_before=run_before)


def test_the_care_pause(snap_compare, root):
    async def run_before(pilot):
        await state.shown(pilot, state.after_check_in)
        await press(pilot, "enter", "enter")
        pilot.app.session.clock.advance(90)
        await press(pilot, "g")

    assert snap_compare(
        app_for(root, pause_silence_seconds=60),
        terminal_size=(80, 24),
        run_before=run_before,
    )


PROMPTED = (
    RoundSpec("check-in", 1, "What are you bringing to the circle tonight?"),
    RoundSpec("integration", 5, "What from your experience are you still carrying?"),
    RoundSpec("closing", 1, "One word or a sentence you take with you.", closing=True),
)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_round_with_its_prompt(snap_compare, root, size):
    run_before = after(40, keys=("enter",))
    assert snap_compare(app_for(root, rounds=PROMPTED), terminal_size=size, run_before=run_before)


def test_a_name_with_accents_in_the_block_font(snap_compare, root):
    def build(session):
        circle = session.start()
        for name in ("María", "Ñandú", None):  # typed at arrivals (t), then +
            circle.arrive(name=name)
        state.read_agreements(circle)

    async def run_before(pilot):
        await state.shown(pilot, build)
        await press(pilot, "enter", "enter")
        pilot.app.session.clock.advance(20)
        pilot.app.screen.refresh_view()
        await pilot.pause()

    assert snap_compare(app_for(root), terminal_size=(120, 40), run_before=run_before)


# -- beyond the stage timers (issue 29) --------------------------------------------------------
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_between_rounds_says_who_begins_when_the_start_rotates(snap_compare, root, size):
    app = app_for(root, rotate_start="next-seat-and-direction")
    assert snap_compare(app, terminal_size=size, run_before=built(state.after_check_in))
