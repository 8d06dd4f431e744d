"""Arrivals: one key per person, another for a first-timer; names optional and in memory only."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Digits, Input, Static

from circle_tui.core.circle import Action
from circle_tui.core.people import MAX_NAME, NameRefused, clean_name
from circle_tui.core.plan import Phase
from circle_tui.i18n import N_, _
from circle_tui.ui.keys import keyed
from circle_tui.ui.screens.base import PhaseScreen
from circle_tui.ui.widgets.keys_bar import KeysBar
from circle_tui.ui.widgets.seat_list import SEAT_KEYS, SeatEditing, SeatList
from circle_tui.ui.widgets.text_field import TextField
from circle_tui.ui.widgets.title_bar import TitleBar


class ArrivalsScreen(SeatEditing, PhaseScreen):
    phase = Phase.ARRIVALS
    # The key that moves on first: the footer shows keys in this order, as many as fit, and
    # at 80 columns in Spanish "intro Continuar" had been the one left out.
    BINDINGS = [
        Binding("enter", "continue", N_("Continue"), id="continue"),
        Binding("plus,equals_sign", "arrive", N_("Arrival"), key_display="+", id="arrive"),
        Binding("n", "arrive(True)", N_("First-timer"), id="first-timer"),
        Binding(
            "2",
            "arrive(False, None, True)",
            N_("Second visit"),
            tooltip=N_("someone here for the second time: counted, nothing about who"),
            id="second-visit",
        ),
        Binding("minus", "undo", N_("Undo last"), key_display="-", id="undo"),
        Binding("t", "type_name", N_("Type a name"), id="type-name"),
        Binding("escape", "cancel_name", N_("Cancel the name"), id="cancel-name"),
        *SEAT_KEYS,
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="arrivals"):
            yield Static(_("Arrivals"), classes="title")
            yield Static(
                _(
                    "Press + as each person arrives, n for someone here for the first time, "
                    "2 for a second visit."
                ),
                classes="subtitle",
            )
            with Horizontal(id="counts"):
                with Vertical(classes="count"):
                    yield Digits("0", id="present")
                    yield Static(_("present"), classes="count-label")
                with Vertical(classes="count"):
                    yield Digits("0", id="newcomers")
                    yield Static(_("first-timers"), classes="count-label")
                with Vertical(classes="count"):
                    yield Digits("0", id="returning")
                    yield Static(_("second visits"), classes="count-label")
            with VerticalScroll(id="seats"):
                yield SeatList(id="seat-list")
            yield TextField(
                placeholder=keyed(
                    _(
                        "first name or nickname for the next arrival — {enter} adds, {escape} cancels"
                    )
                ),
                id="name",
                max_length=MAX_NAME,
                show_limit=True,
            )
            yield Static("", id="last-action", classes="hint")
        yield KeysBar()

    def on_mount(self) -> None:
        self.query_one("#name", Input).display = False

    @property
    def typing(self) -> bool:
        field = self.query("#name")
        return bool(field) and bool(field.first().display)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        circle = self.session.circle
        if circle is None:
            return True
        if self.typing:  # the keys go to the name field; only enter and escape act
            return action == "cancel_name"
        if action == "cancel_name":
            return False
        if action == "undo":
            return circle.can(Action.UNDO)
        if action in ("choose_seat", "move_seat", "rename_seat", "toggle_first_timer"):
            return bool(circle.participants)
        return True

    def refresh_view(self) -> None:
        counts = self.circle.counts()
        self.query_one("#present", Digits).update(str(counts.present))
        self.query_one("#newcomers", Digits).update(str(counts.newcomers))
        self.query_one("#returning", Digits).update(str(counts.returning))
        self.seat_list_changed()

    def seat_list_changed(self) -> None:
        seat_list = self.query_one(SeatList)
        seat_list.show(self.circle, self._chosen())
        self.after_refresh(self._show_chosen)

    def _show_chosen(self) -> None:
        """Keep the chosen seat in sight when the list is longer than the room for it."""
        seats = self._seats()
        if self.chosen_seat not in seats:
            return
        line = seats.index(self.chosen_seat)
        scroll = self.query_one("#seats", VerticalScroll)
        if line < scroll.scroll_y:
            scroll.scroll_to(y=line, animate=False)
        elif line >= scroll.scroll_y + scroll.size.height:
            scroll.scroll_to(y=line - scroll.size.height + 1, animate=False)

    def said(self, text: str) -> None:
        self.query_one("#last-action", Static).update(Content(text))

    def action_arrive(
        self, newcomer: bool = False, name: str | None = None, returning: bool = False
    ) -> None:
        person = self.circle.arrive(newcomer=newcomer, name=name, returning=returning)
        self.chosen_seat = person.seat
        self.seat_list_changed()
        said = (
            _("{who}: first-timer counted (- to undo)")
            if newcomer
            else _("{who}: second visit counted (- to undo)")
            if returning
            else _("{who}: arrival counted (- to undo)")
        )
        self.said(said.format(who=person.label))

    def action_undo(self) -> None:
        undone = self.circle.undo()
        if undone is None:
            self.said(_("Nothing to undo."))
            return
        self.said(
            _("Last arrival taken back.")
            if undone == "arrival"
            else _("Undone: {what}.").format(what=_(undone))
        )

    def action_type_name(self) -> None:
        field = self.query_one("#name", Input)
        field.display = True
        field.value = ""
        field.focus()
        self.refresh_keys()

    def action_cancel_name(self) -> None:
        field = self.query_one("#name", Input)
        field.value = ""
        field.display = False
        self.set_focus(None)
        self.refresh_keys()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            name = clean_name(event.value)
        except NameRefused as err:  # the field stays open with the text, to be corrected
            self.said(
                keyed(
                    _(
                        "Not counted: the name has {problem}. Once it is fixed, {enter} adds it; "
                        "{escape} cancels."
                    ),
                    problem=err,
                )
            )
            return
        self.action_cancel_name()
        self.action_arrive(False, name)

    def action_continue(self) -> None:
        if not self.circle.participants:
            self.notify(_("Count at least one arrival first (+)."))
            return
        self.circle.go_to(Phase.OPENING)
