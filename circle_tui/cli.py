"""The `circle-tui` command: the TUI by default, and a few subcommands for hosts."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict

from circle_tui import __version__
from circle_tui.config import (
    ConfigError,
    Paths,
    Settings,
    default_config_text,
    load_settings,
    resolve_paths,
)

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class UserError(Exception):
    """Bad input from the user: printed as one line, exit status 2."""


def build_parser() -> argparse.ArgumentParser:
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

    config = commands.add_parser("config", help="show the paths and settings in use")
    config.add_argument(
        "--init", action="store_true", help="write a commented default settings file"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    paths = resolve_paths(args.config, args.data_dir)
    try:
        if args.command == "config":
            return cmd_config(paths, init=args.init)
        settings = load_settings(paths.config_file)
        return run_app(paths, settings)
    except (ConfigError, UserError) as err:
        print(f"circle-tui: {err}", file=sys.stderr)
        return EXIT_USAGE


def cmd_config(paths: Paths, *, init: bool) -> int:
    if init:
        if paths.config_file.exists():
            raise UserError(
                f"{paths.config_file}: already exists; edit it, or move it away to start afresh"
            )
        paths.config_dir.mkdir(parents=True, exist_ok=True)
        paths.config_file.write_text(default_config_text(), encoding="utf-8")
        print(f"wrote {paths.config_file}")
        return EXIT_OK
    settings = load_settings(paths.config_file)
    found = "" if paths.config_file.exists() else "  (not present: built-in defaults)"
    print(f"config file:  {paths.config_file}{found}")
    print(f"agreements:   {paths.user_agreements}  (your own sets)")
    print(f"data dir:     {paths.data_dir}")
    print()
    for key, value in asdict(settings).items():
        if isinstance(value, dict):
            for sub, sub_value in value.items():
                print(f"{key}.{sub} = {json.dumps(sub_value)}")
        else:
            print(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    return EXIT_OK


def run_app(paths: Paths, settings: Settings) -> int:
    from circle_tui.ui.app import run

    return run(paths, settings)
