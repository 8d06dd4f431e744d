"""Screens hold no circle state, and the footer shows exactly the keys that work now."""

from __future__ import annotations

import pytest

from circle_tui.core.order import OrderMode
from circle_tui.ui.screens.rounds import RoundsScreen
from circle_tui.ui.widgets.keys_bar import KeysBar
from tests.support.scenario import Facilitator
from tests.support.ui_support import make_app


def between_text(app) -> str:
    return str(app.screen.query_one("#between").render())


async def test_order_choices_and_the_shown_panel_survive_a_break_the_help_and_a_resize(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        f = Facilitator(pilot)
        await f.to_rounds(people=5)
        await f.finish_round()
        # Between rounds: popcorn, back to around, start at seat 2, anticlockwise; show the
        # facilitator panel (passed, left, airtime), hidden at the start with no room view.
        assert not app.screen.query_one("#facilitator").display
        await f.press("o", "o", "o", "o", "right_square_bracket", "d", "h")
        circle = app.circle
        chosen = (circle.next_order.mode, circle.start_seat, circle.next_order.clockwise)
        assert chosen == (OrderMode.AROUND, 2, False)
        assert "from Seat 2, anticlockwise" in between_text(app)
        assert app.screen.query_one("#facilitator").display

        for detour in (("b", "enter"), ("question_mark", "escape")):
            await f.press(*detour)
            assert isinstance(app.screen, RoundsScreen)
            assert "from Seat 2, anticlockwise" in between_text(app), detour
            assert app.screen.query_one("#facilitator").display
        await pilot.resize_terminal(130, 40)
        await pilot.pause()
        assert "from Seat 2, anticlockwise" in between_text(app)
        await pilot.resize_terminal(100, 30)
        await f.press("o")  # popcorn
        await f.press("b", "enter")
        assert "Order: popcorn" in between_text(app)
        await f.press("o", "o", "o")  # around again
        await f.press("enter")
        assert [circle.current, *circle.up_next] == [2, 1, 5, 4, 3]


def footer(app) -> set[str]:
    """The descriptions the keys bar shows (keys that do not work now are not listed)."""
    bar = app.screen.query_one(KeysBar)
    shown = str(bar.render())
    descriptions = [description for _, description in bar.shown()]
    # As many keys as fit, whole and in order; the rest are in the help.
    drawn = [description for description in descriptions if description in shown]
    assert drawn and drawn == descriptions[: len(drawn)]
    return set(descriptions) - {"Quit", "Help"}


#: In every moment of a circle, the whole circle can pause together.
CARE = {"Care pause"}
SEATS = {"Move earlier", "Move later", "Rename", "First-timer mark"}
TURN = CARE | {
    "TV timer",
    "Next speaker",
    "Pause",
    "Pass",
    "+1 min",
    "-1 min",
    "Undo",
    "Late arrival",
    "Steps out or leaves",
    "End round",
}
BETWEEN = CARE | {
    "Start the round",
    "Order mode",
    "Direction",
    "Start seat back",
    "Start seat on",
    "Seats",
    "Skip this round",
    "One more round",
    "Break",
    "Go to closing",
    "Late arrival",
    "Steps out or leaves",
}


async def to_state(f: Facilitator, state: str) -> None:
    if state == "home":
        return
    if state == "arrivals":
        await f.press("enter", "plus")
        return
    if state == "agreements":
        await f.press("enter", "plus", "enter", "enter", "right")
        return
    await f.to_rounds(people=3)
    if state == "between rounds":
        return
    if state == "waiting":
        await f.press("enter")
    elif state == "turn":
        await f.press("enter", "enter")
    elif state == "paused":
        await f.press("enter", "enter", "space")
    elif state == "round complete":
        await f.finish_round()
        await f.press("enter", "enter", "enter", "enter", "enter")
    elif state == "break":
        await f.press("b")
    elif state == "closing":
        await f.skip_to_closing()
    elif state == "end":
        await f.skip_to_closing()
        await f.press("enter")


STATES = {
    "home": {"Start today's circle", "Attendance review", "Settings", "Privacy"},
    "arrivals": CARE
    | SEATS
    | {"Arrival", "First-timer", "Second visit", "Undo last", "Type a name", "Continue"},
    "agreements": CARE | {"Next", "Back", "Reader rotation"},
    # No undo yet (it never reaches back into the arrivals): ← goes back to the agreements.
    "between rounds": BETWEEN | {"Back to the agreements"},
    "waiting": CARE
    | {
        "Start the timer",
        "Pass",
        "Undo",
        "Late arrival",
        "Steps out or leaves",
        "End round",
        "TV timer",
    },
    "turn": TURN,
    "paused": TURN - {"Pause"} | {"Resume"},
    "round complete": CARE | {"Close the round", "Undo", "Late arrival", "Steps out or leaves"},
    "break": CARE | {"Back to the circle", "+1 min", "-1 min"},
    "closing": CARE | {"End the session", "Save QR as PNG"},
    "end": CARE | {"Choose count", "+1", "-1", "Save and finish", "Back to closing"},
}


@pytest.mark.parametrize("state", list(STATES))
async def test_the_footer_lists_exactly_the_keys_that_work_now(tmp_path, state):
    from circle_tui.settings import Settings

    settings = Settings(circle_name="Tuesday circle", feedback_url="https://forms.example.org/f")
    app = make_app(tmp_path, settings)
    async with app.run_test(size=(200, 30)) as pilot:  # wide: the footer shows every key
        f = Facilitator(pilot)
        await to_state(f, state)
        await pilot.pause()
        assert footer(app) == STATES[state]
