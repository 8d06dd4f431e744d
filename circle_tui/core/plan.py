"""The session plan: its phases, its rounds, and the fit-to-time suggestion."""

from __future__ import annotations

import math
from enum import Enum

#: Fit to time never suggests less than this per share: below a minute a share is not a share.
FIT_FLOOR_MINUTES = 1
#: A break starts at this length; the facilitator adds or takes minutes as the room needs.
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
