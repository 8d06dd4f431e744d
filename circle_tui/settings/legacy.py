"""Settings files from before rounds had names: `rounds = ["check_in", …]` and `[minutes]`
are read as `[[round]]` tables, and give way to them when the file is saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from circle_tui.i18n import N_, _
from circle_tui.settings.config_error import ConfigError, cut, quoted_key
from circle_tui.settings.rounds import MAX_ROUNDS, MAX_SHARE_MINUTES, minutes_expected

#: The old `rounds = [...]` kinds, read from files written before rounds had names.
OLD_KINDS = {"check_in": "check-in", "sharing": "sharing", "closing": "closing"}
OLD_KEYS = ("rounds", "minutes")


def convert_old_rounds(data: dict[str, Any], path: Path | str) -> None:
    """Replace the old keys in `data` with the `round` tables they mean; ConfigError for an
    old form that cannot be read, or for both forms in one file."""
    if not any(key in data for key in OLD_KEYS):
        return
    if "round" in data:
        raise ConfigError(
            path,
            "rounds",
            _("expected either [[round]] tables or the older rounds/[minutes] form, not both"),
        )
    kinds = ", ".join(f'"{k}"' for k in OLD_KINDS)
    rounds = data.pop("rounds", ["check_in", "sharing", "sharing", "closing"])
    minutes = {"check_in": 1, "sharing": 5, "closing": 1}
    table = data.pop("minutes", {})
    if not isinstance(table, dict):
        raise ConfigError(path, "minutes", _("expected a table: [minutes] with check_in = 1 …"))
    for kind, value in table.items():
        if kind not in OLD_KINDS:
            raise ConfigError(
                path,
                f"minutes.{quoted_key(kind)}",
                _("unknown round kind; expected {kinds}").format(kinds=kinds),
            )
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not 1 <= value <= MAX_SHARE_MINUTES
        ):
            raise ConfigError(path, f"minutes.{kind}", minutes_expected())
        minutes[kind] = value
    if not isinstance(rounds, list) or not rounds or len(rounds) > MAX_ROUNDS:
        raise ConfigError(
            path,
            "rounds",
            _("expected a list of 1 to {most} round kinds from {kinds}").format(
                most=MAX_ROUNDS, kinds=kinds
            ),
        )
    for kind in rounds:
        if not isinstance(kind, str) or kind not in OLD_KINDS:  # a list is not even hashable
            what = repr(cut(kind)) if isinstance(kind, str) else _toml_kind(kind)
            raise ConfigError(
                path,
                "rounds",
                _("unknown round kind {what}; expected {kinds}").format(what=what, kinds=kinds),
            )
    data["round"] = [
        {
            "name": OLD_KINDS[k],
            "minutes": minutes[k],
            "closing": k == "closing" and i == len(rounds) - 1,
        }
        for i, k in enumerate(rounds)
    ]


def drop_old_keys(doc: Any) -> None:
    """Saving writes `[[round]]` tables: the old keys go, or the file would hold both forms."""
    for key in OLD_KEYS:
        doc.pop(key, None)


def _toml_kind(value: Any) -> str:
    """What a value is, in TOML's words: for messages about a value that cannot be quoted."""
    kinds = (
        (bool, N_("a boolean")),
        (int, N_("an integer")),
        (float, N_("a float")),
        (list, N_("an array")),
        (dict, N_("a table")),
    )
    return _(next((name for kind, name in kinds if isinstance(value, kind)), N_("a date or time")))
