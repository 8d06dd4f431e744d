"""Rounds: who speaks in what order, and how each turn ended."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from circle_tui.i18n import N_, _


class Outcome(Enum):
    SHARED = "shared"
    PASSED = "passed"
    NOT_REACHED = "not reached"  # the facilitator ended the round before this turn


@dataclass(frozen=True)
class RoundSpec:
    """A planned round as the circle names it: a per-share limit, and an optional prompt
    (the question of the round, shown to the room). The closing round is held even when
    the facilitator goes to closing early. An untimed round's shares take as long as they
    take: no countdown, no cue; its minutes are only the estimate fit to time plans with."""

    name: str
    minutes: int
    prompt: str = ""
    closing: bool = False
    untimed: bool = False

    @property
    def label(self) -> str:
        """The name as shown: the default plan's words in the circle's language."""
        return _(self.name) if self.name in PLAN_WORDS else self.name

    @property
    def title(self) -> str:
        """`check-in round`, `ronda de entrada`; a name that already says "round" (as typed
        in the settings: "Opening round") is not given a second one."""
        label = self.label
        if _("round").casefold() in label.casefold().split():
            return label
        return _("{name} round").format(name=label)

    @property
    def question(self) -> str:
        """The prompt as shown: the default plan's in the circle's language."""
        return _(self.prompt) if self.prompt in PLAN_WORDS else self.prompt


#: The default plan's names and prompts (config.DEFAULT_ROUNDS), stored in English in the
#: settings and shown translated; what a facilitator typed is shown as typed.
PLAN_WORDS = (  # in order: `as_stored` takes the first whose translation matches
    N_("check-in"),
    N_("sharing"),
    N_("closing"),
    N_("What are you bringing to the circle tonight?"),
    N_("One word or a sentence you take with you."),
)


@dataclass
class Round:
    """A round in progress.

    `queue` holds the seats still to be invited in order, `current` the seat whose turn it
    is, `pick` which of the queue goes next (the facilitator may choose another than the
    first). In popcorn mode nobody speaks until the facilitator picks: `choosing`. Someone
    who stepped out when their turn came is `missed`. When the queue runs dry, everyone who
    passed, and everyone missed who is back, is invited once more; the round is complete
    when nobody is left to invite.
    """

    spec: RoundSpec
    queue: list[int]
    current: int | None = None
    outcomes: dict[int, Outcome] = field(default_factory=dict)
    offered_again: set[int] = field(default_factory=set)
    ended_early: bool = False
    popcorn: bool = False
    choosing: bool = False
    pick: int = 0
    missed: list[int] = field(default_factory=list)
    away: set[int] = field(default_factory=set)
    #: Around the circle: everyone's place in this round's order (late arrivals included),
    #: so that a late arrival whose seat is still ahead speaks when the circle reaches it.
    around: list[int] | None = None

    def __post_init__(self) -> None:
        for seat in [s for s in self.queue if s in self.away]:
            self.queue.remove(seat)
            self.missed.append(seat)
        if self.current is None:
            self._invite_next()

    @property
    def complete(self) -> bool:
        return self.current is None and not self.choosing

    @property
    def coming_back(self) -> bool:
        """The current invitation is the come-back offer (after a pass or a time out)."""
        return self.current is not None and self.current in self.offered_again

    @property
    def next_up(self) -> int | None:
        """Who is invited after the current turn (or picked, in popcorn)."""
        return self.queue[self.pick] if self.queue else None

    def passers_waiting(self) -> list[int]:
        """Those still to be offered the turn at the round's end: who passed, and who missed
        their turn while out of the room and is back."""
        passed = [
            seat
            for seat, outcome in self.outcomes.items()
            if outcome is Outcome.PASSED
            and seat not in self.offered_again
            and seat not in self.away
        ]
        back = [
            seat
            for seat in self.missed
            if seat not in self.away
            and seat not in self.outcomes
            and seat not in self.queue
            and seat != self.current
        ]
        return passed + back

    def still_to_speak(self) -> int:
        """Invitations still to come, the current one included."""
        return (self.current is not None) + len(self.queue) + len(self.passers_waiting())

    def finish_turn(self, outcome: Outcome) -> None:
        """Record how the current turn ended and invite the next person."""
        if self.current is None:
            return
        self.outcomes[self.current] = outcome
        self._invite_next()

    @property
    def can_choose(self) -> bool:
        """Someone can be chosen to go next: two or more waiting, or popcorn's pick to make."""
        return len(self.queue) > 1 or (self.choosing and bool(self.queue))

    def choose(self, step: int) -> bool:
        """Cycle who goes next through everyone still to speak (↑/↓)."""
        if not self.can_choose:
            return False
        self.pick = (self.pick + step) % len(self.queue)
        return True

    def pick_next(self, seat: int) -> bool:
        """Make `seat` the one who goes next."""
        if seat not in self.queue:
            return False
        self.pick = self.queue.index(seat)
        return True

    @property
    def can_start_picked(self) -> bool:
        """Popcorn, between turns, with someone still to speak."""
        return self.choosing and bool(self.queue)

    def start_picked(self) -> bool:
        """Popcorn: the picked person's turn begins."""
        if not self.can_start_picked:
            return False
        self.choosing = False
        self.current = self.queue.pop(self.pick)
        self.pick = 0
        return True

    def join(self, seat: int, after: int | None = None) -> None:
        """A late arrival joins this round. Around the circle, they take their place in the
        order just after seat `after` (None: at the order's end); if that place is still
        ahead of the turn, they speak when the circle reaches it, else at the round's end.
        In other orders, they join the end of the queue."""
        if seat == self.current or seat in self.queue:
            return
        if self.around is not None:
            order = self.around
            order.insert(order.index(after) + 1 if after in order else len(order), seat)
        place = self._place_ahead_in_circle(seat)
        self.queue.insert(len(self.queue) if place is None else place, seat)
        if self.complete:
            self._invite_next()

    def _reached(self, order: list[int]) -> int:
        """How far around the circle this round has got: the place of the current turn, or
        of the last one invited."""
        invited = [s for s in order if s in self.outcomes or s == self.current]
        return max((order.index(s) for s in invited), default=-1)

    def leave(self, seat: int) -> bool:
        """Someone leaves for the night: no longer invited. True if they were speaking."""
        self.away.discard(seat)
        if seat in self.missed:
            self.missed.remove(seat)
        self.offered_again.add(seat)
        return self._take_out(seat)

    def step_out(self, seat: int) -> bool:
        """Someone steps out: skipped while away, offered the turn at the end if it came.
        True if they were speaking."""
        self.away.add(seat)
        missed_now = seat in self.queue or seat == self.current
        was_current = self._take_out(seat)
        if missed_now:
            self.offered_again.discard(seat)  # a come-back offer they missed comes again
            if seat not in self.missed:
                self.missed.append(seat)
        return was_current

    def come_back(self, seat: int) -> None:
        """Back in the room before their turn came (around the circle, their place still
        ahead; in popcorn, any time before the end): back in the order, where they sit.
        A turn missed meanwhile is offered at the round's end (at once, if the round had
        already run out of people to invite)."""
        self.away.discard(seat)
        if seat in self.missed and seat not in self.outcomes and not self.complete:
            place = len(self.queue) if self.popcorn else self._place_ahead_in_circle(seat)
            if place is not None:
                self.missed.remove(seat)
                self.queue.insert(place, seat)
                if self.pick > 0 and place <= self.pick:
                    self.pick += 1  # whoever was chosen (↑/↓) to go next still goes next
                return
        if self.complete and seat in self.passers_waiting():
            self._invite_next()

    def _place_ahead_in_circle(self, seat: int) -> int | None:
        """Around the circle, where `seat` goes in the queue while the circle has not reached
        its place: before the first queued after it. None: the circle has passed it, or the
        round is not around the circle."""
        order = self.around
        if order is None or seat not in order or order.index(seat) <= self._reached(order):
            return None
        mine = order.index(seat)
        later = [i for i, s in enumerate(self.queue) if order.index(s) > mine]
        return later[0] if later else len(self.queue)

    def _take_out(self, seat: int) -> bool:
        if seat in self.queue:
            index = self.queue.index(seat)
            self.queue.remove(seat)
            if index < self.pick or self.pick >= len(self.queue):
                self.pick = max(0, self.pick - 1)
        if seat == self.current:
            self.current = None
            self._invite_next()
            return True
        if self.choosing and not self.queue:
            self._invite_next()  # nobody left to pick from: the come-back offers, or the end
        return False

    def end_early(self) -> None:
        """Close the round now; anyone not reached is recorded as such."""
        for seat in ([self.current] if self.current is not None else []) + self.queue:
            self.outcomes[seat] = Outcome.NOT_REACHED
        self.queue.clear()
        self.current = None
        self.choosing = False
        self.ended_early = True

    def _invite_next(self) -> None:
        if not self.queue:
            waiting = self.passers_waiting()
            self.offered_again.update(waiting)
            self.queue.extend(waiting)
            self.pick = 0
        if self.popcorn and self.queue:
            self.current, self.choosing = None, True
            return
        self.choosing = False
        self.current = self.queue.pop(min(self.pick, len(self.queue) - 1)) if self.queue else None
        self.pick = 0


def as_stored(text: str) -> str:
    """What a settings field's text is stored as: the default plan's English words when it
    reads as their translation (so the plan keeps following the circle's language), else the
    text as typed. The way back from `RoundSpec.label` and `RoundSpec.question`."""
    shown = text.strip()
    return next((word for word in PLAN_WORDS if shown and _(word) == shown), text)
