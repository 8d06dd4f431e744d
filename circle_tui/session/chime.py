"""Playing the gentle chime through the laptop's own player, without ever waiting for it;
when it sounds is core/chime.py's."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from circle_tui.core.chime import ChimeCues

if TYPE_CHECKING:
    from circle_tui.core.circle import Circle


def chime_file() -> Path:
    """The chime shipped in the package (made by assets/make_chime.py)."""
    return Path(str(resources.files("circle_tui") / "sounds" / "chime.wav"))


class Chime:
    """Plays the chime in the background: never blocking a key or a frame, and never twice
    at once (a moment while it still sounds passes in silence)."""

    def __init__(self, play: Callable[[Path], Callable[[], bool] | None] | None = None) -> None:
        from circle_tui import platform

        self._play = play or platform.play_sound
        self._playing: Callable[[], bool] | None = None
        self.cues = ChimeCues()

    def check(self, circle: Circle | None, when: str) -> None:
        """Look at the circle's countdowns and chime once if a moment came."""
        if self.cues.moments(circle, when):
            self.play()

    def play(self) -> bool:
        """Start the chime; False if it is still sounding or nothing here can play it."""
        if self._playing is not None and self._playing():
            return False
        try:
            self._playing = self._play(chime_file())
        except OSError:  # a player that fails to start is no reason to stop a circle
            self._playing = None
        return self._playing is not None
