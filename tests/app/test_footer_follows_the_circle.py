"""The rounds screen's keys are the circle's rules: in every generated state of a circle,
the footer lists exactly what `Circle` says is possible, and no key works that it does not."""

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from circle_tui.core.circle import Action, Circle
from circle_tui.core.plan import Phase
from circle_tui.ui.screens.arrivals import ArrivalsScreen
from circle_tui.ui.screens.rounds import RoundsScreen
from circle_tui.ui.widgets.keys_bar import KeysBar
from tests.support import circle_walk
from tests.support.ui_support import make_app

#: What the footer calls each action that has a key in it (written here, not read from the
#: screen, so the test does not take the screen's word for it). The rest have hidden keys.
FOOTER = {
    Action.START_TIMER: {"Start the timer"},
    Action.NEXT_SPEAKER: {"Next speaker"},
    Action.START_PICKED: {"Start their turn"},
    Action.CLOSE_ROUND: {"Close the round"},
    Action.START_ROUND: {"Start the round"},
    Action.FINISH_ROUNDS: {"Go to closing"},
    Action.PAUSE: {"Pause"},
    Action.RESUME: {"Resume"},
    Action.PASS: {"Pass"},
    Action.ADD_MINUTE: {"+1 min"},
    Action.REMOVE_MINUTE: {"-1 min"},
    Action.UNDO: {"Undo"},
    Action.BACK_TO_AGREEMENTS: {"Back to the agreements"},
    Action.ARRIVE: {"Late arrival"},
    Action.AWAY: {"Steps out or leaves"},
    Action.COME_BACK: {"Came back"},
    Action.END_ROUND: {"End round"},
    Action.ORDER_MODE: {"Order mode"},
    Action.DIRECTION: {"Direction"},
    Action.START_SEAT: {"Start seat back", "Start seat on"},
    Action.EDIT_SEATS: {"Seats"},
    Action.SKIP_ROUND: {"Skip this round"},
    Action.ADD_ROUND: {"One more round"},
    Action.BREAK: {"Break"},
    Action.CLOSE_EARLY: {"Go to closing"},
    Action.ROOM_TIMER: {"TV timer"},
}
#: Keys not in the footer (the help lists them), by binding id, and what they do.
HIDDEN_KEYS = {
    "next-down": Action.CHOOSE_NEXT,
    "next-up": Action.CHOOSE_NEXT,
    "fit": Action.ACCEPT_FIT,
    "panel": Action.TOGGLE_PANEL,
    "late-first-timer": Action.ARRIVE,
}
HIDDEN = {Action.CHOOSE_NEXT, Action.ACCEPT_FIT, Action.TOGGLE_PANEL}


def expected_footer(circle: Circle) -> set[str]:
    possible = circle.available()
    if Action.UNDO in possible:  # ← is one key: it undoes first
        possible -= {Action.BACK_TO_AGREEMENTS}
    return set().union(*(FOOTER[action] for action in possible - HIDDEN))


def footer(screen: RoundsScreen) -> set[str]:
    """The descriptions the footer lists for the rounds screen's own keys (the app's own,
    such as help and the care pause, are the same in every state)."""
    own = {binding.description for binding in RoundsScreen.BINDINGS}
    return {description for _, description in screen.query_one(KeysBar).shown()} & own


def enabled_keys(screen: RoundsScreen) -> set[str]:
    """The ids of the screen's keys that work now, hidden or not."""
    own = {binding.id for binding in RoundsScreen.BINDINGS}
    return {
        active.binding.id
        for active in screen.active_bindings.values()
        if active.enabled and active.binding.id in own
    }


async def until_shown(pilot, screen_type) -> None:
    for _ in range(50):
        if isinstance(pilot.app.screen, screen_type):
            await pilot.pause()  # and composed
            return
        await pilot.pause()
    raise AssertionError(f"{screen_type.__name__} never showed; {pilot.app.screen} did")


def test_every_action_has_a_key():
    described = set(FOOTER) | HIDDEN
    assert described == set(Action)


async def test_the_footer_lists_what_the_circle_says_is_possible_in_every_generated_state(
    tmp_path,
):
    app = make_app(tmp_path)
    async with app.run_test(size=(300, 30)) as pilot:  # wide: the bar draws every key
        session = app.session
        circle = session.start()
        circle.arrive()
        await until_shown(pilot, ArrivalsScreen)
        circle.go_to(Phase.ROUNDS)
        await until_shown(pilot, RoundsScreen)
        screen = app.screen
        assert isinstance(screen, RoundsScreen)
        seen: set[Action] = set()

        # The screen stays mounted; each example is a new circle built through its actions,
        # and the footer's keys are compared with the circle's rules after each one.
        @settings(
            max_examples=100,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        )
        @given(people=st.integers(1, 6), walk=circle_walk.steps)
        # Walks that surely reach each moment (a stepped-out person, popcorn's pick, a paused
        # turn, a complete round, all rounds done); the generated ones go where they will.
        @example(
            people=2,
            walk=[
                (Action.AWAY, 1),
                (Action.ORDER_MODE, 0),
                (Action.START_PICKED, 0),
                (Action.START_TIMER, 0),
                (Action.PAUSE, 0),
            ],
        )
        @example(
            people=1,
            walk=[
                (Action.START_TIMER, 0),
                (Action.NEXT_SPEAKER, 0),
                (Action.CLOSE_ROUND, 0),
                (Action.SKIP_ROUND, 0),
                (Action.SKIP_ROUND, 0),
            ],
        )
        def footer_follows_the_circle(people, walk):
            # Unwatched, so the app does not redraw on each step: the keys are read live.
            circle = session.circle = circle_walk.rounds_circle(people)
            for step in [("wait", 0), *walk, (Action.START_ROUND, 0), *walk]:
                circle_walk.take(circle, step)
                assert footer(screen) == expected_footer(circle), step
                hidden = {key for key in HIDDEN_KEYS if key in enabled_keys(screen)}
                assert hidden == {key for key, a in HIDDEN_KEYS.items() if circle.can(a)}, step
                seen.update(circle.available())

        footer_follows_the_circle()
        # The walks reached every moment of the rounds the screen has keys for (fitting to
        # time needs a late circle, which the unit tests build).
        assert seen >= set(Action) - {Action.ACCEPT_FIT}, set(Action) - seen
        # And the bar draws that list once told the circle changed.
        screen.refresh_bindings()
        await pilot.pause()
        drawn = str(screen.query_one(KeysBar).render())
        wanted = expected_footer(session.circle)
        assert wanted and all(description in drawn for description in wanted)
