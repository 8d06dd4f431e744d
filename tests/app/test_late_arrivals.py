"""Late arrivals speak at their seat, on the rounds screen as in the core."""

from circle_tui.core.plan import Phase
from circle_tui.ui.screens.rounds import RoundsScreen
from tests.app.test_held_keys import circle_of, until_shown
from tests.support.ui_support import make_app, screen_text


async def test_a_late_arrival_seated_after_the_current_speaker_is_shown_up_next(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        circle = await circle_of(pilot)
        circle.go_to(Phase.ROUNDS)
        circle.start_round()
        circle.next_speaker()
        circle.next_speaker()  # Seat 2 speaks
        await until_shown(pilot, RoundsScreen)
        await pilot.press("a")  # where do they sit? at the end, after Seat 1, after Seat 2 …
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert circle.up_next[0] == 6
        # In the third chair now: "Seat 3", up next; the one who was Seat 3 is Seat 4.
        queue = screen_text(app)
        assert queue.index("→ Seat 3") < queue.index("Seat 4")
