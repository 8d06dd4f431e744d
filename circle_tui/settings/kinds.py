"""The kinds of setting: how a value of one type is checked, typed into its field, written to
TOML and shown by `circle-tui config`. schema.KINDS maps each type hint to its kind, so a new
setting of a known type needs nothing but its declaration."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

from circle_tui.i18n import _, ngettext
from circle_tui.settings.config_error import ConfigError, check_controls, either
from circle_tui.settings.rule import Rule


class Kind:
    """A type of setting. `field` names the settings screen's widget for it ("switch",
    "integer", "number", "text", "rounds"); the methods default to a plain TOML value."""

    field = "text"
    #: Written as TOML tables ([[round]]): after every plain key, which a table would swallow.
    is_table = False

    def check(self, value: Any, key: str, path: Path | str, rule: Rule) -> Any:
        """The value as the setting holds it, from a file's value; ConfigError if refused."""
        raise NotImplementedError

    def from_field(self, held: Any) -> Any:
        """What the settings screen's field holds, as a file would hold it (text typed into a
        number field stays text the check refuses by name, never an exception)."""
        return held

    def to_field(self, value: Any) -> Any:
        """The setting's value as its field holds it."""
        return value

    def to_toml(self, value: Any) -> Any:
        """The value as tomlkit writes it."""
        return value

    def write(self, doc: Any, key: str, value: Any) -> None:
        """Put the value in a tomlkit document, touching nothing when it is already there."""
        if key not in doc or doc[key] != value:
            doc[key] = self.to_toml(value)

    def lines(self, key: str, value: Any) -> list[str]:
        """`circle-tui config`'s lines for the value: JSON, as a host can paste it."""
        return [f"{key} = {json.dumps(value, ensure_ascii=False)}"]


class Switch(Kind):
    field = "switch"

    def check(self, value: Any, key: str, path: Path | str, rule: Rule) -> bool:
        if not isinstance(value, bool):
            raise ConfigError(path, key, _("expected true or false"))
        return value


#: A whole number as typed: ASCII digits only (`²` and `١` are digits to str.isdigit), and few
#: enough that no bound is near (Python refuses to convert over 4,300 digits).
_WHOLE_NUMBER = re.compile("-?[0-9]{1,9}").fullmatch
_DECIMAL = re.compile(r"-?[0-9]{1,9}(\.[0-9]{1,9})?").fullmatch


def typed_number(text: str) -> int | str:
    """A number field's text as an int, or the text itself for the check to refuse by name:
    whatever was typed or pasted, never an exception."""
    text = text.strip()
    return int(text) if _WHOLE_NUMBER(text) else text


class WholeNumber(Kind):
    field = "integer"

    def check(self, value: Any, key: str, path: Path | str, rule: Rule) -> int:
        span = {"low": rule.low, "high": rule.high}
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(
                path, key, _("expected a whole number from {low} to {high}").format(**span)
            )
        if not rule.low <= value <= rule.high:  # type: ignore[operator]
            raise ConfigError(
                path,
                key,
                _("expected a whole number from {low} to {high}, got {value}").format(
                    value=value, **span
                ),
            )
        return value

    def from_field(self, held: Any) -> Any:
        return typed_number(held) if isinstance(held, str) else held

    def to_field(self, value: Any) -> str:
        return str(value)


class Number(Kind):
    """A number that may have a fraction (a volume, a ratio); TOML's 1 and 1.0 both do."""

    field = "number"

    def check(self, value: Any, key: str, path: Path | str, rule: Rule) -> float:
        span = {"low": rule.low, "high": rule.high}
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise ConfigError(path, key, _("expected a number from {low} to {high}").format(**span))
        if not rule.low <= value <= rule.high:  # type: ignore[operator]
            raise ConfigError(
                path,
                key,
                _("expected a number from {low} to {high}, got {value}").format(
                    value=value, **span
                ),
            )
        return float(value)

    def from_field(self, held: Any) -> Any:
        if not isinstance(held, str):
            return held
        text = held.strip()
        return float(text) if _DECIMAL(text) else text

    def to_field(self, value: Any) -> str:
        return f"{value:.9f}".rstrip("0").rstrip(".")  # 0.7, never 7e-01 the field refuses


class Text(Kind):
    def check(self, value: Any, key: str, path: Path | str, rule: Rule) -> str:
        if not isinstance(value, str):
            raise ConfigError(
                path, key, _('expected a quoted string, like {key} = "…"').format(key=key)
            )
        if not rule.empty_ok and not value.strip():
            raise ConfigError(path, key, _("expected a non-empty string"))
        if len(value) > rule.max_len:
            raise ConfigError(
                path,
                key,
                ngettext(
                    "expected at most {n} character",
                    "expected at most {n} characters",
                    rule.max_len,
                ).format(n=rule.max_len),
            )
        check_controls(value, key, path)
        if rule.choices:
            upper = value.upper() if all(c.isupper() for c in rule.choices) else value
            if upper in rule.refused:
                raise ConfigError(
                    path,
                    key,
                    _("{why}; expected {choices}").format(
                        why=_(rule.refused[upper]), choices=either(rule.choices)
                    ),
                )
            if upper not in rule.choices:
                raise ConfigError(
                    path, key, _("expected {choices}").format(choices=either(rule.choices))
                )
            return upper
        return value
