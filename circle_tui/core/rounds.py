"""Rounds: who speaks in what order, and how each turn ended."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Outcome(Enum):
    SHARED = "shared"
    PASSED = "passed"
    NOT_REACHED = "not reached"  # the facilitator ended the round before this turn


@dataclass(frozen=True)
class RoundSpec:
    """A planned round as the circle names it: a per-share limit, and an optional prompt
    (the question of the round, shown to the room). The closing round is held even when
    the facilitator goes to closing early."""

    name: str
    minutes: int
    prompt: str = ""
    closing: bool = False


@dataclass
class Round:
    """A round in progress.

    `queue` holds the seats still to be invited, `current` the seat whose turn it is.
    When the queue runs dry, everyone who passed and has not yet been offered again is
    invited once more; the round is complete when nobody is left to invite.
    """

    spec: RoundSpec
    queue: list[int]
    current: int | None = None
    outcomes: dict[int, Outcome] = field(default_factory=dict)
    offered_again: set[int] = field(default_factory=set)
    ended_early: bool = False

    def __post_init__(self) -> None:
        if self.current is None:
            self._invite_next()

    @property
    def complete(self) -> bool:
        return self.current is None

    @property
    def coming_back(self) -> bool:
        """The current invitation is the come-back offer to someone who passed."""
        return self.current is not None and self.current in self.offered_again

    def passers_waiting(self) -> list[int]:
        """Those who passed and will be offered the turn again at the round's end."""
        return [
            seat
            for seat, outcome in self.outcomes.items()
            if outcome is Outcome.PASSED and seat not in self.offered_again
        ]

    def still_to_speak(self) -> int:
        """Invitations still to come, the current one included."""
        return (self.current is not None) + len(self.queue) + len(self.passers_waiting())

    def finish_turn(self, outcome: Outcome) -> None:
        """Record how the current turn ended and invite the next person."""
        if self.current is None:
            return
        self.outcomes[self.current] = outcome
        self._invite_next()

    def pick_next(self, seat: int) -> bool:
        """Popcorn: move `seat` to the front of those still to speak."""
        if seat not in self.queue:
            return False
        self.queue.remove(seat)
        self.queue.insert(0, seat)
        return True

    def join(self, seat: int) -> None:
        """A late arrival joins the end of this round's queue."""
        if seat != self.current and seat not in self.queue:
            self.queue.append(seat)
            if self.current is None:
                self._invite_next()

    def leave(self, seat: int) -> bool:
        """Someone leaves: they are no longer invited. True if they were the current speaker."""
        if seat in self.queue:
            self.queue.remove(seat)
        self.offered_again.add(seat)
        if seat == self.current:
            self.current = None
            self._invite_next()
            return True
        return False

    def end_early(self) -> None:
        """Close the round now; anyone not reached is recorded as such."""
        for seat in ([self.current] if self.current is not None else []) + self.queue:
            self.outcomes[seat] = Outcome.NOT_REACHED
        self.queue.clear()
        self.current = None
        self.ended_early = True

    def _invite_next(self) -> None:
        if not self.queue:
            waiting = self.passers_waiting()
            self.offered_again.update(waiting)
            self.queue.extend(waiting)
        self.current = self.queue.pop(0) if self.queue else None
