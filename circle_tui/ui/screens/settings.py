"""Settings: a field for every declared setting, checked as you type; saving keeps the file's comments."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Label, Select, Static, Switch

from circle_tui.i18n import N_, _
from circle_tui.settings import ConfigError, Settings
from circle_tui.settings.checks import settings_from_fields
from circle_tui.settings.rule import Listed
from circle_tui.settings.schema import (
    AGREEMENT_SETS,
    RESOURCE_CARDS,
    THEMES,
    Declared,
    declarations,
)
from circle_tui.settings.toml_file import updated_config_text
from circle_tui.ui.keys import keyed
from circle_tui.ui.screens.base import CircleScreen
from circle_tui.ui.widgets.checklist import Checklist
from circle_tui.ui.widgets.keys_bar import KeysBar
from circle_tui.ui.widgets.rounds_editor import RoundsEditor
from circle_tui.ui.widgets.text_field import TextField
from circle_tui.ui.widgets.title_bar import TitleBar


def field_id(key: str) -> str:
    return "f-" + key.replace(".", "-").replace("[", "-").replace("]", "")


def choice_text(d: Declared, value: str) -> Text:
    """A choice as the screen lists it: its words in the circle's language, then, dimmer,
    the value the file holds (what the help and `config.toml` name); the value alone when
    it has no words. Text, not str: a set's file name or a value from the file is not markup."""
    said = (d.rule.words(value) if d.rule.words is not None else None) or value
    return Text(value) if said == value else Text.assemble(said, ("  " + value, "dim"))


class SettingsScreen(CircleScreen):
    AUTO_FOCUS = None  # the first field, focused in on_mount without scrolling
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), priority=True, id="save"),
        Binding("escape", "back", N_("Back without saving"), id="back"),
    ]

    def compose(self) -> ComposeResult:
        settings = self.session.settings
        yield TitleBar()
        with VerticalScroll(id="settings"):
            yield Static(_("Settings"), classes="title")
            yield Static("", id="settings-status", classes="hint")
            yield Checklist(id="checklist")
            for d in declarations():
                value = getattr(settings, d.name)
                if d.kind.field == "rounds":  # a field too wide to sit beside its label
                    yield Static(_(d.rule.label), classes="field-heading")
                    yield Static(_(d.rule.help), classes="hint")
                    yield RoundsEditor(value, id=field_id(d.key))
                else:
                    with Horizontal(classes="field"):
                        yield Label(_(d.rule.label), classes="field-label")
                        yield self.field_for(d, value)
                yield Static("", id=field_id(d.key) + "-error", classes="field-error")
        yield KeysBar()

    def field_for(self, d: Declared, value: Any):
        """The widget for one setting, from its declaration."""
        choices = self.choices(d)
        common: dict[str, Any] = {
            "id": field_id(d.key),
            "classes": "field-input",
            "tooltip": _(d.rule.help),
        }
        if d.kind.field == "switch":
            return Switch(value, **common)
        if choices:
            listed = ([value] if value not in choices else []) + choices
            options = [(choice_text(d, name), name) for name in listed]
            return Select(options, value=value, allow_blank=False, **common)
        if d.kind.field in ("integer", "number"):
            return TextField(d.kind.to_field(value), type=d.kind.field, **common)
        return TextField(value, **common)

    def choices(self, d: Declared) -> list[str]:
        """Fixed choices from the declaration; listed ones as their owners list them."""
        if d.rule.listed is not None:
            return self.listed(d.rule.listed)
        return list(d.rule.choices)

    def listed(self, listed: Listed) -> list[str]:
        """The choices another part of the app lists: the library its sets, Textual its themes."""
        if listed in (AGREEMENT_SETS, RESOURCE_CARDS):
            from circle_tui.storage import library

            sets = library.available(self.session.paths)
            wanted = listed == RESOURCE_CARDS
            return [name for name, found in sorted(sets.items()) if found.is_resources == wanted]
        if listed == THEMES:
            return sorted(self.app.available_themes)
        raise LookupError(f"no list of {listed.what} on the settings screen")

    _as_opened: dict[str, Any] | None = None

    def on_mount(self) -> None:
        self.query_one(Checklist).show(self.session)
        self.validate()
        self.call_after_refresh(self._remember_fields)
        # The first field takes the keys, but the screen opens at its top, where the title
        # says what ctrl+s saves to: focus scrolled it away at 80×24 on some Pythons only.
        self.query(TextField).first().focus(scroll_visible=False)

    def _remember_fields(self) -> None:
        self._as_opened = self.fields()

    def action_back(self) -> None:
        """Leave; after any change, only once the facilitator says the edits may go."""
        if self._as_opened is None or self.fields() == self._as_opened:
            self.app.pop_screen()
            return
        from circle_tui.ui.screens.confirm import ConfirmScreen

        def answered(leave: bool | None) -> None:
            if leave:
                self.app.pop_screen()

        self.app.push_screen(
            ConfirmScreen(
                _("Leave the settings without saving?"),
                _("What was changed here is lost; ctrl+s saves it."),
                yes=_("Leave"),
                no=_("Keep editing"),
            ),
            answered,
        )

    def fields(self) -> dict[str, Any]:
        """Every field as it holds it now: text, a switch, a choice, rows of rounds."""
        return {
            d.key: self.query_one("#" + field_id(d.key)).value  # type: ignore[attr-defined]
            for d in declarations()
        }

    def validate(self) -> Settings | None:
        for error in self.query(".field-error"):
            error.display = False
        for editor in self.query(RoundsEditor):
            editor.show_error(None)
        try:
            settings = settings_from_fields(self.fields())
        except ConfigError as err:
            self.show_error(err)
            return None
        for d in declarations():
            listed = d.rule.listed
            if listed and listed.off_list and getattr(settings, d.name) not in self.listed(listed):
                self.show_error(ConfigError("settings", d.key, _(listed.off_list)))
                return None
        self.query_one("#settings-status", Static).update(
            Content(
                keyed(
                    _("ctrl+s saves to {file} · {escape} leaves without saving"),
                    file=self.session.paths.config_file,
                )
            )
        )
        return settings

    def show_error(self, err: ConfigError) -> None:
        key = err.setting
        for editor in self.query("#" + field_id(key)).results(RoundsEditor):
            editor.show_error(err)  # beside the row it names
        targets = self.query("#" + field_id(key) + "-error").results(Static)
        for target in targets:
            target.update(Content(err.expected))
            target.display = True
        self.query_one("#settings-status", Static).update(
            Content(_("Not saved: {key}: {problem}").format(key=err.key, problem=err.expected))
        )

    def not_saved(self, where: str, why: str) -> None:
        """Why saving failed: the whole story, path and all, on the screen; a toast that
        names no path (toasts can be seen by the room)."""
        self.query_one("#settings-status", Static).update(
            Content(_("Not saved: {where}").format(where=where))
        )
        self.notify(
            _("The settings were not saved: {why}").format(why=why), severity="error", timeout=20
        )

    def on_input_changed(self) -> None:
        self.validate()

    def on_switch_changed(self) -> None:
        self.validate()

    def on_select_changed(self) -> None:
        self.validate()

    def on_rounds_editor_changed(self) -> None:
        self.validate()

    def action_save(self) -> None:
        settings = self.validate()
        if settings is None:
            self.notify(
                _("Nothing was saved: fix the field marked in red first."), severity="error"
            )
            return
        from circle_tui.storage.atomic import write_text_atomic

        session = self.session
        path = session.paths.config_file
        try:
            write_text_atomic(path, updated_config_text(settings, path))
        except ConfigError as err:
            self.not_saved(
                _("{problem}; fix or move the file, then save again").format(problem=err),
                err.expected,
            )
            return
        except OSError as err:
            reason = err.strerror or type(err).__name__
            self.not_saved(
                _("{file}: cannot be written ({why})").format(file=path, why=reason), reason
            )
            return
        session.apply_settings(settings)
        self.app.theme = settings.theme
        self.notify(_("Settings saved."))
        self.app.pop_screen()
