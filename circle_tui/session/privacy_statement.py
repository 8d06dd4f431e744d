"""The privacy statement: what is stored, where, what never is — for the screen and the CLI."""

from __future__ import annotations

from circle_tui.core.record import FIELDS
from circle_tui.i18n import N_, _, ngettext
from circle_tui.settings import Paths
from circle_tui.storage.attendance import set_aside_copies


def privacy_text(paths: Paths, room: str) -> str:
    """The privacy statement as Markdown, shared by the privacy screen and `circle-tui privacy`;
    `room` says how the room views are fed (room.address.described: the room is a layer
    above the session)."""
    from circle_tui.storage.checkpoint import checkpoint_files

    fields = ", ".join(FIELDS)
    aside = set_aside_copies(paths.data_dir)
    now = (
        ngettext("{n} there now", "{n} there now", len(aside)).format(n=len(aside))
        if aside
        else _("none there now")
    )
    checkpoints = checkpoint_files(paths.data_dir)
    recovery_now = (
        ngettext("{n} there now", "{n} there now", len(checkpoints)).format(n=len(checkpoints))
        if checkpoints
        else _("none there now")
    )
    return _(PRIVACY).format(
        recovery=f"`{paths.data_dir}/recovery-<session>.json`",
        recovery_now=recovery_now,
        fields=fields,
        attendance_file=paths.attendance_file,
        config_file=paths.config_file,
        now=now,
        room=room,
    )


#: The statement as Markdown, with its places to fill in.
PRIVACY = N_(
    """\
# Privacy

**What is stored:** one line per circle with only these fields: {fields}.
That is the date, the circle's name, start and end times, how many were present, how many
were there for the first time, and how many for the second time (`returning`: a count kept
with the `2` key on arrivals — nothing about who; empty for circles from before it was
counted).

**Where:** `{attendance_file}` (readable only by you), and your settings in
`{config_file}`. If the attendance file is ever found damaged, it is moved aside
unchanged, beside it, as `attendance.corrupt-<date and time>.json` ({now}); those copies
hold counts too.

**While a circle runs**, a recovery checkpoint beside it, {recovery} ({recovery_now}),
holds where the circle is, so that after a crash "carry on" returns to the same place: the
phase, the round plan, the round, each seat's number and state (spoken, passed, stepped
out, left, first-timer, here for the second time), the speaking order and the current
turn's time. Never a name and never airtime: seats come back unnamed. It is readable only
by you, and deleted when the circle ends or its unfinished session is settled.

**What is never stored, anywhere:** names (they live in memory during the circle and are
forgotten at the end or when the app quits), anything anyone says, speaking times; the
seat order and who passed only in the checkpoint above, while the circle runs. There is no place in the app to type what someone said.

**No network:** the app never connects to anything. The feedback QR code only *shows*
a link; the phone that scans it opens the link, not this laptop.

**The room view** (`circle-tui room`, on a second screen) is fed over {room} — never over
the network. It is sent what the whole room may see and nothing else: the circle's name, the
phase, the words read aloud, the agreement card, the round and its question, the speaker as
`room_names` says (a typed name, the seat, or nobody), the timer, and the QR links. Never
who passed, left or stepped out, airtime, first-timers, counts, settings or file paths.

**To erase all attendance data:** run `circle-tui privacy --erase`; it deletes the set-aside
copies and any recovery checkpoint as well.
"""
)
