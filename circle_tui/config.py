"""Settings: defaults for everything, TOML overrides, and one-line errors that name the key."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from circle_tui.core.rounds import RoundKind

if TYPE_CHECKING:
    from circle_tui.core.qr import FeedbackURL

APP_NAME = "circle-tui"
CONFIG_ENV = "CIRCLE_TUI_CONFIG"
DATA_DIR_ENV = "CIRCLE_TUI_DATA_DIR"
#: The attendance log's file name inside the data dir.
ATTENDANCE_FILE = "attendance.json"
THEMES = (
    "textual-dark",
    "textual-light",
    "high-contrast",
    "nord",
    "gruvbox",
    "catppuccin-mocha",
    "catppuccin-latte",
    "dracula",
    "tokyo-night",
    "monokai",
    "flexoki",
    "solarized-light",
    "solarized-dark",
    "rose-pine",
    "rose-pine-dawn",
    "atom-one-dark",
    "atom-one-light",
)
QR_LEVELS = ("M", "Q", "H")
MAX_SHARE_MINUTES = 60


class ConfigError(Exception):
    """A bad config value: one line naming the file, the key and the expected form."""

    def __init__(self, path: Path | str, key: str, expected: str) -> None:
        super().__init__(f"{path}: {key}: {expected}")
        self.path, self.key, self.expected = str(path), key, expected


def _default_minutes() -> dict[str, int]:
    return {"check_in": 1, "sharing": 5, "closing": 1}


@dataclass
class Settings:
    """Every value has a default, so the app runs with no config file at all."""

    circle_name: str = "Peer integration circle"
    feedback_url: str = ""
    resources_url: str = ""
    agreements: str = "peer-integration"
    resources: str = "resources"
    session_minutes: int = 120
    warning_seconds: int = 60
    silence_seconds: int = 0
    bell: bool = False
    theme: str = "textual-dark"
    qr_error_correction: str = "M"
    rounds: list[str] = field(default_factory=lambda: ["check_in", "sharing", "sharing", "closing"])
    minutes: dict[str, int] = field(default_factory=_default_minutes)

    def minutes_for(self, kind: RoundKind) -> int:
        return self.minutes[kind.value]

    def round_kinds(self) -> list[RoundKind]:
        return [RoundKind(name) for name in self.rounds]

    def link(self, key: str, day: date) -> FeedbackURL:
        """`feedback_url` or `resources_url` expanded for `day`; QRError if it cannot be used."""
        from circle_tui.core.qr import feedback_url

        return feedback_url(
            getattr(self, key), circle=self.circle_name, day=day, level=self.qr_error_correction
        )


KEYS = tuple(f.name for f in fields(Settings))


@dataclass(frozen=True)
class Paths:
    """Where config and data live for this run (flags beat env vars beat platform dirs)."""

    config_file: Path
    data_dir: Path

    @property
    def config_dir(self) -> Path:
        return self.config_file.parent

    @property
    def user_agreements(self) -> Path:
        return self.config_dir / "agreements"

    @property
    def attendance_file(self) -> Path:
        return self.data_dir / ATTENDANCE_FILE


def resolve_paths(config: str | None = None, data_dir: str | None = None) -> Paths:
    config_file = config or os.environ.get(CONFIG_ENV)
    data = data_dir or os.environ.get(DATA_DIR_ENV)
    # platformdirs is imported only when needed: startup time is a feature here.
    if config_file:
        config_path = Path(config_file).expanduser()
    else:
        import platformdirs

        config_path = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"
    if data:
        data_path = Path(data).expanduser()
    else:
        import platformdirs

        data_path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return Paths(config_file=config_path, data_dir=data_path)


def load_settings(path: Path) -> Settings:
    """Read `path` if it exists; a missing file means the defaults."""
    if not path.exists():
        return Settings()
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(path, "(file)", "not UTF-8 text; save it as UTF-8") from None
    except OSError as err:
        raise ConfigError(path, "(file)", f"cannot be read ({err.strerror})") from None
    import tomllib  # only when there is a file to read

    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(path, "(syntax)", f"malformed TOML: {err}") from None
    return settings_from_mapping(data, path)


def settings_from_mapping(data: Mapping[str, Any], path: Path | str = "<settings>") -> Settings:
    """Validate a mapping of config keys; raises ConfigError on the first bad value."""
    for key in data:
        if key not in KEYS:
            raise ConfigError(path, key, "unknown key; expected one of " + ", ".join(KEYS))
    settings = Settings()

    def put(key: str, value: Any) -> None:
        setattr(settings, key, value)

    def want_str(key: str, *, empty_ok: bool = True, max_len: int = 500) -> None:
        if key in data:
            value = data[key]
            if not isinstance(value, str):
                raise ConfigError(path, key, f'expected a quoted string, like {key} = "…"')
            if not empty_ok and not value.strip():
                raise ConfigError(path, key, "expected a non-empty string")
            if len(value) > max_len:
                raise ConfigError(path, key, f"expected at most {max_len} characters")
            put(key, value)

    def want_int(key: str, low: int, high: int) -> None:
        if key in data:
            value = data[key]
            if isinstance(value, bool) or not isinstance(value, int):
                raise ConfigError(path, key, f"expected a whole number from {low} to {high}")
            if not low <= value <= high:
                raise ConfigError(
                    path, key, f"expected a whole number from {low} to {high}, got {value}"
                )
            put(key, value)

    want_str("circle_name", empty_ok=False, max_len=80)
    want_str("feedback_url")
    want_str("resources_url")
    want_str("agreements", empty_ok=False, max_len=100)
    want_str("resources", empty_ok=False, max_len=100)
    want_int("session_minutes", 10, 24 * 60)
    want_int("warning_seconds", 1, MAX_SHARE_MINUTES * 60)
    want_int("silence_seconds", 0, 300)
    if "bell" in data:
        if not isinstance(data["bell"], bool):
            raise ConfigError(path, "bell", "expected true or false")
        settings.bell = data["bell"]
    want_str("theme")
    if settings.theme not in THEMES:
        raise ConfigError(path, "theme", "expected one of " + ", ".join(THEMES))
    want_str("qr_error_correction")
    level = settings.qr_error_correction.upper()
    if level == "L":
        raise ConfigError(
            path, "qr_error_correction", 'L is too fragile on a screen; expected "M", "Q" or "H"'
        )
    if level not in QR_LEVELS:
        raise ConfigError(path, "qr_error_correction", 'expected "M", "Q" or "H"')
    settings.qr_error_correction = level

    kinds = ", ".join(f'"{k.value}"' for k in RoundKind)
    if "rounds" in data:
        rounds = data["rounds"]
        if not isinstance(rounds, list) or not rounds or len(rounds) > 20:
            raise ConfigError(
                path, "rounds", f"expected a list of 1 to 20 round kinds from {kinds}"
            )
        for item in rounds:
            if item not in {k.value for k in RoundKind}:
                raise ConfigError(path, "rounds", f"unknown round kind {item!r}; expected {kinds}")
        settings.rounds = list(rounds)

    if "minutes" in data:
        table = data["minutes"]
        if not isinstance(table, dict):
            raise ConfigError(path, "minutes", "expected a table: [minutes] with check_in = 1 …")
        for kind, value in table.items():
            key = f"minutes.{kind}"
            if kind not in {k.value for k in RoundKind}:
                raise ConfigError(path, key, f"unknown round kind; expected {kinds}")
            if isinstance(value, bool) or not isinstance(value, int):
                raise ConfigError(
                    path, key, f"expected a whole number of minutes from 1 to {MAX_SHARE_MINUTES}"
                )
            if not 1 <= value <= MAX_SHARE_MINUTES:
                raise ConfigError(
                    path,
                    key,
                    f"expected a whole number of minutes from 1 to {MAX_SHARE_MINUTES}, got {value}",
                )
            settings.minutes[kind] = value

    for key in ("feedback_url", "resources_url"):
        if getattr(settings, key).strip():
            from circle_tui.core.qr import QRError

            try:
                settings.link(key, date.today())
            except QRError as err:
                raise ConfigError(path, key, str(err)) from None

    shortest = min(settings.minutes[k] for k in settings.rounds) * 60
    if settings.warning_seconds > shortest:
        raise ConfigError(
            path,
            "warning_seconds",
            f"{settings.warning_seconds} s is longer than the shortest share ({shortest} s); "
            f"expected at most {shortest}",
        )
    return settings


def default_config_text() -> str:
    """The commented file `circle-tui config --init` writes: every key, at its default."""
    return """\
# circle-tui settings. Every key is optional; delete a line to use its default.
# Nothing here identifies a participant, and nothing ever should.

circle_name = "Peer integration circle"

# Anonymous feedback form shown as a QR code at closing. {date} and {circle} are
# filled in (URL-encoded). Never add anything that identifies a person.
feedback_url = ""
# Optional second QR code beside the resources card (support / harm reporting).
resources_url = ""

agreements = "peer-integration"  # a bundled or your own set, by name (circle-tui agreements list)
resources = "resources"          # the resources card, by name

session_minutes = 120
warning_seconds = 60            # the "last minute" cue
silence_seconds = 0             # a calm pause between turns; 0 = none
bell = false                    # terminal bell when a turn reaches its time
theme = "textual-dark"          # or "textual-light", "high-contrast", …
qr_error_correction = "M"       # M, Q or H; L is refused: too fragile on a screen

rounds = ["check_in", "sharing", "sharing", "closing"]

[minutes]                       # per-share limit by round kind
check_in = 1
sharing = 5
closing = 1
"""


def _toml_value(value: Any) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)  # strings, ints and lists are valid TOML too


def settings_to_toml(settings: Settings) -> str:
    """The settings as a TOML file that loads back to the same values."""
    lines = ["# circle-tui settings, saved from the settings screen.", ""]
    for key in KEYS:
        if key != "minutes":
            lines.append(f"{key} = {_toml_value(getattr(settings, key))}")
    lines += ["", "[minutes]"]
    lines += [f"{kind} = {value}" for kind, value in settings.minutes.items()]
    return "\n".join(lines) + "\n"
