"""The room snapshot: a plain, versioned dict of what the whole room may see, and nothing else.

Built from the session at every change and sent to room views as one line of JSON; a room
view runs its own countdown from the timer in it. It never holds who passed, left or stepped
out, airtime, first-timer counts, warnings, settings, attendance or file paths."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from circle_tui import i18n
from circle_tui.core.plan import Phase
from circle_tui.i18n import _

if TYPE_CHECKING:
    from circle_tui.core.circle import Circle
    from circle_tui.session import Session

#: Bumped whenever a field changes meaning; a room view refuses any other version.
VERSION = 2
#: No snapshot comes near this (an agreement set is at most 256 KiB): a longer line is refused.
MAX_LINE = 1024 * 1024
#: Before the first circle of the night, and after the last one ended.
WAITING, ENDED = "waiting", "ended"
#: The care pause, at any moment of a circle (whatever the phase underneath).
PAUSE = "pause"


class RoomProtocolError(ValueError):
    """A line from the socket that is not a room snapshot this room view can show."""


def speaker_label(circle: Circle, seat: int | None, room_names: str) -> str | None:
    """The speaker as the room may see them: a typed name, the seat, or nobody."""
    if seat is None or room_names == "none":
        return None
    person = circle.participant(seat)
    return person.label if room_names == "name" else person.seat_label


def snapshot(session: Session) -> dict[str, Any]:
    settings, circle = session.settings, session.circle
    room: dict[str, Any] = {
        "version": VERSION,
        "language": i18n.current(),  # a room view speaks as the console does, even after a change
        "circle": settings.circle_name,
        "phase": (ENDED if session.circles_ended else WAITING) if circle is None else "",
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
        return room  # the agreement sets may not even be read yet: they are not needed
    room["phase"] = circle.phase.value
    texts = session.texts
    agreements = texts.agreements
    phase = circle.phase
    if circle.care is not None:  # the care pause: the whole circle stops together
        room["phase"] = PAUSE
        room["words"] = agreements.pause if agreements and agreements.pause else ""
        if circle.care.silence is not None:
            room["countdown"] = {"kind": "silence", "timer": circle.care.silence.to_dict()}
        if circle.care.resources:
            room["qr"] = {
                "feedback": None,
                "resources": _links(session)["resources"],
                "shown": "resources",
                "level": settings.qr_error_correction,
            }
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
                "name": spec.label,
                "prompt": spec.question,
                "number": circle.round_index + 1,
                "of": len(circle.plan),
                "minutes": spec.minutes,
                "started": circle.round is not None,
                "complete": circle.round is not None and circle.round.complete,
            }
        if circle.in_turn and circle.timer is not None:
            room["speaker"] = speaker_label(circle, circle.current, settings.room_names)
            room["timer"] = circle.timer.to_dict()
    elif phase is Phase.BREAK and circle.break_timer is not None:
        room["countdown"] = {"kind": "break", "timer": circle.break_timer.to_dict()}
    elif phase in (Phase.CLOSING, Phase.END):
        room["words"] = agreements.closing if agreements else ""
        room["qr"] = {
            **_links(session),
            "shown": circle.closing_code,
            "level": settings.qr_error_correction,
        }
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


def encode(room: dict[str, Any]) -> bytes:
    """One line of the socket's newline-delimited JSON."""
    return json.dumps(room, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def decode(line: bytes) -> dict[str, Any]:
    """A line from the socket as a snapshot; RoomProtocolError if it is none this view knows."""
    try:
        room = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise RoomProtocolError(_("a message that is not a room snapshot")) from None
    if not isinstance(room, dict) or not isinstance(room.get("phase"), str):
        raise RoomProtocolError(_("a message that is not a room snapshot"))
    if room.get("version") != VERSION:
        raise RoomProtocolError(
            _(
                "the console sends room snapshots of version {theirs}, this room "
                "view reads version {ours}: run the same circle-tui for both"
            ).format(theirs=repr(room.get("version")), ours=VERSION)
        )
    return room
