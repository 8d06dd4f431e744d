"""Carry on after a real kill -9, through the real `circle-tui` command in tmux: the circle
comes back in round 2 with the leaver out of the queue, and no name is on disk."""

import os
import signal

import pytest

from tests.app.test_privacy import files_holding
from tests.support.tmux_driver import Terminal

pytestmark = pytest.mark.e2e


def test_kill_9_in_round_two_after_someone_left_then_c_lands_in_round_two(tmp_path, app_env):
    term = Terminal(app_env)
    try:
        term.wait_for("start today's circle")
        term.keys("Enter")
        term.wait_for("Arrivals")
        for _ in range(4):
            term.keys("+")
        term.keys("t")
        term.wait_for("first name or nickname")
        term._tmux("send-keys", "-l", "Zephyrine")
        term.keys("Enter")
        term.wait_for("Zephyrine: arrival counted")
        term.keys("Enter")
        term.wait_for("Opening")
        term.keys("Enter")
        term.wait_for("1 of 10")
        term.keys(*["Right"] * 10)
        term.wait_for("Do we agree?")
        term.keys("Right")
        term.wait_for("Next: check-in round")
        term.keys("Enter")  # round 1 starts …
        term.wait_for("waiting")
        term.keys("r", "Enter")  # … and is ended at once (confirmed)
        term.wait_for("Next: sharing round")
        term.keys("Enter")  # round 2
        term.wait_for("round 2 of 4")
        term.keys("Enter")  # Seat 1's timer starts
        term.keys("l")
        term.wait_for("Who?")
        term.keys("Down", "Down", "Enter")  # Seat 3 …
        term.wait_for("leaves for the night")
        term.keys("Down", "Enter")  # … leaves
        term.wait_for("left (still counted as present)")
        os.kill(term.app_pid(), signal.SIGKILL)
        term.wait_for("EXITED=")
    finally:
        term.close()

    again = Terminal(app_env)
    try:
        again.wait_for("An earlier session did not finish")
        again.keys("c")
        shown = again.wait_for("round 2 of 4")
        assert "now speaking" in shown and "Seat 1" in shown
        queue = shown.split("up next", 1)[1]
        assert "Seat 3" not in queue.split("spoken", 1)[0]  # the leaver is out of the queue
        assert "Seat 5" in queue  # Zephyrine, unnamed
    finally:
        again.close()
    assert files_holding([tmp_path], ["Zephyrine"]) == []
