"""The facilitator's settings, each declared once (schema.py), and the files they live in.

paths.py      where the settings file and the attendance log are (flags, environment, user dirs)
schema.py     `Settings`: every setting's type, default, bounds, label and help; KINDS
rule.py       a setting's Rule (bounds, choices, label, help) and Listed choices
kinds.py      how a switch, a whole number, a number or a text is checked, typed and written
rounds.py     the plan of rounds, a kind of its own ([[round]] tables)
checks.py     settings from a file's mapping or the screen's fields, and the rules across them
legacy.py     the rounds/[minutes] form of files from before rounds had names
toml_file.py  reading the file, `config --init`'s commented file, saving with comments kept

The names most callers need are importable from here."""

from circle_tui.settings.config_error import ConfigError
from circle_tui.settings.paths import (
    ATTENDANCE_FILE,
    CONFIG_ENV,
    DATA_DIR_ENV,
    Paths,
    resolve_paths,
)
from circle_tui.settings.schema import Settings
from circle_tui.settings.toml_file import load_settings

__all__ = [
    "ATTENDANCE_FILE",
    "CONFIG_ENV",
    "DATA_DIR_ENV",
    "ConfigError",
    "Paths",
    "Settings",
    "load_settings",
    "resolve_paths",
]
