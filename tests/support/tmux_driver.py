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
        self._send(key)
        deadline = time.monotonic() + timeout
        while True:
            time.sleep(0.05)
            shown = self.screen()
            if part(shown) != before:
                return shown
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{key!r} changed nothing in {timeout} s; the screen:\n{shown}"
                )

    def keys(self, *keys: str, settle: float = 0.15) -> None:
        for key in keys:
            self._send(key)
            time.sleep(settle)

    _last: tuple[str, float] = ("", 0.0)

    def _send(self, key: str) -> None:
        """Press `key` as a facilitator does: the same key twice is two deliberate presses,
        never a held key (which the app absorbs after a boundary, SETTLE_SECONDS)."""
        self.wait_to_press(key)
        self._tmux("send-keys", key)
        self._last = (key, time.monotonic())

    def wait_to_press(self, key: str) -> None:
        """Wait until pressing `key` again would be a fresh press."""
        from circle_tui.ui.settle import SETTLE_SECONDS

        last, at = self._last
        if key == last:
            time.sleep(max(0.0, at + SETTLE_SECONDS + 0.1 - time.monotonic()))

    def app_pid(self) -> int:
        """The command's process: the child of the pane's shell."""
        shell = self._tmux("list-panes", "-F", "#{pane_pid}").strip()
        done = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True, check=True)
        return int(done.stdout.split()[0])

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)

    def image(self):
        """The pane as pixels (see `pane_image`)."""
        size = self._tmux("display-message", "-p", "#{pane_width} #{pane_height}").split()
        return pane_image(self._tmux("capture-pane", "-p", "-e"), int(size[0]), int(size[1]))


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


# -- what the pane shows, as pixels --------------------------------------------------------------
_SGR = __import__("re").compile(r"\x1b\[([0-9;]*)m")
CELL_W, CELL_H = 4, 8  # pixels per cell: a terminal cell is about twice as tall as wide


def _xterm_rgb(n: int) -> tuple[int, int, int]:
    """The 256-colour palette as xterm draws it."""
    basic = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205)]
    basic += [(0, 205, 205), (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0)]
    basic += [(255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)]
    if n < 16:
        return basic[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return steps[n // 36], steps[n // 6 % 6], steps[n % 6]
    level = 8 + 10 * (n - 232)
    return level, level, level


def _apply_sgr(params: list[int], fg, bg):
    i = 0
    while i < len(params):
        p = params[i]
        if p == 0:
            fg, bg = None, None
        elif p in (38, 48) and i + 1 < len(params):
            if params[i + 1] == 5:
                colour, i = _xterm_rgb(params[i + 2]), i + 2
            else:
                colour, i = tuple(params[i + 2 : i + 5]), i + 4
            fg, bg = (colour, bg) if p == 38 else (fg, colour)
        elif p == 39:
            fg = None
        elif p == 49:
            bg = None
        elif 30 <= p <= 37 or 90 <= p <= 97:
            fg = _xterm_rgb(p - 30 if p < 90 else p - 90 + 8)
        elif 40 <= p <= 47 or 100 <= p <= 107:
            bg = _xterm_rgb(p - 40 if p < 100 else p - 100 + 8)
        i += 1
    return fg, bg


def pane_image(ansi: str, width: int, height: int):
    """Render `tmux capture-pane -e` output cell by cell (block characters exactly, any other
    character as its background), so a test sees what a phone pointed at the screen sees.
    The terminal's default colours are taken as a dark theme's: light text on black."""
    from PIL import Image

    image = Image.new("L", (width * CELL_W, height * CELL_H), 0)
    pixels = image.load()

    def luma(colour, default: int) -> int:
        if colour is None:
            return default
        r, g, b = colour
        return round(0.299 * r + 0.587 * g + 0.114 * b)

    for y, line in enumerate(ansi.split("\n")[:height]):
        fg = bg = None
        x = 0
        pos = 0
        while pos < len(line) and x < width:
            found = _SGR.match(line, pos)
            if found:
                params = [int(p) for p in found.group(1).split(";") if p] or [0]
                fg, bg = _apply_sgr(params, fg, bg)
                pos = found.end()
                continue
            char = line[pos]
            pos += 1
            top = bottom = luma(bg, 0)
            if char == "█":
                top = bottom = luma(fg, 255)
            elif char == "▀":
                top = luma(fg, 255)
            elif char == "▄":
                bottom = luma(fg, 255)
            for dy in range(CELL_H):
                shade = top if dy < CELL_H // 2 else bottom
                for dx in range(CELL_W):
                    pixels[x * CELL_W + dx, y * CELL_H + dy] = shade
            x += 1
    return image
