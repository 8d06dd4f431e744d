"""One screen per phase of the circle, plus dialogs and the host's screens.

Registered as callables (named `…_screen`, so no submodule hides them): each imports its screen when first shown (the closing screen's QR
code brings its own libraries, for instance), and a new screen is made each time."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from circle_tui.core.plan import Phase


def home_screen() -> Screen:
    from circle_tui.ui.screens.home import HomeScreen

    return HomeScreen()


def arrivals_screen() -> Screen:
    from circle_tui.ui.screens.arrivals import ArrivalsScreen

    return ArrivalsScreen()


def opening_screen() -> Screen:
    from circle_tui.ui.screens.opening import OpeningScreen

    return OpeningScreen()


def agreements_screen() -> Screen:
    from circle_tui.ui.screens.agreements import AgreementsScreen

    return AgreementsScreen()


def rounds_screen() -> Screen:
    from circle_tui.ui.screens.rounds import RoundsScreen

    return RoundsScreen()


def break_screen() -> Screen:
    from circle_tui.ui.screens.breaks import BreakScreen

    return BreakScreen()


def closing_screen() -> Screen:
    from circle_tui.ui.screens.closing import ClosingScreen

    return ClosingScreen()


def end_screen() -> Screen:
    from circle_tui.ui.screens.end import EndScreen

    return EndScreen()


def attendance_screen() -> Screen:
    from circle_tui.ui.screens.attendance import AttendanceScreen

    return AttendanceScreen()


def settings_screen() -> Screen:
    from circle_tui.ui.screens.settings import SettingsScreen

    return SettingsScreen()


def privacy_screen() -> Screen:
    from circle_tui.ui.screens.privacy import PrivacyScreen

    return PrivacyScreen()


PHASES: dict[Phase, Callable[[], Screen]] = {
    Phase.ARRIVALS: arrivals_screen,
    Phase.OPENING: opening_screen,
    Phase.AGREEMENTS: agreements_screen,
    Phase.ROUNDS: rounds_screen,
    Phase.BREAK: break_screen,
    Phase.CLOSING: closing_screen,
    Phase.END: end_screen,
}
#: The screens that can be opened from anywhere (home keys and the command palette).
NAMED: dict[str, Callable[[], Screen]] = {
    "attendance": attendance_screen,
    "settings": settings_screen,
    "privacy": privacy_screen,
}


def for_phase(phase: Phase) -> Screen:
    return PHASES[phase]()
