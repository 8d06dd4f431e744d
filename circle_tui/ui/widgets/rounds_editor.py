"""The plan of rounds as editable rows: name, minutes per share, prompt, closing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, Static, Switch

from circle_tui.core.rounds import RoundSpec, as_stored
from circle_tui.i18n import N_, _
from circle_tui.settings import ConfigError
from circle_tui.settings.rounds import MAX_PROMPT, MAX_ROUND_NAME, MAX_ROUNDS
from circle_tui.ui.widgets.text_field import TextField


class RoundRow(Vertical):
    """One round on two lines: its name, minutes and prompt, then its switches beneath, so
    the prompt keeps its width at 80 columns in any language (beside the switches' labels,
    "encerramento" and "sem tempo marcado", it had none)."""

    DEFAULT_CSS = """
    RoundRow { height: auto; margin-bottom: 1; }
    RoundRow Horizontal { height: auto; }
    RoundRow .round-name { width: 18; }
    RoundRow .round-minutes { width: 9; }
    RoundRow .round-prompt { width: 1fr; }
    RoundRow .round-switches { padding-left: 18; }
    RoundRow Label { padding: 1 3 0 0; }
    """

    def __init__(self, spec: RoundSpec) -> None:
        super().__init__()
        self.spec = spec

    def compose(self) -> ComposeResult:
        spec = self.spec
        with Horizontal():
            # The default plan in the circle's language; `table` stores its words back.
            yield TextField(
                spec.label, placeholder=_("name"), max_length=MAX_ROUND_NAME, classes="round-name"
            )
            yield TextField(
                str(spec.minutes), type="integer", placeholder=_("min"), classes="round-minutes"
            )
            yield TextField(
                spec.question,
                placeholder=_("prompt (optional)"),
                max_length=MAX_PROMPT,
                classes="round-prompt",
            )
        with Horizontal(classes="round-switches"):
            yield Switch(spec.closing, classes="round-closing")
            yield Label(_("closing"))
            yield Switch(spec.untimed, classes="round-untimed")
            yield Label(_("untimed"))

    def table(self) -> dict[str, Any]:
        """The row as its `[[round]]` table holds it: a field left as shown keeps the file's
        own words (a name typed in Spanish stays Spanish); one changed to the default plan's
        words in this language is stored as those words in English."""
        name = self.query_one(".round-name", Input).value
        prompt = self.query_one(".round-prompt", Input).value
        return {
            "name": self.spec.name if name == self.spec.label else as_stored(name),
            "minutes": self.query_one(".round-minutes", Input).value,
            "prompt": self.spec.prompt if prompt == self.spec.question else as_stored(prompt),
            "closing": self.query_one(".round-closing", Switch).value,
            "untimed": self.query_one(".round-untimed", Switch).value,
        }


class RoundsEditor(Vertical):
    """One row per round; ctrl+n adds a round after the focused one, ctrl+r removes it."""

    DEFAULT_CSS = """
    RoundsEditor { height: auto; }
    RoundsEditor .rounds-error { color: $error; display: none; }
    """
    BINDINGS = [
        Binding("ctrl+n", "add", N_("Add a round"), id="add-round"),
        Binding("ctrl+r", "remove", N_("Remove this round"), id="remove-round"),
    ]

    @dataclass
    class Changed(Message):
        editor: RoundsEditor

    def __init__(self, specs: tuple[RoundSpec, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.specs = specs

    def compose(self) -> ComposeResult:
        for spec in self.specs:
            yield RoundRow(spec)
        yield Static("", classes="rounds-error")

    def tables(self) -> list[dict[str, Any]]:
        return [row.table() for row in self.query(RoundRow)]

    @property
    def value(self) -> list[dict[str, Any]]:
        """The rows as the settings screen reads every field: by its value."""
        return self.tables()

    def show_error(self, err: ConfigError | None) -> None:
        error = self.query_one(".rounds-error", Static)
        error.display = err is not None
        if err is not None:
            error.update(Content(f"{err.key}: {err.expected}"))

    def _focused_row(self) -> RoundRow | None:
        focused = self.screen.focused
        while focused is not None and not isinstance(focused, RoundRow):
            focused = focused.parent  # type: ignore[assignment]
        return focused

    async def action_add(self) -> None:
        rows = list(self.query(RoundRow))
        if len(rows) >= MAX_ROUNDS:
            self.notify(_("A plan has at most {n} rounds.").format(n=MAX_ROUNDS))
            return
        after = self._focused_row() or rows[-1]
        row = RoundRow(RoundSpec("sharing", 5))
        await self.mount(row, after=after)
        row.query_one(Input).focus()
        self.post_message(self.Changed(self))

    async def action_remove(self) -> None:
        rows = list(self.query(RoundRow))
        row = self._focused_row()
        if row is None or len(rows) == 1:
            self.notify(_("A plan keeps at least one round."))
            return
        index = rows.index(row)
        await row.remove()
        rows = list(self.query(RoundRow))
        rows[min(index, len(rows) - 1)].query_one(Input).focus()
        self.post_message(self.Changed(self))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self))

    def on_switch_changed(self, event: Switch.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self))
