"""Fit to time on the rounds screen: f never touches the turn under way."""

from circle_tui.core.plan import Phase
from circle_tui.ui.screens.rounds import RoundsScreen
from tests.app.test_held_keys import circle_of, until_shown
from tests.support.ui_support import make_app, screen_text


async def test_f_two_seconds_into_a_share_leaves_her_timer_and_says_from_the_next_speaker(
    tmp_path,
):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        circle = await circle_of(pilot, people=10)
        circle.go_to(Phase.ROUNDS)
        circle.skip_next_round()  # straight to a 5-minute sharing round
        app.session.clock.advance(40 * 60)  # 80 min left of the 2 hours: 3 min shares fit
        circle.start_round()
        circle.next_speaker()
        app.session.clock.advance(2)
        await until_shown(pilot, RoundsScreen)
        await pilot.pause()
        app.screen.tick()
        await pilot.pause()
        assert "from the next speaker" in screen_text(app)
        await pilot.press("f")
        await pilot.pause()
        assert circle.timer.remaining() == 298
        assert "min each from the next speaker on" in screen_text(app)
        assert circle.round.spec.minutes < 5  # the next speakers' limit
