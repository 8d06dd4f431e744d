"""The themes: a high-contrast one for bright rooms and tired eyes, and cue colours that stay
apart on a terminal of 16 colours."""

from __future__ import annotations

import dataclasses
from typing import Any

from textual.app import App
from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    warning="#ffaf00",
    error="#ff5f5f",
    success="#00ff5f",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1c1c1c",
    dark=True,
)

#: Terminals that show 16 colours (TERM=screen, xterm, linux): Rich gives each colour the
#: nearest of them, and the themes' orange warning and accent and their red error all come out
#: bright red, so "1 minute left" looked like "time". These land on three different ones:
#: bright yellow, bright red and bright cyan.
SIXTEEN_COLOUR_CUES: dict[str, Any] = {
    "warning": "#ffff00",
    "error": "#ff0000",
    "accent": "#00ffff",
}
#: Rich's names for the colour systems of 16 colours.
SIXTEEN_COLOURS = ("standard", "windows")


def css_variables(theme: Theme, color_system: str | None) -> dict[str, str]:
    """The theme's CSS variables (as Textual's App.get_css_variables makes them), with the cue
    colours replaced on a terminal of 16 colours, shades and all."""
    if color_system in SIXTEEN_COLOURS:
        theme = dataclasses.replace(theme, **SIXTEEN_COLOUR_CUES)
    return {**theme.to_color_system().generate(), **theme.variables}


class CueColours(App):
    """Mixed into the console and the room view: Textual's CSS variables, with cue colours
    that stay apart on a terminal of 16 colours."""

    def get_css_variables(self) -> dict[str, str]:
        variables = css_variables(self.current_theme, self.console.color_system)
        self.theme_variables = {**self.get_theme_variable_defaults(), **variables}
        return self.theme_variables
