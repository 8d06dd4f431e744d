"""SVG snapshots of every screen at 80×24 and 120×40, with the clock frozen (reviewed by eye)."""

import shutil
from pathlib import Path

import pytest

from circle_tui.core.rounds import RoundSpec
from circle_tui.settings import Settings
from tests.support.scenario import Facilitator
from tests.support.ui_support import make_app, press

ROOT = Path("/tmp/circle-tui-snapshots")  # fixed, because the privacy screen shows the paths
SIZES = [(80, 24), (120, 40)]
FEEDBACK = "https://forms.example.org/feedback?date={date}&circle={circle}"


@pytest.fixture(autouse=True)
def fixed_runtime_dir(monkeypatch, fixed_bundled_dir):
    """The privacy screen names the room view's socket, which lives in the runtime dir; the
    home screen's checklist names the bundled resources card."""
    monkeypatch.setenv("XDG_RUNTIME_DIR", "/tmp/circle-tui-snapshots-run")


def app_for(**settings):
    shutil.rmtree(ROOT, ignore_errors=True)
    chosen = {"circle_name": "Tuesday circle", "feedback_url": FEEDBACK, **settings}
    return make_app(ROOT, Settings(**chosen))


async def to_rounds(pilot, people=5):
    await press(pilot, "enter", *["plus"] * (people - 1), "n", "enter", "enter")
    await press(pilot, *["right"] * len(pilot.app.session.texts.agreements.cards), "enter")


async def first_sharing_turn(pilot):
    """Through the check-in round into the first sharing round, its timer waiting."""
    await to_rounds(pilot)
    await press(pilot, "enter", "enter")
    app = pilot.app
    for _ in range(12):
        if app.circle.round.complete:
            break
        app.session.clock.advance(40)
        await press(pilot, "enter")
    await press(pilot, "enter", "enter")


def after(seconds=None, keys=()):
    async def run_before(pilot):
        await first_sharing_turn(pilot)
        await press(pilot, *keys)
        if seconds is not None:
            pilot.app.session.clock.advance(seconds)
        pilot.app.screen.refresh_view()
        await pilot.pause()

    return run_before


SCENES = {
    "home": None,
    "arrivals": lambda pilot: press(pilot, "enter", "plus", "plus", "n", "plus"),
    "agreements": lambda pilot: press(pilot, "enter", "plus", "enter", "enter", "right"),
    "rounds-waiting": after(),
    "rounds-running": after(62, keys=("enter",)),
    "rounds-last-minute": after(250, keys=("enter",)),
    "rounds-over": after(330, keys=("enter",)),
    "rounds-paused": after(30, keys=("enter", "space")),
    "closing": lambda pilot: _closing(pilot),
    "end": lambda pilot: _closing(pilot, "enter"),
    "privacy": lambda pilot: press(pilot, "i"),
}


async def _closing(pilot, *more):
    await to_rounds(pilot)
    await Facilitator(pilot).skip_to_closing()
    await press(pilot, *more)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scene", list(SCENES))
def test_screen(snap_compare, scene, size):
    assert snap_compare(app_for(), terminal_size=size, run_before=SCENES[scene])


#: The circle as a Spanish-speaking circle sees it, at 80×24.
SPANISH_SCENES = ["home", "arrivals", "agreements", "rounds-running", "closing", "end"]


@pytest.mark.parametrize("scene", SPANISH_SCENES)
def test_screen_in_spanish(snap_compare, scene):
    app = app_for(circle_name="Círculo del martes", agreements="peer-integration.es", language="es")
    assert snap_compare(app, terminal_size=(80, 24), run_before=SCENES[scene])


@pytest.mark.parametrize("agreements", ["peer-integration", "peer-integration.es"])
def test_an_agreement_card_in_english_and_spanish(snap_compare, agreements):
    async def run_before(pilot):
        await press(pilot, "enter", "plus", "enter", "enter", "right", "right")

    assert snap_compare(
        app_for(agreements=agreements), terminal_size=(80, 24), run_before=run_before
    )


@pytest.mark.parametrize("theme", ["textual-light", "high-contrast"])
def test_rounds_on_light_and_high_contrast_themes(snap_compare, theme):
    assert snap_compare(
        app_for(theme=theme), terminal_size=(80, 24), run_before=after(250, keys=("enter",))
    )


# -- the circle as it is practised (issue 14) ------------------------------------------------
CUES = {"running": 62, "cue": 250, "time": 302, "over": 330}


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "high-contrast"])
@pytest.mark.parametrize("cue", list(CUES))
def test_the_cue_colours_on_every_theme(snap_compare, theme, cue):
    """Calm, then amber from the cue, then red at time and staying red, signed, when over."""
    assert snap_compare(
        app_for(theme=theme), terminal_size=(80, 24), run_before=after(CUES[cue], keys=("enter",))
    )


def test_the_care_pause(snap_compare):
    async def run_before(pilot):
        await first_sharing_turn(pilot)
        await press(pilot, "enter")
        pilot.app.session.clock.advance(90)
        await press(pilot, "g")

    assert snap_compare(
        app_for(pause_silence_seconds=60), terminal_size=(80, 24), run_before=run_before
    )


PROMPTED = (
    RoundSpec("check-in", 1, "What are you bringing to the circle tonight?"),
    RoundSpec("integration", 5, "What from your experience are you still carrying?"),
    RoundSpec("closing", 1, "One word or a sentence you take with you.", closing=True),
)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_round_with_its_prompt(snap_compare, size):
    async def run_before(pilot):
        await first_sharing_turn(pilot)
        await press(pilot, "enter")
        pilot.app.session.clock.advance(40)
        pilot.app.screen.refresh_view()
        await pilot.pause()

    assert snap_compare(app_for(rounds=PROMPTED), terminal_size=size, run_before=run_before)


def test_a_name_with_accents_in_the_block_font(snap_compare):
    async def run_before(pilot):
        await press(pilot, "enter", "t", *"María", "enter", "t", *"Ñandú", "enter", "plus")
        await press(pilot, "enter", "enter", *["right"] * len(pilot.app.session.texts.cards))
        await press(pilot, "enter", "enter")
        pilot.app.session.clock.advance(20)
        pilot.app.screen.refresh_view()
        await pilot.pause()

    assert snap_compare(app_for(), terminal_size=(120, 40), run_before=run_before)


# -- beyond the stage timers (issue 29) --------------------------------------------------------
async def after_the_check_in(pilot):
    """Through the check-in round, closed: the screen between it and the next round."""
    await to_rounds(pilot)
    await press(pilot, "enter", "enter")
    app = pilot.app
    for _ in range(12):
        if app.circle.round.complete:
            break
        app.session.clock.advance(40)
        await press(pilot, "enter")
    await press(pilot, "enter")
    assert app.circle.round is None


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_between_rounds_says_who_begins_when_the_start_rotates(snap_compare, size):
    app = app_for(rotate_start="next-seat-and-direction")
    assert snap_compare(app, terminal_size=size, run_before=after_the_check_in)
