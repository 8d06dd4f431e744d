"""The same whole circle as the Pilot test, through the real `circle-tui` command in tmux."""

import time
from pathlib import Path

import pytest

from circle_tui.storage.attendance import AttendanceLog
from circle_tui.storage.lock import WriterLock
from tests.support.disks import own_disk, read_only
from tests.support.tmux_driver import Terminal, until_round_complete

pytestmark = pytest.mark.e2e


@pytest.fixture
def terminal(app_env):
    term = Terminal(app_env)
    yield term
    term.close()


def test_a_whole_circle_through_the_real_command(terminal, isolated_dirs):
    t = terminal
    t.wait_for("start today's circle")
    t.keys("Enter")
    t.wait_for("Arrivals")
    t.keys("+", "+", "=", "+", "+", "n", "n")
    t.wait_for("Seat 7  (new)")
    t.keys("Enter")
    t.wait_for("Opening")
    t.keys("Enter")
    t.wait_for("1 of 10")
    t.keys(*["Right"] * 10)
    t.wait_for("Do we agree?")
    t.keys("Enter")
    t.wait_for("Next: check-in round")

    # Check-in with one pass and its come-back.
    t.keys("Enter")
    t.wait_for("waiting — press enter to start the timer")
    t.keys("Enter", "Enter", "p")
    t.wait_for("passed — the turn moves on")  # not who: the panel starts hidden (room_safe)
    t.keys(*["Enter"] * 5)
    t.wait_for("coming back to")
    until_round_complete(t)
    t.keys("Enter")
    t.wait_for("Next: sharing round")

    # Sharing: a late arrival, pause, +1 min, undo, someone leaves.
    t.keys("Enter", "Enter", "a")
    t.wait_for("Where do they sit?")
    t.keys("Enter")
    t.wait_for("Seat 8: late arrival")
    t.keys("Space")
    t.wait_for("paused — space to resume")
    t.keys("Space", "+")
    t.wait_for("+1 minute for this turn")
    t.keys("BSpace")
    t.wait_for("undone: +1 min")
    t.keys("l")
    t.wait_for("Who?")
    t.keys("Down", "Down", "Enter")
    t.wait_for("leaves for the night")
    t.keys("Down", "Enter")
    t.wait_for("someone left (still counted as present)")  # not who: the panel is hidden
    until_round_complete(t)
    t.keys("Enter")

    # A second sharing round ended early, then the closing round.
    t.wait_for("Next: sharing round")
    t.keys("Enter", "Enter", "Enter", "r")
    t.wait_for("End this round now?")
    t.keys("Enter")
    t.wait_for("Next: closing round")
    t.keys("Enter", "Enter")
    until_round_complete(t)
    t.keys("Enter")
    t.wait_for("All rounds are done")
    t.keys("Enter")
    t.wait_for("Closing")
    t.keys("Enter")
    t.wait_for("8 present, 2 new — no names, nothing said.")
    t.keys("Enter")
    t.wait_for("Saved: 8 present, 2 new")
    t.keys("C-q")
    t.wait_for("EXITED=0")

    (saved,) = AttendanceLog.read_only(isolated_dirs["data"]).records()
    assert (saved.present, saved.newcomers, saved.status) == (8, 2, "complete")


def test_a_second_instance_is_refused_with_a_clear_message(terminal, app_env):
    terminal.wait_for("start today's circle")
    second = Terminal(app_env)
    try:
        shown = second.wait_for("EXITED=2")
        assert "circle-tui is already running" in shown.replace("\n", " ")
    finally:
        second.close()


def test_a_terminal_too_small_gets_a_message_not_a_clipped_screen(app_env):
    small = Terminal(app_env, width=60, height=16)
    try:
        small.wait_for("too small")
    finally:
        small.close()


def test_a_read_only_data_dir_runs_the_circle_and_quitting_prints_the_counts(
    isolated_dirs, app_env
):
    with own_disk(isolated_dirs["data"]), read_only(isolated_dirs["data"]):
        term = Terminal(app_env, height=40)
        try:
            term.wait_for("The data folder cannot be written")
            term.keys("Enter")
            term.wait_for("start today's circle")
            term.keys("Enter")
            term.wait_for("Arrivals")
            for key in ("+", "+", "n"):
                term.key_and_wait(key)
            term.keys("C-q")
            term.wait_for("Quit without saving the counts?")
            term.keys("Enter")
            shown = term.wait_for("EXITED=1")  # a failure: the counts are not on disk
        finally:
            term.close()
    flat = " ".join(shown.split())
    assert "circle-tui could not save tonight's attendance counts" in flat
    assert "3 present, 1 first-timer " in flat and '"present": 3' in flat
    assert "Traceback" not in shown


def test_the_terminal_closing_ends_the_app_at_once_with_the_counts_on_disk(terminal, isolated_dirs):
    t = terminal
    t.wait_for("start today's circle")
    t.keys("Enter")
    t.wait_for("Arrivals")
    for key in ("+", "+", "n"):
        t.key_and_wait(key)
    pid = t.app_pid()
    t.close()  # the window closes: SIGHUP
    deadline = time.monotonic() + 20  # a hang guard: one that ignored SIGHUP would live on
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not Path(f"/proc/{pid}").exists(), "the app outlived its terminal"
    (saved,) = AttendanceLog.read_only(isolated_dirs["data"]).records()
    assert (saved.present, saved.newcomers, saved.status) == (3, 1, "in_progress")
    WriterLock(isolated_dirs["data"]).acquire()  # nothing holds the data dir
