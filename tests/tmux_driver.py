"""Drive the real `circle-tui` command in tmux, as a facilitator at a keyboard would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest


def circle_tui_command() -> str:
    script = Path(sys.executable).parent / "circle-tui"
    return str(script) if script.exists() else f"{sys.executable} -m circle_tui"


class Terminal:
    def __init__(
        self, env: dict[str, str], width: int = 100, height: int = 30, args: str = ""
    ) -> None:
        if shutil.which("tmux") is None:
            if os.environ.get("CI"):
                raise RuntimeError("tmux is required for the end-to-end tests in CI")
            pytest.skip("tmux is not installed")
        self.socket = f"circle-tui-test-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}={v}" for k, v in env.items())
        # COLUMNS/LINES (set by some test plugins) would override the real terminal size.
        command = f"env -u COLUMNS -u LINES {exports} {circle_tui_command()} {args}; echo EXITED=$?; sleep 60"
        self._tmux("new-session", "-d", "-x", str(width), "-y", str(height), command)

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p")

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen()
            if text in shown:
                return shown
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} did not appear; the screen shows:\n{shown}")
            time.sleep(0.05)

    def key_and_wait(self, key: str, part=lambda screen: screen, timeout: float = 15.0) -> str:
        """Press `key` and wait until `part` of the screen shows its effect (it changes), so
        a busy machine never makes the next key land on the wrong screen. `part` leaves out
        what changes with time alone, such as a running countdown."""
        before = part(self.screen())
        self._tmux("send-keys", key)
        deadline = time.monotonic() + timeout
        while True:
            time.sleep(0.05)
            shown = self.screen()
            if part(shown) != before or time.monotonic() > deadline:
                return shown

    def keys(self, *keys: str, settle: float = 0.15) -> None:
        for key in keys:
            self._tmux("send-keys", key)
            time.sleep(settle)

    def app_pid(self) -> int:
        """The command's process: the child of the pane's shell."""
        shell = self._tmux("list-panes", "-F", "#{pane_pid}").strip()
        done = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True, check=True)
        return int(done.stdout.split()[0])

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def side_panel(screen: str) -> str:
    """The queue beside the timer (who is up next, who spoke): it moves with every turn."""
    return "\n".join(line.split("│", 1)[-1] for line in screen.splitlines() if "│" in line)


def until_round_complete(term: Terminal, limit: int = 30) -> None:
    """Enter, turn by turn, each after the last one showed, until the round is complete."""
    shown = term.screen()
    for _ in range(limit):
        if "This round is complete" in shown:
            return
        shown = term.key_and_wait("Enter", part=side_panel)
    term.wait_for("This round is complete")
