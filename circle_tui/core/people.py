"""The people in the room, as seats; a name is optional and lives in memory only."""

from __future__ import annotations

from dataclasses import dataclass

from circle_tui.core.text import control_problem
from circle_tui.i18n import _

#: A typed name has at most this many characters: enough for a first name or a nickname (the
#: name fields stop there and say so).
MAX_NAME = 24


@dataclass
class Participant:
    """One seat in the circle. `name` is never stored anywhere but this object."""

    seat: int
    name: str | None = None
    newcomer: bool = False
    left: bool = False  # gone for the night (still counted as present)
    returning: bool = False  # here for the second time: a count, nothing about who
    out: bool = False  # stepped out for a while; keeps their seat and their count
    #: Their place around the circle now (1 = the first seat in room order); the Circle
    #: renumbers it when seats move or someone arrives late. 0: not placed yet.
    place: int = 0

    def __post_init__(self) -> None:
        if self.newcomer and self.returning:
            raise ValueError("a first-timer is not also here for the second time")

    @property
    def chair(self) -> int:
        """Their chair's number around the circle now, whatever order people arrived in: the
        room counts chairs, not arrivals (`seat` stays their arrival number, an id)."""
        return self.place or self.seat

    @property
    def seat_label(self) -> str:
        """ "Seat 3" for the person in the third chair around the circle."""
        return _("Seat {n}").format(n=self.chair)

    @property
    def label(self) -> str:
        return self.name or self.seat_label

    def phrase(self, named: str, unnamed: str) -> str:
        """A phrase about this person: `named` with `{who}`, the name, or `unnamed` with `{n}`,
        the seat's number, since languages put a seat after a word otherwise than a name:
        "after Ana" is "después de Ana", but "after Seat 6" is "después del asiento 6"."""
        if self.name:
            return _(named).format(who=self.name)
        return _(unnamed).format(n=self.chair)

    def __repr__(self) -> str:
        # Keep names out of reprs, which end up in tracebacks and logs.
        return (
            f"Participant(seat={self.seat}, newcomer={self.newcomer}, left={self.left}, "
            f"out={self.out})"
        )


class NameRefused(ValueError):
    """A typed name with a control or text-direction character; the message says which."""


def clean_name(text: str) -> str | None:
    """A typed name trimmed to something that fits a label; blank means no name.

    A control or text-direction character is refused (NameRefused), not quietly dropped: the
    facilitator sees what was wrong with what they typed or pasted, and nothing is counted."""
    problem = control_problem(text)
    if problem:
        raise NameRefused(problem)
    name = " ".join(text.split())[:MAX_NAME].rstrip()  # a cut may end on a space
    return name or None
