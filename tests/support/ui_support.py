"""Building and driving the app in tests: the package's own scripted-circle support."""

from __future__ import annotations

from pathlib import Path

from circle_tui.settings import Settings
from circle_tui.ui.app import CircleApp
from tests.support.scenario import START, Facilitator, Wall, scripted_app

__all__ = [
    "START",
    "Wall",
    "Facilitator",
    "make_app",
    "press",
    "screen_text",
    "settle",
    "until_shown",
]


def make_app(root: Path, settings: Settings | None = None) -> CircleApp:
    return scripted_app(root, settings)


async def press(pilot, *keys: str) -> None:
    await Facilitator(pilot).press(*keys)


async def settle(pilot) -> None:
    await Facilitator(pilot).settle()


def screen_text(app: CircleApp) -> str:
    """What the top screen shows, as plain text lines (toasts and dialogs included)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def until_shown(pilot, screen_type, tries: int = 50) -> None:
    """Let the app follow the circle to `screen_type`, mounted; fail loudly if it never does."""
    for _ in range(tries):
        if isinstance(pilot.app.screen, screen_type) and pilot.app.screen.is_mounted:
            return
        await pilot.pause()
    raise AssertionError(f"{screen_type.__name__} never showed; {pilot.app.screen} did")
