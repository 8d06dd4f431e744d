"""Settings from a file's mapping or the settings screen's fields, each value checked by its
kind, then the rules across settings; the first problem is a ConfigError naming its key."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from circle_tui.i18n import _
from circle_tui.settings import schema
from circle_tui.settings.config_error import ConfigError, quoted_key
from circle_tui.settings.legacy import convert_old_rounds


def settings_from_fields(fields: Mapping[str, Any], source: str = "settings") -> schema.Settings:
    """Settings from the settings screen's fields as they hold them (number fields as text,
    rounds as rows of text), checked as a file's values are; ConfigError names the field."""
    data = dict(fields)
    for d in schema.declarations():
        if d.key in data:
            data[d.key] = d.kind.from_field(data[d.key])
    return settings_from_mapping(data, source)


def settings_from_mapping(
    data: Mapping[str, Any], path: Path | str = "<settings>"
) -> schema.Settings:
    """Validate a mapping of config keys; raises ConfigError on the first bad value."""
    data = dict(data)
    convert_old_rounds(data, path)
    declared = schema.declared()
    for key in data:
        if key not in declared:
            raise ConfigError(
                path,
                quoted_key(key),
                _("unknown key; expected one of {keys}").format(keys=", ".join(declared)),
            )
    values = {
        d.name: d.kind.check(data[d.key], d.key, path, d.rule)
        for d in declared.values()
        if d.key in data
    }
    settings = schema.Settings(**values)
    _check_across(settings, path)
    return settings


def _check_across(settings: schema.Settings, path: Path | str) -> None:
    """The rules that join settings: a link is filled in for the circle, the cue fits the
    shortest share."""
    for key in ("feedback_url", "resources_url"):
        if getattr(settings, key).strip():
            from circle_tui.core.qr import QRError

            try:
                settings.link(key, date.today())
            except QRError as err:
                raise ConfigError(path, key, str(err)) from None
    shortest = min(spec.minutes for spec in settings.rounds) * 60
    if settings.warning_seconds > shortest:
        raise ConfigError(
            path,
            "warning_seconds",
            _(
                "{seconds} s is longer than the shortest share ({shortest} s); "
                "expected at most {shortest}"
            ).format(seconds=settings.warning_seconds, shortest=shortest),
        )
