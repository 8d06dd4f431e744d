"""The `circle-tui` command: the TUI by default, and subcommands for hosts.

One module per command group; none of them imports Textual, except `room` and the default
command, which start a screen."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from circle_tui import __version__, i18n
from circle_tui.errors import EXIT_FAILED, EXIT_USAGE, UserError
from circle_tui.i18n import _
from circle_tui.settings import ConfigError, Settings, load_settings, resolve_paths

if TYPE_CHECKING:
    import argparse


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from circle_tui.cli import agreements, attendance, config, privacy, qr, room
    from circle_tui.cli.argparse_words import speak_argparse

    speak_argparse()
    parser = argparse.ArgumentParser(
        prog="circle-tui",
        description=_(
            "A calm terminal companion for peer integration circles. "
            "With no command, starts the full-screen app."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"circle-tui {__version__}",
        help=_("show the version and exit"),
    )
    parser.add_argument("--config", metavar="FILE", help=_("settings file (env CIRCLE_TUI_CONFIG)"))
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=_("where attendance counts are kept (env CIRCLE_TUI_DATA_DIR)"),
    )
    commands = parser.add_subparsers(dest="command", title=_("commands"), metavar="COMMAND")
    for module in (config, attendance, agreements, qr, privacy, room):
        module.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; an error is one line and an exit status, never a traceback: 2
    for what the user typed, 1 for what the disk or the system refused."""
    from circle_tui.cli.output import os_error_line, say, substitute_on_std_streams

    substitute_on_std_streams()
    try:
        return _main(sys.argv[1:] if argv is None else list(argv))
    except (ConfigError, UserError) as err:
        say(f"circle-tui: {err}", err=True)
        return EXIT_USAGE
    except BrokenPipeError:
        return _pipe_closed()
    except OSError as err:  # a full, read-only or missing disk, a name too long …
        with contextlib.suppress(OSError):
            say(f"circle-tui: {os_error_line(err)}", err=True)
        return EXIT_FAILED


def _main(argv: list[str]) -> int:
    # The settings choose the language before anything is said, `--help` included; a bad
    # file is reported later, by the commands that need it, in the system's language.
    paths = resolve_paths(*_path_flags(argv))
    settings: Settings | None = None
    with contextlib.suppress(ConfigError):  # said by whichever command reads the settings
        settings = load_settings(paths.config_file)
    # The one place the language is chosen at start: the flags were read above, so these are
    # the settings every command goes on to use.
    i18n.LANGUAGE.follow_settings(
        *((settings.language, settings.agreements) if settings else ("auto", ""))
    )
    # The everyday case, `circle-tui` alone, needs no argument parser (startup time).
    args = build_parser().parse_args(argv) if argv else None
    if args:
        paths = resolve_paths(args.config, args.data_dir)
    if args is None or args.command is None:
        from circle_tui.cli.output import print_last_resort
        from circle_tui.ui.app import run

        if args is not None or settings is None:  # the flags may name another file
            settings = load_settings(paths.config_file)
        return run(paths, settings, last_resort=print_last_resort)
    return int(args.run(args, paths))


def _pipe_closed() -> int:
    """The reader went away (`circle-tui config | head -1`): stop quietly, as Unix tools do.
    What Python would still flush at exit goes nowhere, so it cannot complain either."""
    import os

    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return EXIT_FAILED


def _path_flags(argv: Sequence[str]) -> tuple[str | None, str | None]:
    """--config and --data-dir as given before the command, read before argparse is built
    (its help speaks the language these files choose)."""
    found: dict[str, str | None] = {"--config": None, "--data-dir": None}
    words = iter(argv)
    for word in words:
        if not word.startswith("-"):
            break  # the command: what follows is its own
        name, equals, value = word.partition("=")
        if name in found:
            found[name] = value if equals else next(words, None)
    return found["--config"], found["--data-dir"]
