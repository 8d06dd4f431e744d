"""Settings: every config value, validated as you type; a bad value says why and nothing is saved."""

from __future__ import annotations

from dataclasses import asdict

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Input, Label, Select, Static, Switch

from circle_tui.config import (
    QR_LEVELS,
    THEMES,
    ConfigError,
    settings_from_mapping,
    settings_to_toml,
)
from circle_tui.storage.atomic import write_text_atomic
from circle_tui.ui.screens.base import CircleScreen

TEXT_FIELDS = [
    ("circle_name", "Circle name"),
    ("feedback_url", "Feedback URL ({date}, {circle})"),
    ("resources_url", "Resources URL (optional)"),
    ("rounds", "Rounds (comma separated)"),
]
CHOICE_FIELDS = [
    ("agreements", "Agreement set"),
    ("resources", "Resources card"),
    ("theme", "Theme"),
    ("qr_error_correction", "QR error correction"),
]
NUMBER_FIELDS = [
    ("session_minutes", "Session minutes"),
    ("warning_seconds", "Last-minute cue, seconds"),
    ("silence_seconds", "Silence between turns, seconds"),
    ("minutes.check_in", "Check-in share, minutes"),
    ("minutes.sharing", "Sharing share, minutes"),
    ("minutes.closing", "Closing share, minutes"),
]


def field_id(key: str) -> str:
    return "f-" + key.replace(".", "-")


class SettingsScreen(CircleScreen):
    AUTO_FOCUS = "Input"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "app.pop_screen", "Back without saving"),
    ]

    def compose(self) -> ComposeResult:
        values = asdict(self.circle_app.settings)
        yield Header()
        with VerticalScroll(id="settings"):
            yield Static("Settings", classes="title")
            yield Static("", id="settings-status", classes="hint", markup=False)
            for key, label in TEXT_FIELDS + NUMBER_FIELDS:
                value = values["minutes"][key.split(".")[1]] if "." in key else values[key]
                text = ", ".join(value) if isinstance(value, list) else str(value)
                with Horizontal(classes="field"):
                    yield Label(label, classes="field-label")
                    yield Input(text, id=field_id(key), classes="field-input")
                yield Static("", id=field_id(key) + "-error", classes="field-error", markup=False)
            for key, label in CHOICE_FIELDS:
                with Horizontal(classes="field"):
                    yield Label(label, classes="field-label")
                    yield Select(
                        self.choices(key),
                        value=values[key],
                        allow_blank=False,
                        id=field_id(key),
                        classes="field-input",
                    )
                yield Static("", id=field_id(key) + "-error", classes="field-error", markup=False)
            with Horizontal(classes="field"):
                yield Label("Bell at time", classes="field-label")
                yield Switch(values["bell"], id="f-bell")
        yield Footer()

    def choices(self, key: str) -> list[tuple[str, str]]:
        """The values a choice field may take; the current value is always among them."""
        from circle_tui import library

        if key in ("agreements", "resources"):
            sets = library.available(self.circle_app.paths)
            names = [n for n, f in sorted(sets.items()) if f.is_resources == (key == "resources")]
        elif key == "theme":
            names = list(THEMES)
        else:
            names = list(QR_LEVELS)
        current = getattr(self.circle_app.settings, key)
        return [(name, name) for name in ([current] if current not in names else []) + names]

    def on_mount(self) -> None:
        self.validate()

    def collect(self) -> dict:
        data: dict = {"minutes": {}}
        for key, _ in TEXT_FIELDS + NUMBER_FIELDS:
            raw = self.query_one("#" + field_id(key), Input).value.strip()
            value: object = raw
            if (key, _) in NUMBER_FIELDS:
                try:
                    value = int(raw)
                except ValueError:
                    value = raw  # validation names the field
            if key == "rounds":
                value = [part.strip() for part in raw.split(",") if part.strip()]
            if key.startswith("minutes."):
                data["minutes"][key.split(".")[1]] = value
            else:
                data[key] = value
        for key, _ in CHOICE_FIELDS:
            data[key] = self.query_one("#" + field_id(key), Select).value
        data["bell"] = self.query_one("#f-bell", Switch).value
        return data

    def validate(self):
        for error in self.query(".field-error"):
            error.update("")
            error.display = False
        try:
            settings = settings_from_mapping(self.collect(), "settings")
        except ConfigError as err:
            target = self.query(f"#{field_id(err.key)}-error")
            if target:
                target.first().update(err.expected)
                target.first().display = True
            self.query_one("#settings-status", Static).update(
                f"Not saved: {err.key}: {err.expected}"
            )
            return None
        self.query_one("#settings-status", Static).update(
            f"ctrl+s saves to {self.circle_app.paths.config_file} · escape leaves without saving"
        )
        return settings

    def on_input_changed(self) -> None:
        self.validate()

    def on_switch_changed(self) -> None:
        self.validate()

    def on_select_changed(self) -> None:
        self.validate()

    def action_save(self) -> None:
        settings = self.validate()
        if settings is None:
            self.notify("Nothing was saved: fix the field marked in red first.", severity="error")
            return
        app = self.circle_app
        write_text_atomic(app.paths.config_file, settings_to_toml(settings))
        app.settings = settings
        app.theme = settings.theme
        app.sub_title = settings.circle_name
        app.load_texts()
        self.notify(f"Saved to {app.paths.config_file}.")
        self.app.pop_screen()
