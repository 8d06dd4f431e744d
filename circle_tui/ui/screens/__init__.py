"""One screen per phase of the circle, plus dialogs and the host's screens."""

from __future__ import annotations

from textual.screen import Screen

from circle_tui.core.plan import Phase


def for_phase(phase: Phase) -> type[Screen]:
    from circle_tui.ui.screens.agreements import AgreementsScreen
    from circle_tui.ui.screens.arrivals import ArrivalsScreen
    from circle_tui.ui.screens.breaks import BreakScreen
    from circle_tui.ui.screens.closing import ClosingScreen
    from circle_tui.ui.screens.end import EndScreen
    from circle_tui.ui.screens.opening import OpeningScreen
    from circle_tui.ui.screens.rounds import RoundsScreen

    return {
        Phase.ARRIVALS: ArrivalsScreen,
        Phase.OPENING: OpeningScreen,
        Phase.AGREEMENTS: AgreementsScreen,
        Phase.ROUNDS: RoundsScreen,
        Phase.BREAK: BreakScreen,
        Phase.CLOSING: ClosingScreen,
        Phase.END: EndScreen,
    }[phase]


def by_name(name: str) -> type[Screen]:
    """The screens that can be opened from anywhere (home keys and the command palette)."""
    from circle_tui.ui.screens.attendance import AttendanceScreen
    from circle_tui.ui.screens.privacy import PrivacyScreen
    from circle_tui.ui.screens.settings import SettingsScreen

    return {"attendance": AttendanceScreen, "settings": SettingsScreen, "privacy": PrivacyScreen}[
        name
    ]
