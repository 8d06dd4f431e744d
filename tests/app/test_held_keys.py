"""Boundaries need a deliberate press: a key held down (presses ~30 ms apart on the key
clock) never crosses a phase, a round or a round's end; a fresh press does."""

from circle_tui.core.plan import Phase
from circle_tui.ui.screens.agreements import AgreementsScreen
from circle_tui.ui.screens.rounds import RoundsScreen
from circle_tui.ui.settle import HeldKeyGuard
from tests.support.ui_support import make_app, screen_text, until_shown

HELD = 0.03  # a terminal's key repeat
FRESH = 1.0  # a facilitator's deliberate press


async def hold(pilot, key: str, times: int) -> None:
    """`key` held down: `times` presses, HELD seconds apart on the app's key clock."""
    pilot.app.held_keys.clock.step = HELD
    for _ in range(times):
        await pilot.press(key)
    await pilot.pause()
    pilot.app.held_keys.clock.step = FRESH


async def circle_of(pilot, people: int = 5):
    """Tonight's circle with `people` counted in, its arrivals screen shown."""
    from circle_tui.ui.screens.arrivals import ArrivalsScreen

    circle = pilot.app.session.start()
    for _ in range(people):
        circle.arrive()
    await until_shown(pilot, ArrivalsScreen)
    await pilot.pause()
    return circle


def test_the_guard_absorbs_only_the_same_key_within_the_settle_time():
    guard = HeldKeyGuard(clock=None, settle=0.5)  # type: ignore[arg-type]
    guard.crossed("enter", 10.0)
    assert guard.absorbs("enter", 10.03) and guard.absorbs("enter", 10.5)  # 0.47 s apart
    assert guard.waiting
    assert not guard.absorbs("enter", 11.1)  # let go, pressed again
    assert not guard.waiting
    guard.crossed("enter", 20.0)
    assert not guard.absorbs("right", 20.03)  # another key is a fresh press
    assert not guard.absorbs("enter", 20.06)


async def test_twenty_held_enters_stay_within_round_one(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        circle = await circle_of(pilot)
        circle.go_to(Phase.ROUNDS)
        circle.start_round()
        circle.next_speaker()  # the first turn's timer runs
        await until_shown(pilot, RoundsScreen)
        await hold(pilot, "enter", 20)
        assert circle.round_index == 0
        assert circle.round is not None and circle.round.complete
        await pilot.pause(0.1)
        # The screen says that it waits for a fresh press (a toast, once per hold).
        assert [n.message for n in app._notifications if "Key held" in n.message] == [
            "Key held: let go, then press it again to go on."
        ]
        await pilot.press("enter")  # a fresh press closes the round
        await pilot.pause()
        assert circle.round is None and circle.round_index == 1


async def test_a_held_enter_between_rounds_starts_the_round_and_no_more(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        circle = await circle_of(pilot)
        circle.go_to(Phase.ROUNDS)
        await until_shown(pilot, RoundsScreen)
        await hold(pilot, "enter", 20)
        assert circle.round is not None and circle.round_index == 0
        assert circle.timer is not None and not circle.timer.started  # waits for a fresh enter


async def test_thirty_held_rights_stop_at_do_we_agree(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        circle = await circle_of(pilot)
        circle.go_to(Phase.AGREEMENTS)
        await until_shown(pilot, AgreementsScreen)
        await hold(pilot, "right", 30)
        assert circle.phase is Phase.AGREEMENTS and circle.on_last_card
        assert "Do we agree?" in screen_text(app)
        await pilot.press("right")  # a fresh press: on to the rounds
        await until_shown(pilot, RoundsScreen)


async def test_left_before_the_first_round_returns_to_the_agreements(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        circle = await circle_of(pilot)
        circle.go_to(Phase.AGREEMENTS)
        circle.show_card(circle.agreement_cards - 1)
        await until_shown(pilot, AgreementsScreen)
        await pilot.press("enter")
        await until_shown(pilot, RoundsScreen)
        await pilot.pause()
        assert "Back to the agreements" in screen_text(app)  # the footer says what ← does
        await pilot.press("left")
        await until_shown(pilot, AgreementsScreen)
        assert circle.on_last_card  # back at "Do we agree?"
        await pilot.press("enter")
        await until_shown(pilot, RoundsScreen)
        await pilot.press("enter")  # the first round starts: ← is undo from now on
        await pilot.pause()
        await pilot.press("left")  # undoes the start: still on the rounds screen
        await pilot.pause()
        assert isinstance(app.screen, RoundsScreen) and circle.round is None


async def test_backspace_once_a_round_has_run_stays_on_the_rounds_screen(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        circle = await circle_of(pilot)
        circle.go_to(Phase.ROUNDS)
        circle.start_round()
        circle.end_round()
        circle.forget_names()  # nothing left to undo
        await until_shown(pilot, RoundsScreen)
        await pilot.press("backspace")
        await pilot.pause()
        assert isinstance(app.screen, RoundsScreen)


async def test_the_palette_offers_the_agreements_before_the_first_round(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        circle = await circle_of(pilot)
        circle.go_to(Phase.ROUNDS)
        await until_shown(pilot, RoundsScreen)
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Back to the agreements" in titles
        circle.start_round()
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Back to the agreements" not in titles
