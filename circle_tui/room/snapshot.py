"""The room snapshot: a plain, versioned dict of what the whole room may see, and nothing else.

Built from the session at every change and sent to room views; a room view runs its own
countdown from the timer in it. It never holds who passed, left or stepped out, airtime,
first-timer counts, warnings, settings, attendance or file paths."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from circle_tui.core.plan import Phase

if TYPE_CHECKING:
    from circle_tui.core.circle import Circle
    from circle_tui.session import Session

VERSION = 1


def speaker_label(circle: Circle, seat: int | None, room_names: str) -> str | None:
    """The speaker as the room may see them: a typed name, the seat, or nobody."""
    if seat is None or room_names == "none":
        return None
    person = circle.participant(seat)
    return person.label if room_names == "name" else f"Seat {person.seat}"


def snapshot(session: Session) -> dict[str, Any]:
    settings, texts, circle = session.settings, session.texts, session.circle
    room: dict[str, Any] = {
        "version": VERSION,
        "circle": settings.circle_name,
        "phase": "waiting" if circle is None else circle.phase.value,
        "title": "",
        "words": "",
        "card": None,
        "round": None,
        "speaker": None,
        "timer": None,
        "countdown": None,
        "qr": None,
    }
    if circle is None:
        return room
    agreements = texts.agreements
    phase = circle.phase
    if circle.care is not None:
        room["phase"] = "pause"
        room["words"] = agreements.pause if agreements and agreements.pause else ""
        if circle.care.silence is not None:
            room["countdown"] = {"kind": "silence", "timer": circle.care.silence.to_dict()}
        if circle.care.resources:
            room["qr"] = {"feedback": None, "resources": _links(session)["resources"]}
        return room
    if phase is Phase.OPENING:
        room["words"] = agreements.opening if agreements else ""
        if circle.silence is not None:
            room["countdown"] = {"kind": "silence", "timer": circle.silence.to_dict()}
    elif phase is Phase.AGREEMENTS:
        cards = texts.cards
        card = cards[min(circle.card, len(cards) - 1)]
        readers = circle.readers()
        room["title"] = agreements.title if agreements else ""
        room["card"] = {
            "heading": card.heading,
            "body": card.body,
            "number": circle.card + 1,
            "of": len(cards) - 1,
            "last": circle.on_last_card,
            "reading": speaker_label(circle, readers[0], settings.room_names) if readers else None,
        }
    elif phase is Phase.ROUNDS:
        spec = circle.round.spec if circle.round else circle.next_spec
        if spec is not None:
            room["round"] = {
                "name": spec.name,
                "prompt": spec.prompt,
                "number": circle.round_index + 1,
                "of": len(circle.plan),
                "minutes": spec.minutes,
                "started": circle.round is not None,
            }
        if circle.in_turn and circle.timer is not None:
            room["speaker"] = speaker_label(circle, circle.current, settings.room_names)
            room["timer"] = circle.timer.to_dict()
    elif phase is Phase.BREAK and circle.break_timer is not None:
        room["countdown"] = {"kind": "break", "timer": circle.break_timer.to_dict()}
    elif phase in (Phase.CLOSING, Phase.END):
        room["words"] = agreements.closing if agreements else ""
        room["qr"] = _links(session)
        if phase is Phase.CLOSING and circle.silence is not None:
            room["countdown"] = {"kind": "silence", "timer": circle.silence.to_dict()}
    return room


def _links(session: Session) -> dict[str, str | None]:
    """The codes the room may scan; a link that cannot be used is simply not shown there."""
    from circle_tui.core.qr import QRError

    settings, circle = session.settings, session.circle
    day = (circle.started_at if circle else session.wall()).date()
    links: dict[str, str | None] = {}
    for which, key in (("feedback", "feedback_url"), ("resources", "resources_url")):
        try:
            links[which] = settings.link(key, day).url if getattr(settings, key).strip() else None
        except QRError:
            links[which] = None
    return links
