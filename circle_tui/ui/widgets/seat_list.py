"""The seats in room order, one of them chosen: arranged to match where people really sit.

Shared by the arrivals screen and the seat editor between rounds: ↑/↓ choose a seat, [/]
move it around the circle, e renames it, f marks it as a first-timer."""

from __future__ import annotations

from rich.cells import cell_len
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from circle_tui.core.circle import Circle
from circle_tui.core.people import NameRefused
from circle_tui.i18n import N_, _
from circle_tui.ui.widgets.lines import ellipsized

SEAT_KEYS = [
    Binding("up", "choose_seat(-1)", N_("Choose a seat"), show=False, id="seat-up"),
    Binding("down", "choose_seat(1)", N_("Choose a seat"), show=False, id="seat-down"),
    Binding(
        "left_square_bracket",
        "move_seat(-1)",
        N_("Move earlier"),
        key_display="[",
        id="move-earlier",
    ),
    Binding(
        "right_square_bracket", "move_seat(1)", N_("Move later"), key_display="]", id="move-later"
    ),
    Binding(
        "e",
        "rename_seat",
        N_("Rename"),
        tooltip=N_("a first name or nickname, memory only"),
        id="rename",
    ),
    Binding("f", "toggle_first_timer", N_("First-timer mark"), id="first-timer-mark"),
]


def seat_tags(circle: Circle, seat: int) -> str:
    """What the facilitator's list says beside a seat (never shown to the room)."""
    person = circle.participant(seat)
    tags = [
        _("new") if person.newcomer else "",
        _("2nd visit") if person.returning else "",
        _("stepped out") if person.out else "",
        _("left") if person.left else "",
    ]
    return ", ".join(t for t in tags if t)


class SeatList(Static):
    """One line per seat, around the circle; the chosen one marked. A name too long for the
    line ends in `…` (by cell width) so its tags stay in sight and no line wraps."""

    DEFAULT_CSS = """
    SeatList { height: auto; text-wrap: nowrap; }
    """

    _shown: tuple[Circle, int | None] | None = None

    def show(self, circle: Circle, chosen: int | None) -> None:
        self._shown = (circle, chosen)
        width = self.content_size.width
        lines = []
        for i, person in enumerate(circle.participants, start=1):
            tags = seat_tags(circle, person.seat)
            start = f"{'▶' if person.seat == chosen else ' '} {i:>2}. "
            after = f"  ({tags})" if tags else ""
            room = width - cell_len(start) - cell_len(after) if width else cell_len(person.label)
            line = Content(start + ellipsized(person.label, max(room, 4)))
            if tags:
                line += Content.styled(after, "$text-muted")
            if person.seat == chosen:
                line = line.stylize("bold")
            lines.append(line)
        self.update(Content("\n").join(lines) if lines else Content(_("Nobody yet.")))

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)


class SeatEditing:
    """The seat keys' actions, for a screen with a `circle`, a SeatList and `chosen_seat`."""

    chosen_seat: int | None = None

    def seat_list_changed(self) -> None:
        """Redraw after a key: the screen shows the list again."""
        raise NotImplementedError

    def _seats(self) -> list[int]:
        return [p.seat for p in self.circle.participants]  # type: ignore[attr-defined]

    def action_choose_seat(self, step: int) -> None:
        seats = self._seats()
        if not seats:
            return
        i = seats.index(self.chosen_seat) if self.chosen_seat in seats else -1
        self.chosen_seat = seats[(i + step) % len(seats)] if i >= 0 else seats[-1]
        self.seat_list_changed()

    def _chosen(self) -> int | None:
        seats = self._seats()
        if self.chosen_seat not in seats:
            self.chosen_seat = seats[-1] if seats else None
        return self.chosen_seat

    def action_move_seat(self, step: int) -> None:
        seat = self._chosen()
        if seat is not None:
            self.circle.move_seat(seat, step)  # type: ignore[attr-defined]

    def action_toggle_first_timer(self) -> None:
        seat = self._chosen()
        if seat is not None:
            self.circle.toggle_newcomer(seat)  # type: ignore[attr-defined]

    def action_rename_seat(self) -> None:
        from circle_tui.ui.screens.confirm import NameScreen

        seat = self._chosen()
        if seat is None:
            return
        circle = self.circle  # type: ignore[attr-defined]
        person = circle.participant(seat)

        def named(name: str | None) -> None:
            if name is None:
                return
            try:
                circle.rename(seat, name)
            except NameRefused as err:  # a pasted control character: say so, keep the seat
                self.notify(  # type: ignore[attr-defined]  # the screen's, mixed in
                    _("Not renamed: the name has {problem}.").format(problem=err),
                    severity="warning",
                )

        self.app.push_screen(  # type: ignore[attr-defined]
            NameScreen(
                person.phrase(
                    N_("A name for {who} (memory only)"), N_("A name for Seat {n} (memory only)")
                ),
                person.name or "",
            ),
            named,
        )
