"""`circle-tui config`: the files in use and the effective settings; `--init` writes a file."""

from __future__ import annotations

import argparse
from pathlib import Path

from circle_tui.cli.output import say
from circle_tui.errors import EXIT_OK, UserError
from circle_tui.i18n import _
from circle_tui.settings import Paths, load_settings
from circle_tui.settings.schema import declarations
from circle_tui.settings.toml_file import default_config_text


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("config", help=_("show the paths and settings in use"))
    parser.add_argument(
        "--init", action="store_true", help=_("write a commented default settings file")
    )
    parser.set_defaults(run=run)


def write_default(path: Path) -> int:
    """The commented defaults, written as every file is: atomically, mode 0600, never through
    a symbolic link (a dangling one would otherwise create its target wherever it points)."""
    from circle_tui.storage.atomic import write_text_atomic

    if path.is_symlink():
        raise UserError(
            f"{path}: "
            + _(
                "is a symbolic link, which circle-tui never writes through; remove it, or "
                "give the real file with --config"
            )
        )
    if path.exists():
        raise UserError(f"{path}: " + _("already exists; edit it, or move it away to start afresh"))
    write_text_atomic(path, default_config_text())
    say(_("wrote {file}").format(file=path))
    return EXIT_OK


def run(args: argparse.Namespace, paths: Paths) -> int:
    if args.init:
        return write_default(paths.config_file)
    settings = load_settings(paths.config_file)
    found = "" if paths.config_file.exists() else "  " + _("(not present: built-in defaults)")
    labels = (_("config file:"), _("agreements:"), _("data dir:"), _("cards:"))
    width = max(map(len, labels)) + 2
    say(f"{labels[0]:<{width}}{paths.config_file}{found}")
    say(f"{labels[1]:<{width}}{paths.user_agreements}  " + _("(your own sets)"))
    say(f"{labels[2]:<{width}}{paths.data_dir}")
    say(f"{labels[3]:<{width}}{paths.cards_dir}  " + _("(printable QR cards: e at closing)"))
    say()
    for d in declarations():
        for line in d.kind.lines(d.key, getattr(settings, d.name)):
            say(line)
    return EXIT_OK
