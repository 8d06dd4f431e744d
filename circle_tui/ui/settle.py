"""Boundaries need a deliberate press: a key held down never carries the circle across a
phase, a round or a round's end. Terminals send a held key as presses ~30 ms apart, which
would otherwise run through every card and round in front of the room."""

from __future__ import annotations

from collections.abc import Hashable

from circle_tui.core.clock import Clock
from circle_tui.session import Session

#: Presses of the key that crossed a boundary, arriving closer together than this, are taken
#: as the key still held (a terminal's key repeat is 20-50 ms; a fresh press takes longer).
SETTLE_SECONDS = 0.5


def place(session: Session) -> Hashable:
    """Where the circle is, as far as boundaries go: its phase, the round and whether it is
    open or complete, and whether the agreements have reached "Do we agree?". Moving from
    card to card or speaker to speaker stays in one place."""
    circle = session.circle
    if circle is None:
        return None
    rnd = circle.round
    return (
        circle.phase,
        circle.round_index,
        None if rnd is None else rnd.complete,
        circle.on_last_card,
        circle.care is not None,
    )


class HeldKeyGuard:
    """Absorbs a held key after it crossed a boundary, until the key is pressed afresh: a
    press of another key, or of the same key after a pause of SETTLE_SECONDS or more. Time
    is read from an injected monotonic clock, so tests control it."""

    def __init__(self, clock: Clock, settle: float = SETTLE_SECONDS) -> None:
        self.clock = clock
        self.settle = settle
        self._held: tuple[str, float] | None = None  # the key held, and its last press

    @property
    def waiting(self) -> bool:
        """A held key is being absorbed: the screen waits for a fresh press."""
        return self._held is not None

    def absorbs(self, key: str, now: float) -> bool:
        """Whether this press is the held key still held (then it is ignored)."""
        if self._held is None:
            return False
        held, last = self._held
        if key == held and now - last < self.settle:
            self._held = (key, now)  # still held: the settle time runs from this press
            return True
        self._held = None
        return False

    def crossed(self, key: str, now: float) -> None:
        """`key`, pressed at `now`, moved the circle across a boundary."""
        self._held = (key, now)
