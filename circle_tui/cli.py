"""The `circle-tui` command: the TUI by default, and a few subcommands for hosts."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING

from circle_tui import __version__
from circle_tui.config import (
    ConfigError,
    Paths,
    Settings,
    default_config_text,
    load_settings,
    resolve_paths,
)
from circle_tui.errors import UserError

if TYPE_CHECKING:
    import argparse

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    import argparse

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

    attendance = commands.add_parser(
        "attendance", help="list attendance counts, export them, or import another laptop's export"
    )
    attendance.add_argument("--circle", help="only this circle")
    attendance.add_argument("--since", metavar="YYYY-MM-DD", help="sessions on or after this date")
    attendance.add_argument("--until", metavar="YYYY-MM-DD", help="sessions on or before this date")
    attendance.add_argument("--format", choices=("table", "csv", "json"), default="table")
    attendance_actions = attendance.add_subparsers(dest="attendance_command", metavar="ACTION")
    importer = attendance_actions.add_parser(
        "import", help="merge a JSON or CSV export from another laptop (same id: skipped)"
    )
    importer.add_argument(
        "file", help="a file written by `circle-tui attendance --format json|csv`"
    )

    agreements = commands.add_parser("agreements", help="list, show or check agreement sets")
    agreement_actions = agreements.add_subparsers(
        dest="agreements_command", metavar="ACTION", required=True
    )
    agreement_actions.add_parser(
        "list", help="every set: name, cards, where it comes from, title"
    ).set_defaults(target=None)
    show = agreement_actions.add_parser("show", help="print a set, or the resources card")
    show.add_argument("target", metavar="NAME")
    check = agreement_actions.add_parser(
        "check", help="validate a Markdown file; exit 2 listing each problem"
    )
    check.add_argument("target", metavar="FILE")

    qr = commands.add_parser("qr", help="show the feedback QR code here, or save a printable card")
    qr.add_argument("--png", metavar="FILE", help="write a print-ready PNG card to FILE")
    qr.add_argument(
        "--size", type=int, default=800, metavar="PX", help="card width in pixels (default 800)"
    )

    privacy = commands.add_parser("privacy", help="what is stored, where, and what never is")
    privacy.add_argument(
        "--erase", action="store_true", help="delete all attendance data (asks you to type ERASE)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # The everyday case, `circle-tui` alone, needs no argument parser (startup time).
    args = build_parser().parse_args(argv) if argv else None
    command = args.command if args else None
    paths = resolve_paths(args.config, args.data_dir) if args else resolve_paths()
    try:
        if command == "config":
            return cmd_config(paths, init=args.init)
        settings = load_settings(paths.config_file)
        if command is None:
            return run_app(paths, settings)
        from circle_tui import commands

        if command == "attendance":
            if args.attendance_command == "import":
                return commands.attendance_import(paths, args.file)
            return commands.attendance_list(paths, args.circle, args.since, args.until, args.format)
        if command == "agreements":
            return commands.agreements(paths, args.agreements_command, args.target)
        if command == "qr":
            return commands.qr(settings, args.png, args.size)
        return commands.privacy(paths, erase=args.erase)
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
