"""Settings, each declared once: its type, default, bounds, label and help.

From the declarations come the validator, the file `config --init` writes, the TOML writer
(which keeps the user's comments, via tomlkit) and the settings screen's fields. Errors are
one line naming the file, the key and what is expected."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import MISSING, dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from circle_tui.core.chime import CHIMES
from circle_tui.core.order import ROTATIONS
from circle_tui.core.plan import BREAK_MINUTES
from circle_tui.core.record import MAX_CIRCLE_NAME
from circle_tui.core.rounds import RoundSpec
from circle_tui.core.text import control_problem, escape_controls
from circle_tui.i18n import LANGUAGES, N_, _, ngettext

if TYPE_CHECKING:
    from circle_tui.core.qr import FeedbackURL

APP_NAME = "circle-tui"
CONFIG_ENV = "CIRCLE_TUI_CONFIG"
DATA_DIR_ENV = "CIRCLE_TUI_DATA_DIR"
#: The attendance log's file name inside the data dir.
ATTENDANCE_FILE = "attendance.json"
QR_LEVELS = ("M", "Q", "H")
ROOM_SAFE = ("auto", "on", "off")
MAX_SHARE_MINUTES = 60
MAX_ROUNDS = 20
MAX_ROUND_NAME = 40
MAX_PROMPT = 200
#: A full settings file is about 3 KiB; anything near this is not one.
MAX_CONFIG_BYTES = 1024 * 1024


class ConfigError(Exception):
    """A bad config value: one line naming the file, the key and the expected form."""

    def __init__(self, path: Path | str, key: str, expected: str) -> None:
        super().__init__(f"{path}: {key}: {expected}")
        self.path, self.key, self.expected = str(path), key, expected


@dataclass(frozen=True)
class Rule:
    """How one setting is checked, shown and explained (dataclass field metadata)."""

    label: str
    help: str
    low: int | None = None
    high: int | None = None
    choices: tuple[str, ...] = ()  # fixed choices; sets and themes are listed by their owners
    max_len: int = 500
    empty_ok: bool = True
    refused: Mapping[str, str] = field(default_factory=dict)  # value -> why it is refused
    toml_key: str = ""  # when the file's key differs from the attribute's name
    comment: str = ""  # beside the key in `config --init`

    def key(self, name: str) -> str:
        return self.toml_key or name


def setting(default: Any, label: str, help: str, **rule: Any) -> Any:
    """Declare a setting: the dataclass default plus its Rule, in one place."""
    meta = {"rule": Rule(label, help, **rule)}
    if isinstance(default, list | tuple | dict):
        return field(default_factory=lambda: type(default)(default), metadata=meta)
    return field(default=default, metadata=meta)


DEFAULT_ROUNDS = (
    RoundSpec("check-in", 1, "What are you bringing to the circle tonight?"),
    RoundSpec("sharing", 5),
    RoundSpec("sharing", 5),
    RoundSpec("closing", 1, "One word or a sentence you take with you.", closing=True),
)
#: The old `rounds = [...]` kinds, read from files written before rounds had names.
OLD_KINDS = {"check_in": "check-in", "sharing": "sharing", "closing": "closing"}


@dataclass
class Settings:
    """Every value has a default, so the app runs with no config file at all."""

    circle_name: str = setting(
        "Peer integration circle",
        N_("Circle name"),
        N_("Shown on the screens and stored with each session's counts."),
        max_len=MAX_CIRCLE_NAME,
        empty_ok=False,
    )
    feedback_url: str = setting(
        "",
        N_("Feedback URL"),
        N_(
            "Anonymous feedback form shown as a QR code at closing. {date} and {circle} are "
            "filled in (URL-encoded). Never add anything that identifies a person."
        ),
    )
    resources_url: str = setting(
        "",
        N_("Resources URL"),
        N_("Optional second QR code beside the resources card (support / harm reporting)."),
    )
    agreements: str = setting(
        "peer-integration",
        N_("Agreement set"),
        N_(
            "A bundled or your own set, by name (circle-tui agreements list). In another "
            "language its twin NAME.CODE is read when there is one (peer-integration.es in "
            "Spanish), unless the name says its language (peer-integration.en)."
        ),
        max_len=100,
        empty_ok=False,
    )
    resources: str = setting(
        "resources",
        N_("Resources card"),
        N_(
            "The resources card, by name (in another language, NAME.CODE when there is one: "
            "resources.es in Spanish)."
        ),
        max_len=100,
        empty_ok=False,
    )
    language: str = setting(
        "auto",
        N_("Language"),
        N_(
            'The language of the screens and messages: "auto" (the agreement set\'s language, '
            'else the system\'s, else English), or a language\'s code, such as "en" or "es".'
        ),
        choices=("auto", *LANGUAGES),
    )
    session_minutes: int = setting(
        120,
        N_("Session minutes"),
        N_("How long the whole circle is planned to last."),
        low=10,
        high=24 * 60,
    )
    warning_seconds: int = setting(
        60,
        N_("Cue, seconds before time"),
        N_('The "1 minute left" cue (never more than half a turn).'),
        low=1,
        high=MAX_SHARE_MINUTES * 60,
    )
    silence_seconds: int = setting(
        0,
        N_("Silence between turns, s"),
        N_("A calm pause between turns; 0 = none."),
        low=0,
        high=300,
    )
    opening_silence_seconds: int = setting(
        60,
        N_("Opening silence, s"),
        N_("The silence offered at the opening (space), to land; 0 = none."),
        low=0,
        high=900,
    )
    closing_silence_seconds: int = setting(
        0,
        N_("Closing silence, s"),
        N_("A silence before the closing words; 0 = none."),
        low=0,
        high=900,
    )
    break_minutes: int = setting(
        BREAK_MINUTES,
        N_("Break, minutes"),
        N_("How long a break (b, between rounds) starts; + and - change it while it runs."),
        low=1,
        high=60,
    )
    show_clock: bool = setting(
        False,
        N_("Time of day"),
        N_("Show the time of day on the console's title line and on the room view."),
    )
    pause_silence_seconds: int = setting(
        0,
        N_("Care pause silence, s"),
        N_(
            "A calm countdown on the care pause screen (g); 0 = none: the pause lasts as long "
            "as it needs."
        ),
        low=0,
        high=900,
    )
    bell: bool = setting(
        False, N_("Bell at time"), N_("A terminal bell when a turn reaches its time.")
    )
    chime: str = setting(
        "off",
        N_("Chime"),
        N_(
            'A gentle chime through the laptop\'s speakers: "off", "silences" (as a silence '
            'begins and ends) or "silences-and-time" (also when a turn reaches its time). '
            "Played by the system's own player (afplay, pw-play, paplay or aplay; winsound on "
            "Windows); the bell setting is apart from it."
        ),
        choices=CHIMES,
    )
    theme: str = setting(
        "textual-dark",
        N_("Theme"),
        N_('The colours: "textual-dark", "textual-light", "high-contrast", or any Textual theme.'),
        max_len=60,
        empty_ok=False,
    )
    qr_error_correction: str = setting(
        "M",
        N_("QR error correction"),
        N_("M, Q or H: higher survives a dimmer screen but makes a denser code."),
        choices=QR_LEVELS,
        refused={"L": N_("L is too fragile on a screen")},
    )
    room_names: str = setting(
        "name",
        N_("Names on the room view"),
        N_(
            'What the room view calls the speaker: "name" (a typed name, else the seat), '
            '"seat" (always "Seat 3") or "none".'
        ),
        choices=("name", "seat", "none"),
    )
    room_safe: str = setting(
        "auto",
        N_("Room-safe console"),
        N_(
            "Whether the rounds screen's facilitator panel (who passed, who left, airtime) "
            'starts each circle hidden, in case the room can see the laptop: "auto" hides it '
            'unless a room view is connected when the circle starts, "on" always hides it, '
            '"off" always shows it. h shows or hides it at any time.'
        ),
        choices=ROOM_SAFE,
    )
    rotate_start: str = setting(
        "off",
        N_("Start-seat rotation"),
        N_(
            'Who begins each round around the circle: "off" (the first seat, or the one chosen '
            'with [ and ]), "next-seat" (one seat on from whoever began the last round) or '
            '"next-seat-and-direction" (one seat on, and the other way round each time). '
            "[ and ] still choose another for that round."
        ),
        choices=ROTATIONS,
    )
    rounds: tuple[RoundSpec, ...] = setting(
        DEFAULT_ROUNDS,
        N_("Rounds"),
        N_(
            "The plan of rounds: each with a name, minutes per share and an optional prompt; "
            "mark the last closing = true to hold it even when going to closing early. A round "
            "with untimed = true has no countdown: its shares take as long as they take, and "
            "its minutes are only the estimate fit to time plans with."
        ),
        toml_key="round",
    )

    def room_safe_now(self, room_views: int) -> bool:
        """Hide the facilitator's panel? "auto": yes, unless a room view shows the room."""
        return self.room_safe == "on" or (self.room_safe == "auto" and room_views == 0)

    def link(self, key: str, day: date) -> FeedbackURL:
        """`feedback_url` or `resources_url` expanded for `day`; QRError if it cannot be used."""
        from circle_tui.core.qr import feedback_url

        return feedback_url(
            getattr(self, key), circle=self.circle_name, day=day, level=self.qr_error_correction
        )


@dataclass(frozen=True)
class Declared:
    name: str  # the attribute
    key: str  # in the file
    kind: type
    default: Any
    rule: Rule


def declarations() -> Iterator[Declared]:
    """Every setting, in the order of the file and the settings screen."""
    kinds = {"str": str, "int": int, "bool": bool}
    for f in fields(Settings):
        default = f.default if f.default is not MISSING else f.default_factory()  # type: ignore[misc]
        rule: Rule = f.metadata["rule"]
        kind = kinds.get(str(f.type), tuple)
        yield Declared(f.name, rule.key(f.name), kind, default, rule)


DECLARED = {d.key: d for d in declarations()}


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

    @property
    def cards_dir(self) -> Path:
        """Where `e` at closing saves printable QR cards: beside the settings, never the
        folder the app happened to be started from."""
        return self.config_dir / "cards"


def resolve_paths(config: str | None = None, data_dir: str | None = None) -> Paths:
    """The files in use: the flags if given, else the environment, else the user's folders.
    UserError naming the flag or variable whose `~user` names no home folder here."""
    config_file = config or os.environ.get(CONFIG_ENV)
    data = data_dir or os.environ.get(DATA_DIR_ENV)
    # platformdirs is imported only when needed: startup time is a feature here.
    if config_file:
        config_path = _expanded(config_file, "--config" if config else CONFIG_ENV)
    else:
        import platformdirs

        config_path = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"
    if data:
        data_path = _expanded(data, "--data-dir" if data_dir else DATA_DIR_ENV)
    else:
        import platformdirs

        data_path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return Paths(config_file=config_path, data_dir=data_path)


class NoSuchHome(ValueError):
    """A path starting `~user` (or `~`) whose home folder cannot be found here."""


def expand_home(value: str) -> Path:
    """`value` with a leading `~` or `~user` made the home folder; NoSuchHome when there is
    no such user here (or no home at all), where pathlib raises a bare RuntimeError."""
    try:
        return Path(value).expanduser()
    except RuntimeError:
        raise NoSuchHome(re.split(r"[\\/]", value, maxsplit=1)[0]) from None


def _expanded(value: str, source: str) -> Path:
    from circle_tui.errors import UserError

    try:
        return expand_home(value)
    except NoSuchHome as err:
        raise UserError(
            f"{source}: "
            + _(
                "cannot find the home folder {start} (no such user here); give the folder's "
                "full path"
            ).format(start=escape_controls(str(err)))
        ) from None


def load_settings(path: Path) -> Settings:
    """Read `path` if it exists; a missing file means the defaults."""
    return settings_from_mapping(read_config(path), path)


def read_config(path: Path) -> dict[str, Any]:
    """The file's TOML as a mapping ({} when there is no file); ConfigError naming the file
    for anything else: not a regular file, too large, not UTF-8, not TOML."""
    text = _config_text(path)
    return {} if text is None else parse_toml(text, path)


def _config_text(path: Path) -> str | None:
    """The file's text, None if there is none. Read as a stranger's file: a FIFO or device is
    refused before it is opened, so it cannot hang the app."""
    from circle_tui.storage.reading import UnusableFile, read_regular_file

    try:
        return read_regular_file(path, MAX_CONFIG_BYTES).decode("utf-8")
    except FileNotFoundError:
        return None
    except UnusableFile as err:
        raise ConfigError(
            path, "(file)", _("{reason}; give the path of a TOML file").format(reason=err.reason)
        ) from None
    except UnicodeDecodeError:
        raise ConfigError(path, "(file)", _("not UTF-8 text; save it as UTF-8")) from None
    except OSError as err:
        raise ConfigError(
            path, "(file)", _("cannot be read ({reason})").format(reason=err.strerror)
        ) from None


def parse_toml(text: str, path: Path | str) -> dict[str, Any]:
    """TOML text as a mapping, or ConfigError. tomllib raises TOMLDecodeError for bad syntax,
    but also a plain ValueError for an integer of thousands of digits and RecursionError
    for arrays or inline tables nested a thousand deep."""
    import tomllib  # only when there is a file to read

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(path, "(syntax)", _malformed(str(err))) from None
    except ValueError as err:
        raise ConfigError(path, "(syntax)", _malformed(_cut(str(err), 80))) from None
    except RecursionError:
        raise ConfigError(
            path, "(syntax)", _("values nested too deeply; expected flat settings")
        ) from None


def _malformed(detail: str) -> str:
    return _("malformed TOML: {detail}").format(detail=detail)


_BARE_KEY = re.compile("[A-Za-z0-9_-]+").fullmatch


def _key(key: str) -> str:
    """A key from the file as a message may quote it: a quoted TOML key can be empty or hold
    anything, a line break or an escape sequence among it; it is shown quoted, as in TOML."""
    if _BARE_KEY(key):
        return key
    return '"' + escape_controls(_cut(key)).replace('"', '\\"') + '"'


def _cut(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# -- checking --------------------------------------------------------------------------------
#: A whole number as typed: ASCII digits only (`²` and `١` are digits to str.isdigit), and few
#: enough that no bound is near (Python refuses to convert over 4,300 digits).
_WHOLE_NUMBER = re.compile("-?[0-9]{1,9}").fullmatch


def typed_number(text: str) -> int | str:
    """A number field's text as an int, or the text itself for the check to refuse by name:
    whatever was typed or pasted, never an exception."""
    text = text.strip()
    return int(text) if _WHOLE_NUMBER(text) else text


def settings_from_fields(fields: Mapping[str, Any], source: str = "settings") -> Settings:
    """Settings from the settings screen's fields as they hold them (number fields as text,
    rounds as rows of text), checked as a file's values are; ConfigError names the field."""
    data = dict(fields)
    for d in declarations():
        if d.key not in data:
            continue
        if d.kind is int:
            data[d.key] = typed_number(data[d.key])
        elif d.kind is tuple and isinstance(data[d.key], list):
            data[d.key] = [
                {**row, "minutes": typed_number(row["minutes"])}
                if isinstance(row, dict) and isinstance(row.get("minutes"), str)
                else row
                for row in data[d.key]
            ]
    return settings_from_mapping(data, source)


def settings_from_mapping(data: Mapping[str, Any], path: Path | str = "<settings>") -> Settings:
    """Validate a mapping of config keys; raises ConfigError on the first bad value."""
    data = dict(data)
    _convert_old_rounds(data, path)
    for key in data:
        if key not in DECLARED:
            raise ConfigError(
                path,
                _key(key),
                _("unknown key; expected one of {keys}").format(keys=", ".join(DECLARED)),
            )
    values = {}
    for d in DECLARED.values():
        if d.key in data:
            values[d.name] = _check(d, data[d.key], path)
    settings = Settings(**values)
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
    return settings


def _check(d: Declared, value: Any, path: Path | str) -> Any:
    rule, key = d.rule, d.key
    if d.kind is bool:
        if not isinstance(value, bool):
            raise ConfigError(path, key, _("expected true or false"))
        return value
    if d.kind is int:
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
    if d.kind is str:
        return _check_text(value, key, path, rule)
    return _check_rounds(value, key, path)


def _check_text(value: Any, key: str, path: Path | str, rule: Rule) -> str:
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
                "expected at most {n} character", "expected at most {n} characters", rule.max_len
            ).format(n=rule.max_len),
        )
    _check_controls(value, key, path)
    if rule.choices:
        upper = value.upper() if all(c.isupper() for c in rule.choices) else value
        if upper in rule.refused:
            raise ConfigError(
                path,
                key,
                _("{why}; expected {choices}").format(
                    why=_(rule.refused[upper]), choices=_either(rule.choices)
                ),
            )
        if upper not in rule.choices:
            raise ConfigError(
                path, key, _("expected {choices}").format(choices=_either(rule.choices))
            )
        return upper
    return value


def _check_controls(value: str, key: str, path: Path | str) -> None:
    problem = control_problem(value)
    if problem:
        raise ConfigError(path, key, problem)


def _either(choices: Sequence[str]) -> str:
    quoted = [f'"{c}"' for c in choices]
    if len(quoted) == 1:
        return quoted[0]
    return _("{some} or {last}").format(some=", ".join(quoted[:-1]), last=quoted[-1])


ROUND_KEYS = ("name", "minutes", "prompt", "closing", "untimed")


def _check_rounds(value: Any, key: str, path: Path | str) -> tuple[RoundSpec, ...]:
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
    specs = []
    for i, table in enumerate(value, start=1):
        where = f"{key}[{i}]"
        for sub in table:
            if sub not in ROUND_KEYS:
                raise ConfigError(
                    path,
                    f"{where}.{_key(sub)}",
                    _("unknown key; expected {choices}").format(choices=_either(ROUND_KEYS)),
                )
        name = table.get("name")
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_ROUND_NAME:
            raise ConfigError(
                path,
                f"{where}.name",
                _("expected a name of 1 to {most} characters").format(most=MAX_ROUND_NAME),
            )
        _check_controls(name, f"{where}.name", path)
        minutes = table.get("minutes")
        if isinstance(minutes, bool) or not isinstance(minutes, int):
            raise ConfigError(
                path,
                f"{where}.minutes",
                _minutes_expected(),
            )
        if not 1 <= minutes <= MAX_SHARE_MINUTES:
            raise ConfigError(
                path,
                f"{where}.minutes",
                _("{expected}, got {value}").format(expected=_minutes_expected(), value=minutes),
            )
        prompt = table.get("prompt", "")
        if not isinstance(prompt, str) or len(prompt) > MAX_PROMPT:
            raise ConfigError(
                path,
                f"{where}.prompt",
                _("expected a quoted question of at most {most} characters").format(
                    most=MAX_PROMPT
                ),
            )
        _check_controls(prompt, f"{where}.prompt", path)
        closing = table.get("closing", False)
        if not isinstance(closing, bool):
            raise ConfigError(path, f"{where}.closing", _("expected true or false"))
        if closing and i != len(value):
            raise ConfigError(
                path, f"{where}.closing", _("expected closing = true on the last round only")
            )
        untimed = table.get("untimed", False)
        if not isinstance(untimed, bool):
            raise ConfigError(path, f"{where}.untimed", _("expected true or false"))
        specs.append(RoundSpec(name.strip(), minutes, prompt.strip(), closing, untimed))
    return tuple(specs)


def _minutes_expected() -> str:
    return _("expected a whole number of minutes from 1 to {most}").format(most=MAX_SHARE_MINUTES)


def _convert_old_rounds(data: dict[str, Any], path: Path | str) -> None:
    """Files from before named rounds: `rounds = ["check_in", …]` and `[minutes]`."""
    if "rounds" not in data and "minutes" not in data:
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
                f"minutes.{_key(kind)}",
                _("unknown round kind; expected {kinds}").format(kinds=kinds),
            )
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not 1 <= value <= MAX_SHARE_MINUTES
        ):
            raise ConfigError(
                path,
                f"minutes.{kind}",
                _minutes_expected(),
            )
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
            what = repr(_cut(kind)) if isinstance(kind, str) else _toml_kind(kind)
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


# -- writing -------------------------------------------------------------------------------
def _toml_value(value: Any) -> Any:
    if isinstance(value, tuple) and value and isinstance(value[0], RoundSpec):
        return [_round_table(spec) for spec in value]
    return value


def _round_table(spec: RoundSpec) -> dict[str, Any]:
    table: dict[str, Any] = {"name": spec.name, "minutes": spec.minutes}
    if spec.prompt:
        table["prompt"] = spec.prompt
    if spec.closing:
        table["closing"] = True
    if spec.untimed:
        table["untimed"] = True
    return table


def default_config_text() -> str:
    """The commented file `circle-tui config --init` writes: every key, at its default, with
    its help as a comment; generated from the declarations."""
    import tomlkit

    doc = tomlkit.document()
    doc.add(
        tomlkit.comment(
            _("circle-tui settings. Every key is optional; delete a line to use its default.")
        )
    )
    doc.add(tomlkit.comment(_("Nothing here identifies a participant, and nothing ever should.")))
    for d in declarations():
        doc.add(tomlkit.nl())
        for line in _wrap(_(d.rule.help)):
            doc.add(tomlkit.comment(line))
        if d.kind is tuple:
            rounds = tomlkit.aot()
            for spec in d.default:
                rounds.append(tomlkit.item(_round_table(spec)))
            doc.add(d.key, rounds)
        else:
            doc.add(d.key, _toml_value(d.default))
    return tomlkit.dumps(doc)


def _wrap(text: str, width: int = 88) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width)


def settings_to_toml(settings: Settings, existing: str | None = None) -> str:
    """The settings as TOML that loads back to the same values. Given the file as it is, only
    the values that changed are rewritten: the user's comments and key order stay."""
    import tomlkit

    doc = tomlkit.parse(existing) if existing is not None else tomlkit.parse(default_config_text())
    # Files from before named rounds: the old keys give way to [[round]] tables.
    if "rounds" in doc or "minutes" in doc:
        doc.pop("rounds", None)
        doc.pop("minutes", None)
    for d in declarations():
        value = getattr(settings, d.name)
        present = d.key in doc
        if not present and value == d.default:
            continue  # an absent key means the default; keep the file as short as it was
        if d.kind is tuple:
            _write_rounds(doc, d.key, value)
        elif not present or doc[d.key] != value:
            doc[d.key] = _toml_value(value)
    return tomlkit.dumps(doc)


def updated_config_text(settings: Settings, path: Path) -> str:
    """The file at `path` with `settings` written in, its comments kept (a fresh commented
    file if there is none); ConfigError if the file, as it is now, cannot be read."""
    existing = _config_text(path)
    if existing is not None:
        parse_toml(existing, path)  # edited since it was loaded: the same checks as loading
    try:
        return settings_to_toml(settings, existing)
    except (ValueError, RecursionError) as err:  # what tomlkit finds that tomllib did not
        raise ConfigError(path, "(syntax)", _malformed(_cut(str(err), 80))) from None


def _write_rounds(doc: Any, key: str, specs: tuple[RoundSpec, ...]) -> None:
    """Update the [[round]] tables in place, so comments inside them survive."""
    import tomlkit

    wanted = [_round_table(spec) for spec in specs]
    tables = doc.get(key)
    if tables is None:
        aot = tomlkit.aot()
        for table in wanted:
            aot.append(tomlkit.item(table))
        doc[key] = aot
        return
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
