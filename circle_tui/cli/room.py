"""`circle-tui room`: the room view for a second screen; it starts a screen, so it loads Textual."""

from __future__ import annotations

import argparse

from circle_tui.errors import UserError
from circle_tui.i18n import _
from circle_tui.settings import Paths, load_settings


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "room",
        help=_("the room view: what the whole room may see, for a second screen on this laptop"),
        description=_(
            "Run this in a second terminal window (full screen on a TV or projector) "
            "while circle-tui runs in the first, with the same --data-dir. It connects to the "
            "console on this laptop only, never over the network."
        ),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, paths: Paths) -> int:
    from circle_tui.room.address import RoomUnavailable, room_address

    settings = load_settings(paths.config_file)
    try:
        path = room_address(paths)
    except RoomUnavailable as err:
        raise UserError(f"room: {err}") from None
    from circle_tui.ui.room import run as run_room_view

    return run_room_view(path, settings)
