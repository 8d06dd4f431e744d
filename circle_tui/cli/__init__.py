"""The `circle-tui` command: the TUI by default, and subcommands for hosts.

One module per command group; none of them imports Textual, except `room` and the default
command, which start a screen."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from circle_tui import __version__
from circle_tui.config import ConfigError, load_settings, resolve_paths
from circle_tui.errors import EXIT_USAGE, UserError

if TYPE_CHECKING:
    import argparse


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from circle_tui.cli import agreements, attendance, config, privacy, qr, room

    parser = argparse.ArgumentParser(
        prog="circle-tui",
        description="A calm terminal companion for peer integration circles. "
        "With no command, starts the full-screen app.",
    )
    parser.add_argument("--version", action="version", version=f"circle-tui {__version__}")
    parser.add_argument("--config", metavar="FILE", help="settings file (env CIRCLE_TUI_CONFIG)")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where attendance counts are kept (env CIRCLE_TUI_DATA_DIR)",
    )
    commands = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")
    for module in (config, attendance, agreements, qr, privacy, room):
        module.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from circle_tui.cli.output import say, substitute_on_std_streams

    substitute_on_std_streams()
    argv = sys.argv[1:] if argv is None else list(argv)
    # The everyday case, `circle-tui` alone, needs no argument parser (startup time).
    args = build_parser().parse_args(argv) if argv else None
    paths = resolve_paths(args.config, args.data_dir) if args else resolve_paths()
    try:
        if args is None or args.command is None:
            from circle_tui.ui.app import run

            return run(paths, load_settings(paths.config_file))
        return args.run(args, paths)
    except (ConfigError, UserError) as err:
        say(f"circle-tui: {err}", err=True)
        return EXIT_USAGE
