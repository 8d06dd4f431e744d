"""A circle as it is practised, through the real `circle-tui` command in tmux."""

import pytest

from circle_tui.storage.attendance import AttendanceLog
from tests.support.tmux_driver import Terminal, until_round_complete

pytestmark = pytest.mark.e2e

PLAN = """\
[[round]]
name = "grounding"
minutes = 1
prompt = "How are you arriving tonight?"

[[round]]
name = "sharing"
minutes = 5

[[round]]
name = "integration"
minutes = 3
prompt = "What are you taking into the week?"

[[round]]
name = "closing"
minutes = 1
prompt = "One word to close."
closing = true
"""


def test_care_pause_stepping_out_seats_prompts_and_a_held_closing_round(isolated_dirs, app_env):
    isolated_dirs["config"].parent.mkdir(parents=True)
    isolated_dirs["config"].write_text(PLAN, encoding="utf-8")
    t = Terminal(app_env, width=110, height=34)
    try:
        t.wait_for("start today's circle")
        t.keys("Enter")
        t.wait_for("Arrivals")
        t.keys("+", "+", "+", "n")
        t.wait_for("4. Seat 4  (new)")
        # The first-timer sits between the first two in the room: in the second chair, so
        # "Seat 2" (labels follow the room, not the order of arrival).
        t.keys("[", "[")
        t.wait_for("2. Seat 2  (new)")
        t.keys("Enter")
        t.wait_for("Opening")
        t.keys("Enter")
        t.wait_for("1 of 10")
        t.keys(*["Right"] * 10)
        t.wait_for("Do we agree?")
        t.keys("Enter")
        t.wait_for("How are you arriving tonight?")  # the first round's prompt

        # Grounding round in room order, with a care pause mid-turn.
        t.keys("Enter")
        t.wait_for("waiting — press enter")
        t.keys("Enter")
        t.wait_for("running")
        t.keys("g")
        t.wait_for("A pause")
        t.keys("Enter")
        t.wait_for("now speaking")
        shown = t.screen()
        assert "running" in shown or "left" in shown
        # Seat 4 steps out before their turn, and comes back.
        t.keys("l")
        t.wait_for("Who?")
        t.keys("Down", "Enter")
        t.wait_for("steps out, may come back")
        t.keys("Enter")
        t.wait_for("someone stepped out")  # not who: the facilitator's panel is hidden
        t.keys("k")
        t.wait_for("Who came back?")
        t.keys("Enter")
        t.wait_for("someone is back")
        until_round_complete(t)
        t.keys("Enter")

        # Skip the sharing round, add one more integration round.
        t.wait_for("Next: sharing round")
        t.keys("s")
        t.wait_for("Next: integration round")
        t.keys("m")
        t.wait_for("The 3 rounds left")
        t.keys("Enter", "Enter")
        t.wait_for("What are you taking into the week?")
        until_round_complete(t)
        t.keys("Enter")
        # Going to closing now still holds the closing round.
        t.wait_for("Next: integration round")
        t.keys("c")
        t.wait_for("Go to the closing round now?")
        t.keys("Enter")
        t.wait_for("Next: closing round")
        t.keys("Enter", "Enter")
        t.wait_for("One word to close.")
        until_round_complete(t)
        t.keys("Enter")
        t.wait_for("All rounds are done")
        t.keys("Enter")
        t.wait_for("Closing")
        t.keys("Enter")
        t.wait_for("4 present, 1 new — no names, nothing said.")
        t.keys("Enter")
        t.wait_for("Saved: 4 present, 1 new")
        t.keys("C-q")
        t.wait_for("EXITED=0")
    finally:
        t.close()
    (saved,) = AttendanceLog.read_only(isolated_dirs["data"]).records()
    assert (saved.present, saved.newcomers, saved.status) == (4, 1, "complete")
