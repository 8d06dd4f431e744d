"""Small dialogs: a yes/no question, and picking a seat from those present."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class ConfirmScreen(ModalScreen[bool]):
    """A question with one safe way out: escape always means no."""

    BINDINGS = [
        Binding("enter,y", "answer(True)", "Yes"),
        Binding("escape,n", "answer(False)", "No"),
    ]

    def __init__(
        self, question: str, detail: str = "", *, yes: str = "Yes", no: str = "Cancel"
    ) -> None:
        super().__init__()
        self.question, self.detail, self.yes, self.no = question, detail, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-title", markup=False)
            if self.detail:
                yield Static(self.detail, markup=False)
            yield Static(
                f"[b]enter[/b] {self.yes}    [b]escape[/b] {self.no}", classes="dialog-keys"
            )

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class PickSeatScreen(ModalScreen[int | None]):
    """Choose a person by seat (arrow keys, enter); escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    AUTO_FOCUS = "OptionList"

    def __init__(self, question: str, seats: list[tuple[int, str]]) -> None:
        super().__init__()
        self.question = question
        self.seats = seats

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-title", markup=False)
            yield OptionList(*[Option(Content(label), id=str(seat)) for seat, label in self.seats])
            yield Static("[b]enter[/b] choose    [b]escape[/b] cancel", classes="dialog-keys")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)


class NoticeScreen(ModalScreen[None]):
    """Something the facilitator must read before going on (e.g. a damaged file set aside)."""

    BINDINGS = [Binding("enter,escape", "close", "Understood")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title_text, self.message = title, message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.message, markup=False)
            yield Static("[b]enter[/b] understood", classes="dialog-keys")

    def action_close(self) -> None:
        self.dismiss(None)
