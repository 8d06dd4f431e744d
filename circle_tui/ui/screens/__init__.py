"""One screen per phase of the circle, plus dialogs and the host's screens."""

from __future__ import annotations

from importlib import import_module

from textual.screen import Screen

from circle_tui.core.plan import Phase

# Imported when first shown: the closing screen's QR code brings Pillow along, for instance.
_PHASES = {
    Phase.ARRIVALS: "arrivals.ArrivalsScreen",
    Phase.OPENING: "opening.OpeningScreen",
    Phase.AGREEMENTS: "agreements.AgreementsScreen",
    Phase.ROUNDS: "rounds.RoundsScreen",
    Phase.BREAK: "breaks.BreakScreen",
    Phase.CLOSING: "closing.ClosingScreen",
    Phase.END: "end.EndScreen",
}
_NAMED = {
    "attendance": "attendance.AttendanceScreen",
    "settings": "settings.SettingsScreen",
    "privacy": "privacy.PrivacyScreen",
}


def _load(where: str) -> type[Screen]:
    module, name = where.split(".")
    return getattr(import_module(f"circle_tui.ui.screens.{module}"), name)


def for_phase(phase: Phase) -> type[Screen]:
    return _load(_PHASES[phase])


def by_name(name: str) -> type[Screen]:
    """The screens that can be opened from anywhere (home keys and the command palette)."""
    return _load(_NAMED[name])
