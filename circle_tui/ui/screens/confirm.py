"""Small dialogs: a yes/no question, picking an answer or a seat, typing a name."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from circle_tui.i18n import N_, _
from circle_tui.ui.screens.dialog import Dialog, dialog_keys
from circle_tui.ui.widgets.text_field import TextField

#: What a Pick answers: a key (text) or a seat number.
Answer = TypeVar("Answer", str, int)


class ConfirmScreen(Dialog[bool]):
    """A question with one safe way out: escape always means no."""

    BINDINGS = [
        Binding("enter,y", "answer(True)", N_("Yes")),
        Binding("escape,n", "answer(False)", N_("No")),
    ]

    def __init__(
        self, question: str, detail: str = "", *, yes: str | None = None, no: str | None = None
    ) -> None:
        super().__init__()
        self.question, self.detail = question, detail
        self.yes, self.no = yes or _("Yes"), no or _("Cancel")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-title", markup=False)
            if self.detail:
                yield Static(self.detail, markup=False)
            yield dialog_keys(("enter", self.yes), ("escape", self.no))

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class Pick(Dialog[Answer | None]):
    """Choose one of a few answers (arrow keys, enter); escape cancels (None)."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]
    AUTO_FOCUS = "OptionList"

    def __init__(self, question: str, options: Sequence[tuple[Answer, str]]) -> None:
        super().__init__()
        self.question = question
        self.options = [(str(answer), label) for answer, label in options]
        self._answers: dict[str, Answer] = {str(answer): answer for answer, _label in options}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.question), classes="dialog-title")
            yield OptionList(*[Option(Content(label), id=key) for key, label in self.options])
            yield dialog_keys(("enter", _("choose")), ("escape", _("cancel")))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._answers[event.option.id or ""])

    def action_cancel(self) -> None:
        self.dismiss(None)


class PickScreen(Pick[str]):
    """Choose one of a few answers, each by its key."""


class PickSeatScreen(Pick[int]):
    """Choose a person; the answer is their seat number."""


class NameScreen(Dialog[str | None]):
    """Type a first name or nickname (memory only); enter keeps it, escape cancels."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]
    AUTO_FOCUS = "Input"

    def __init__(self, question: str, value: str = "") -> None:
        super().__init__()
        self.question, self.value = question, value

    def compose(self) -> ComposeResult:
        from circle_tui.core.people import MAX_NAME

        with Vertical(classes="dialog"):
            yield Static(Content(self.question), classes="dialog-title")
            yield TextField(
                self.value,
                max_length=MAX_NAME,
                show_limit=True,
                placeholder=_("first name or nickname"),
            )
            yield dialog_keys(
                ("enter", _("keep")), ("escape", _("cancel · an empty name gives the seat back"))
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NoticeScreen(Dialog[None]):
    """Something the facilitator must read before going on (e.g. a damaged file set aside)."""

    BINDINGS = [Binding("enter,escape", "close", N_("Understood"))]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title_text, self.message = title, message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.message, markup=False)
            yield dialog_keys(("enter", _("understood")))

    def action_close(self) -> None:
        self.dismiss(None)
