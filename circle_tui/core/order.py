"""The four speaking-order modes: around the circle, popcorn, shuffle, fewest minutes first."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from enum import Enum

from circle_tui.i18n import N_, _

#: How each new round's start seat moves on (the `rotate_start` setting): not at all, one seat
#: on around the room, or one seat on with the direction turned as well; each with the words
#: the settings screen says it in.
ROTATION_WORDS = {
    "off": N_("the first seat, or the one chosen"),
    "next-seat": N_("one seat on each round"),
    "next-seat-and-direction": N_("one seat on, and the other way round"),
}
ROTATIONS = tuple(ROTATION_WORDS)


def rotated_start(room: Sequence[int], here: Sequence[int], last_start: int | None) -> int | None:
    """Who begins a round under rotation: the first person here after `last_start` (who began
    the last round around the circle), going on around the room as the seats are listed.
    `room` holds every seat ever given, in room order, so a seat whose person left still
    says where the rotation stands; None when there is nobody here to begin, or no last start."""
    if last_start not in room or not here:
        return None
    i = room.index(last_start)
    present = set(here)
    for seat in [*room[i + 1 :], *room[: i + 1]]:
        if seat in present:
            return seat
    return None


class OrderMode(Enum):
    AROUND = "around"  # around the circle from a start seat, in a direction
    POPCORN = "popcorn"  # the facilitator picks who is next from those still to speak
    SHUFFLE = "shuffle"
    FEWEST_MINUTES = "fewest-minutes"  # least airtime this session goes first

    @property
    def label(self) -> str:
        return {
            OrderMode.AROUND: _("around the circle"),
            OrderMode.POPCORN: _("popcorn"),
            OrderMode.SHUFFLE: _("shuffle"),
            OrderMode.FEWEST_MINUTES: _("fewest minutes first"),
        }[self]


def speaking_order(
    seats: Sequence[int],
    mode: OrderMode,
    *,
    start_seat: int | None = None,
    clockwise: bool = True,
    rng: random.Random | None = None,
    airtime: Mapping[int, float] | None = None,
) -> list[int]:
    """The order in which `seats` (given in room order) are invited to speak this round."""
    ordered = list(seats)
    if mode is OrderMode.AROUND:
        if not clockwise:
            ordered.reverse()
        if start_seat in ordered:
            i = ordered.index(start_seat)
            ordered = ordered[i:] + ordered[:i]
        return ordered
    if mode is OrderMode.SHUFFLE:
        (rng or random.Random()).shuffle(ordered)
        return ordered
    if mode is OrderMode.FEWEST_MINUTES:
        spoken = airtime or {}
        room = {seat: i for i, seat in enumerate(ordered)}
        return sorted(ordered, key=lambda seat: (spoken.get(seat, 0.0), room[seat]))
    return ordered  # popcorn: room order is only the order of the list to pick from
