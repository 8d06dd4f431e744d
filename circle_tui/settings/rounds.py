"""The plan of rounds, a kind of its own: `[[round]]` tables, each with a name, minutes per
share, an optional prompt and, on the last, `closing = true`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from circle_tui.core.rounds import RoundSpec
from circle_tui.i18n import _
from circle_tui.settings.config_error import ConfigError, check_controls, either, quoted_key
from circle_tui.settings.kinds import Kind, typed_number
from circle_tui.settings.rule import Rule

MAX_SHARE_MINUTES = 60
MAX_ROUNDS = 20
MAX_ROUND_NAME = 40
MAX_PROMPT = 200
ROUND_KEYS = ("name", "minutes", "prompt", "closing", "untimed")

DEFAULT_ROUNDS = (
    RoundSpec("check-in", 1, "What are you bringing to the circle tonight?"),
    RoundSpec("sharing", 5),
    RoundSpec("sharing", 5),
    RoundSpec("closing", 1, "One word or a sentence you take with you.", closing=True),
)


def round_table(spec: RoundSpec) -> dict[str, Any]:
    """One round as its `[[round]]` table: only the keys that differ from their default."""
    table: dict[str, Any] = {"name": spec.name, "minutes": spec.minutes}
    if spec.prompt:
        table["prompt"] = spec.prompt
    if spec.closing:
        table["closing"] = True
    if spec.untimed:
        table["untimed"] = True
    return table


def minutes_expected() -> str:
    return _("expected a whole number of minutes from 1 to {most}").format(most=MAX_SHARE_MINUTES)


class Rounds(Kind):
    """The rounds editor's rows, the file's array of tables, a tuple of RoundSpec."""

    field = "rounds"
    is_table = True

    def check(self, value: Any, key: str, path: Path | str, rule: Rule) -> tuple[RoundSpec, ...]:
        if (
            not isinstance(value, list)
            or not 1 <= len(value) <= MAX_ROUNDS
            or not all(isinstance(v, dict) for v in value)
        ):
            raise ConfigError(
                path,
                key,
                _("expected 1 to {most} [[round]] tables, each with name and minutes").format(
                    most=MAX_ROUNDS
                ),
            )
        return tuple(
            _check_round(table, f"{key}[{i}]", path, last=i == len(value))
            for i, table in enumerate(value, start=1)
        )

    def from_field(self, held: Any) -> Any:
        if not isinstance(held, list):
            return held
        return [
            {**row, "minutes": typed_number(row["minutes"])}
            if isinstance(row, dict) and isinstance(row.get("minutes"), str)
            else row
            for row in held
        ]

    def to_field(self, value: tuple[RoundSpec, ...]) -> list[dict[str, Any]]:
        return [
            {"name": s.name, "minutes": str(s.minutes), "prompt": s.prompt, "closing": s.closing}
            for s in value
        ]

    def to_toml(self, value: tuple[RoundSpec, ...]) -> Any:
        import tomlkit

        tables = tomlkit.aot()
        for spec in value:
            tables.append(tomlkit.item(round_table(spec)))
        return tables

    def write(self, doc: Any, key: str, value: tuple[RoundSpec, ...]) -> None:
        """Update the [[round]] tables in place, so comments inside them survive."""
        import tomlkit

        tables = doc.get(key)
        if tables is None:
            doc[key] = self.to_toml(value)
            return
        wanted = [round_table(spec) for spec in value]
        for table, want in zip(tables, wanted, strict=False):
            for sub in ROUND_KEYS:
                if sub in want and table.get(sub) != want[sub]:
                    table[sub] = want[sub]
                elif sub not in want and sub in table:
                    del table[sub]
        while len(tables) > len(wanted):
            del tables[-1]
        for want in wanted[len(tables) :]:
            tables.append(tomlkit.item(want))

    def lines(self, key: str, value: tuple[RoundSpec, ...]) -> list[str]:
        lines = []
        for i, spec in enumerate(value, start=1):
            prompt = f" · {json.dumps(spec.prompt, ensure_ascii=False)}" if spec.prompt else ""
            closing = " · closing" if spec.closing else ""  # the TOML key, as in the file
            lines.append(f"{key}[{i}] = {spec.name} · {spec.minutes} min{prompt}{closing}")
        return lines


def _check_round(table: dict[str, Any], where: str, path: Path | str, last: bool) -> RoundSpec:
    for sub in table:
        if sub not in ROUND_KEYS:
            raise ConfigError(
                path,
                f"{where}.{quoted_key(sub)}",
                _("unknown key; expected {choices}").format(choices=either(ROUND_KEYS)),
            )
    name = table.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_ROUND_NAME:
        raise ConfigError(
            path,
            f"{where}.name",
            _("expected a name of 1 to {most} characters").format(most=MAX_ROUND_NAME),
        )
    check_controls(name, f"{where}.name", path)
    minutes = table.get("minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise ConfigError(path, f"{where}.minutes", minutes_expected())
    if not 1 <= minutes <= MAX_SHARE_MINUTES:
        raise ConfigError(
            path,
            f"{where}.minutes",
            _("{expected}, got {value}").format(expected=minutes_expected(), value=minutes),
        )
    prompt = table.get("prompt", "")
    if not isinstance(prompt, str) or len(prompt) > MAX_PROMPT:
        raise ConfigError(
            path,
            f"{where}.prompt",
            _("expected a quoted question of at most {most} characters").format(most=MAX_PROMPT),
        )
    check_controls(prompt, f"{where}.prompt", path)
    closing = table.get("closing", False)
    if not isinstance(closing, bool):
        raise ConfigError(path, f"{where}.closing", _("expected true or false"))
    if closing and not last:
        raise ConfigError(
            path, f"{where}.closing", _("expected closing = true on the last round only")
        )
    untimed = table.get("untimed", False)
    if not isinstance(untimed, bool):
        raise ConfigError(path, f"{where}.untimed", _("expected true or false"))
    return RoundSpec(name.strip(), minutes, prompt.strip(), closing, untimed)
