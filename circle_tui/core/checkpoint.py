"""The recovery checkpoint: where tonight's circle is, so "carry on" after a crash returns to
the same place. Seat numbers and their states only — never a name, never airtime."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from circle_tui.core.circle import Circle, CircleState, NextOrder
from circle_tui.core.order import OrderMode
from circle_tui.core.people import Participant
from circle_tui.core.plan import Phase
from circle_tui.core.rounds import Outcome, Round, RoundSpec
from circle_tui.core.timer import TurnTimer

VERSION = 1

#: The parts of the circle's undoable state (`CircleState`) a checkpoint leaves out: how long
#: each person spoke is theirs, never written (a carried-on circle starts its airtime anew).
LEFT_OUT = frozenset({"airtime"})


class CheckpointError(ValueError):
    """A checkpoint that cannot be used as it is (another version, a missing field...)."""


def _spec(spec: RoundSpec) -> dict[str, Any]:
    return {
        "name": spec.name,
        "minutes": spec.minutes,
        "prompt": spec.prompt,
        "closing": spec.closing,
        "untimed": spec.untimed,
    }


def _seat(person: Participant) -> dict[str, Any]:
    # Every field by hand, never vars(): a name must not reach this dict by a new field.
    return {
        "seat": person.seat,
        "newcomer": person.newcomer,
        "returning": person.returning,
        "out": person.out,
        "left": person.left,
    }


def checkpoint(circle: Circle, session_id: str) -> dict[str, Any]:
    """The circle's place as plain JSON. The phase shown under a care pause is kept (the
    pause itself is not: nothing about it is recorded)."""
    rnd = circle.round
    timer = circle.timer
    return {
        "version": VERSION,
        "session": session_id,
        "written": circle.wall_now().isoformat(timespec="seconds"),
        "phase": circle.phase.value,
        "card": circle.card,
        "plan": [_spec(spec) for spec in circle.plan],
        "round_index": circle.round_index,
        "seats": [_seat(p) for p in circle.participants],
        "adjust": [circle.present_adjust, circle.newcomer_adjust, circle.returning_adjust],
        "order": {
            "mode": circle.next_order.mode.value,
            "clockwise": circle.next_order.clockwise,
            "start_seat": circle.next_order.start_seat,
            "last_start": circle.last_start,
        },
        "round": None
        if rnd is None
        else {
            "spec": _spec(rnd.spec),
            "queue": list(rnd.queue),
            "current": rnd.current,
            "outcomes": [[seat, outcome.value] for seat, outcome in rnd.outcomes.items()],
            "offered_again": sorted(rnd.offered_again),
            "ended_early": rnd.ended_early,
            "popcorn": rnd.popcorn,
            "choosing": rnd.choosing,
            "pick": rnd.pick,
            "missed": list(rnd.missed),
            "away": sorted(rnd.away),
            "around": None if rnd.around is None else list(rnd.around),
        },
        "timer": None if timer is None else timer.to_dict(),
    }


def _read_spec(data: dict[str, Any]) -> RoundSpec:
    return RoundSpec(
        str(data["name"]),
        int(data["minutes"]),
        str(data["prompt"]),
        bool(data["closing"]),
        bool(data.get("untimed", False)),  # not in checkpoints written before untimed rounds
    )


def _seats(values: list[Any]) -> list[int]:
    return [int(seat) for seat in values]


def restore(circle: Circle, data: dict[str, Any]) -> None:
    """Put `circle` (fresh, with no one in it) where the checkpoint says it was. A turn that
    was running goes on, with the time since the checkpoint counted as spoken: the person
    kept talking while the laptop came back. CheckpointError if it cannot be read."""
    try:
        if data.get("version") != VERSION:
            raise CheckpointError(f"version {data.get('version')!r}")
        participants = [
            Participant(
                int(s["seat"]),
                None,
                bool(s["newcomer"]),
                left=bool(s["left"]),
                returning=bool(s["returning"]),
                out=bool(s["out"]),
            )
            for s in data["seats"]
        ]
        plan = [_read_spec(spec) for spec in data["plan"]]
        order = data["order"]
        start = order["start_seat"]
        next_order = NextOrder(
            OrderMode(order["mode"]),
            bool(order["clockwise"]),
            None if start is None else int(start),
        )
        last = order.get("last_start")  # not in checkpoints written before rotation
        last_start = None if last is None else int(last)
        phase = Phase(data["phase"])
        rnd = None
        if data["round"] is not None:
            r = data["round"]
            rnd = Round(
                _read_spec(r["spec"]),
                _seats(r["queue"]),
                current=None if r["current"] is None else int(r["current"]),
                outcomes={int(seat): Outcome(value) for seat, value in r["outcomes"]},
                offered_again=set(_seats(r["offered_again"])),
                ended_early=bool(r["ended_early"]),
                popcorn=bool(r["popcorn"]),
                choosing=bool(r["choosing"]),
                pick=int(r["pick"]),
                missed=_seats(r["missed"]),
                away=set(_seats(r["away"])),
                around=None if r["around"] is None else _seats(r["around"]),
            )
            if rnd.current is None and not rnd.choosing and rnd.queue:
                raise CheckpointError("a round with people waiting but nobody invited")
        timer = None
        if data["timer"] is not None:
            turn = dict(data["timer"])
            if turn["running"]:
                written = datetime.fromisoformat(data["written"])
                turn["elapsed"] = float(turn["elapsed"]) + max(
                    0.0, (circle.wall() - written).total_seconds()
                )
            timer = TurnTimer.from_dict(turn, circle.clock)
            timer.untimed = rnd is not None and rnd.spec.untimed
        present, newcomers, returning = (int(n) for n in data["adjust"])
        card = int(data["card"])
        round_index = int(data["round_index"])
    except (KeyError, TypeError, ValueError, IndexError) as err:
        raise CheckpointError(str(err)) from None
    circle.state = CircleState(
        plan,
        participants,
        present_adjust=present,
        newcomer_adjust=newcomers,
        returning_adjust=returning,
        round_index=min(round_index, len(plan)),
        round=rnd,
        timer=timer,
        next_order=next_order,
        last_start=last_start,
    )
    circle.renumber()
    circle.card = max(0, min(card, circle.agreement_cards - 1))
    circle.phase = Phase.ROUNDS if phase is Phase.BREAK else phase
    if phase is Phase.BREAK:
        circle.go_to(Phase.BREAK)  # a break starts again: its timer was not kept
