"""The moment a screen test needs, built through `Session` and `Circle`, then shown.

Reaching the first sharing turn by keys takes ~35 presses through five screens; building the
same state with the calls those keys make, then mounting only the screen it lands on, takes a
third of the time. Each builder makes the calls the facilitator's keys would, in the same
order, so a built state is the state the keys reach (the snapshots prove it: they did not
change when their walks became builds). A few full walks by key stay, on purpose: the
English and Spanish walks (tests/app/test_i18n_walk.py), the room view's and the tmux ones."""

from __future__ import annotations

from collections.abc import Callable

from circle_tui.core.circle import Circle
from circle_tui.core.clock import FakeClock
from circle_tui.core.plan import Phase
from circle_tui.session import Session


def arrived(session: Session, people: int = 5, newcomers: int = 1) -> Circle:
    """Home's enter, then `people` arrivals, the first-timers (n) after the others (+)."""
    circle = session.start()
    for i in range(people):
        circle.arrive(newcomer=i >= people - newcomers)
    return circle


def read_agreements(circle: Circle) -> None:
    """From the arrivals: on through the opening and every card (→) to the rounds."""
    circle.go_to(Phase.OPENING)
    circle.go_to(Phase.AGREEMENTS)
    while circle.phase is Phase.AGREEMENTS:
        if circle.on_last_card:
            circle.go_to(Phase.ROUNDS)
        else:
            circle.show_card(circle.card + 1)


def in_rounds(session: Session, people: int = 5, newcomers: int = 1) -> Circle:
    """The rounds screen before the first round, as `Facilitator.to_rounds` leaves it."""
    circle = arrived(session, people, newcomers)
    read_agreements(circle)
    return circle


def finish_round(session: Session, seconds_each: float = 40, limit: int = 60) -> None:
    """Enter until the round is complete, each turn `seconds_each` long, then enter to close
    it: `Facilitator.finish_round` without the keys."""
    circle = _circle(session)
    if circle.round is None:
        circle.start_round()
    for _ in range(limit):
        if circle.round is None or circle.round.complete:
            break
        if circle.timer is not None and circle.timer.started:
            _clock(session).advance(seconds_each)
        circle.next_speaker()
    circle.end_round()


def after_check_in(session: Session, seconds_each: float = 40) -> Circle:
    """Between rounds, the check-in done (each turn `seconds_each`), the first sharing round
    next: one enter starts it."""
    circle = in_rounds(session)
    finish_round(session, seconds_each)
    return circle


def in_closing_round(session: Session) -> Circle:
    """From the rounds screen: c and enter skip to the closing round, which is then held
    (the closing key's dialog answered yes)."""
    circle = _circle(session)
    circle.to_closing_round()
    finish_round(session)
    return circle


async def shown(pilot, build: Callable[[Session], object]) -> None:
    """Build the state on the running app and let its screen appear. Built once home has
    settled, as a facilitator starts a circle: a circle built before the app starts would
    leave a draft on disk that home offers to carry on."""
    app = pilot.app
    await pilot.pause()
    await app.workers.wait_for_complete()
    build(app.session)
    for _ in range(3):  # the phase screen, then its layout
        await pilot.pause()


def _circle(session: Session) -> Circle:
    assert session.circle is not None, "build a circle first"
    return session.circle


def _clock(session: Session) -> FakeClock:
    assert isinstance(session.clock, FakeClock), "built states run on a fake clock"
    return session.clock
