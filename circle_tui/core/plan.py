"""The session plan: its phases, its rounds, and the fit-to-time suggestion."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

#: Fit to time never suggests less than this per share: below a minute a share is not a share.
FIT_FLOOR_MINUTES = 1
#: A break starts at this length unless the settings say otherwise (`break_minutes`); the
#: facilitator adds or takes minutes as the room needs.
BREAK_MINUTES = 10


class Phase(Enum):
    ARRIVALS = "arrivals"
    OPENING = "opening"
    AGREEMENTS = "agreements"
    ROUNDS = "rounds"
    BREAK = "break"
    CLOSING = "closing"
    END = "end"


def fit_to_time(
    seconds_available: float, shares_left: int, floor_minutes: int = FIT_FLOOR_MINUTES
) -> int:
    """Whole minutes per share so that `shares_left` shares fit in `seconds_available`.

    Rounded down, so following the suggestion ends on time; never below `floor_minutes`.
    """
    if shares_left <= 0:
        raise ValueError("nobody left to fit")
    per_share = math.floor(max(0.0, seconds_available) / shares_left / 60)
    return max(floor_minutes, per_share)


#: A sharing round is never cut below this per share: less is not a share.
SHARING_FLOOR_MINUTES = 2


def floor_minutes(planned: int, closing: bool) -> int:
    """The shortest share fit to time suggests for a round: a minute for the closing round
    and short rounds (a check-in), else SHARING_FLOOR_MINUTES."""
    return FIT_FLOOR_MINUTES if closing else min(planned, SHARING_FLOOR_MINUTES)


@dataclass(frozen=True)
class RoundLoad:
    """One round still to come, for fit to time: its shares left and its limits."""

    planned: int  # minutes per share as planned now
    shares: int
    floor: int


@dataclass(frozen=True)
class Fit:
    """A fit-to-time suggestion: per-share minutes for each round still to come (the same
    order as the loads given), whether they end on time, and — when even the floors run
    late — which of the loads to skip or shorten instead."""

    minutes: tuple[int, ...]
    on_time: bool
    cut: int | None = None


def spread_cut(seconds_available: float, loads: list[RoundLoad]) -> Fit | None:
    """Spread the cut over every round still to come: one cap on the per-share limit, the
    largest that fits, never below a round's floor. None when the plan fits as it is.

    When even every floor runs late, `cut` names the round to skip or shorten: the last
    round with shares that is not at its floor already (in practice a sharing round)."""

    def need(limits: list[int]) -> float:
        return sum(m * 60 * load.shares for m, load in zip(limits, loads, strict=True))

    planned = [load.planned for load in loads]
    if need(planned) <= seconds_available:
        return None
    for cap in range(max(planned, default=0), 0, -1):
        limits = [max(load.floor, min(load.planned, cap)) for load in loads]
        if need(limits) <= seconds_available:
            return Fit(tuple(limits), True)
    floors = [load.floor for load in loads]
    cut = next(
        (i for i in range(len(loads) - 1, -1, -1) if loads[i].shares and loads[i].floor > 1),
        None,
    )
    return Fit(tuple(floors), False, cut)
