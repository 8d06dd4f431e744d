"""Every setting, declared once: its type, default, bounds, label and help. From these
declarations come the checks, the file `config --init` writes, the TOML writer, `circle-tui
config`, the settings screen's fields and README's settings block.

Adding a setting is adding its declaration to `Settings`: its type hint picks its kind
(KINDS), its Rule says how it is bounded, labelled and explained."""

from __future__ import annotations

import typing
from dataclasses import MISSING, dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING, Any

from circle_tui.core.chime import CHIME_WORDS, CHIMES
from circle_tui.core.order import ROTATION_WORDS, ROTATIONS
from circle_tui.core.plan import BREAK_MINUTES
from circle_tui.core.record import MAX_CIRCLE_NAME
from circle_tui.core.rounds import RoundSpec
from circle_tui.i18n import LANGUAGES, N_
from circle_tui.settings.kinds import Kind, Number, Switch, Text, WholeNumber
from circle_tui.settings.rounds import DEFAULT_ROUNDS, MAX_SHARE_MINUTES, Rounds
from circle_tui.settings.rule import Listed, Rule, said

if TYPE_CHECKING:
    from circle_tui.core.qr import FeedbackURL

#: Fixed choices, each with the words the settings screen says it in (the file holds the
#: value itself).
QR_LEVEL_WORDS = {"M": N_("medium"), "Q": N_("quartile"), "H": N_("high")}
ROOM_SAFE_WORDS = {
    "auto": N_("hidden unless a room view is connected"),
    "on": N_("always hidden"),
    "off": N_("always shown"),
}
ROOM_NAME_WORDS = {
    "name": N_("the typed name, else the seat"),
    "seat": N_("the seat"),
    "none": N_("nothing"),
}
QR_LEVELS = tuple(QR_LEVEL_WORDS)
ROOM_SAFE = tuple(ROOM_SAFE_WORDS)


def language_words(code: str) -> str:
    """A language by its own name (`español`, never translated), or what "auto" does."""
    from circle_tui.i18n import _, language_name

    return _("automatic") if code == "auto" else language_name(code)


#: The kind of setting each type hint declares; a type missing here is refused at import.
KINDS: dict[Any, Kind] = {
    bool: Switch(),
    int: WholeNumber(),
    float: Number(),
    str: Text(),
    tuple[RoundSpec, ...]: Rounds(),
}

#: Choices their owners list: the library finds the sets, Textual registers the themes.
AGREEMENT_SETS = Listed("agreement sets")
RESOURCE_CARDS = Listed("resource cards")
THEMES = Listed("themes", off_list=N_("expected one of the listed themes"))


def setting(default: Any, label: str, help: str, **rule: Any) -> Any:
    """Declare a setting: the dataclass default plus its Rule, in one place."""
    meta = {"rule": Rule(label, help, **rule)}
    if isinstance(default, list | tuple | dict):
        return field(default_factory=lambda: type(default)(default), metadata=meta)
    return field(default=default, metadata=meta)


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
        listed=AGREEMENT_SETS,
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
        listed=RESOURCE_CARDS,
    )
    language: str = setting(
        "auto",
        N_("Language"),
        N_(
            'The language of the screens and messages: "auto" (the agreement set\'s language, '
            'else the system\'s, else English), or a language\'s code, such as "en" or "es".'
        ),
        choices=("auto", *LANGUAGES),
        words=language_words,
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
        words=said(CHIME_WORDS),
    )
    theme: str = setting(
        "textual-dark",
        N_("Theme"),
        N_('The colours: "textual-dark", "textual-light", "high-contrast", or any Textual theme.'),
        max_len=60,
        empty_ok=False,
        listed=THEMES,
    )
    qr_error_correction: str = setting(
        "M",
        N_("QR error correction"),
        N_("M, Q or H: higher survives a dimmer screen but makes a denser code."),
        choices=QR_LEVELS,
        words=said(QR_LEVEL_WORDS),
        refused={"L": N_("L is too fragile on a screen")},
    )
    room_names: str = setting(
        "name",
        N_("Names on the room view"),
        N_(
            'What the room view calls the speaker: "name" (a typed name, else the seat), '
            '"seat" (always "Seat 3") or "none".'
        ),
        choices=tuple(ROOM_NAME_WORDS),
        words=said(ROOM_NAME_WORDS),
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
        words=said(ROOM_SAFE_WORDS),
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
        words=said(ROTATION_WORDS),
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
    kind: Kind
    default: Any
    rule: Rule


def declarations() -> tuple[Declared, ...]:
    """Every setting, in the order of the file and the settings screen."""
    return declarations_of(Settings)  # looked up when called: a test may declare more


def declared() -> dict[str, Declared]:
    """Every setting by its key in the file."""
    return {d.key: d for d in declarations()}


def declarations_of(schema: type) -> tuple[Declared, ...]:
    """The declarations of a settings dataclass; TypeError naming the setting whose type
    hint has no kind, so a mistake stops the import, not a facilitator's evening."""
    cached = _DECLARED.get(schema)
    if cached is not None:
        return cached
    hints = typing.get_type_hints(schema)
    found = []
    for f in fields(schema):
        kind = KINDS.get(hints[f.name])
        if kind is None:
            known = ", ".join(getattr(t, "__name__", str(t)) for t in KINDS)
            raise TypeError(
                f"{schema.__name__}.{f.name}: no kind of setting for the type {hints[f.name]!r}; "
                f"use one of {known} or add a kind to settings.schema.KINDS"
            )
        rule = f.metadata.get("rule")
        if not isinstance(rule, Rule):
            raise TypeError(f"{schema.__name__}.{f.name}: declare it with setting(...)")
        default = f.default if f.default is not MISSING else f.default_factory()  # type: ignore[misc,operator]
        found.append(Declared(f.name, rule.key(f.name), kind, default, rule))
    _DECLARED[schema] = tuple(found)
    return _DECLARED[schema]


_DECLARED: dict[type, tuple[Declared, ...]] = {}
declarations()  # every type hint resolved now, at import
