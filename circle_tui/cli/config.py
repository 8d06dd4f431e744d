"""`circle-tui config`: the files in use and the effective settings; `--init` writes a file."""

from __future__ import annotations

import argparse
import json

from circle_tui.cli.output import say
from circle_tui.config import Paths, declarations, default_config_text, load_settings
from circle_tui.errors import EXIT_OK, UserError
from circle_tui.i18n import _


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("config", help=_("show the paths and settings in use"))
    parser.add_argument(
        "--init", action="store_true", help=_("write a commented default settings file")
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, paths: Paths) -> int:
    if args.init:
        if paths.config_file.exists():
            raise UserError(
                f"{paths.config_file}: "
                + _("already exists; edit it, or move it away to start afresh")
            )
        paths.config_dir.mkdir(parents=True, exist_ok=True)
        paths.config_file.write_text(default_config_text(), encoding="utf-8")
        say(_("wrote {file}").format(file=paths.config_file))
        return EXIT_OK
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
        value = getattr(settings, d.name)
        if d.kind is tuple:
            for i, spec in enumerate(value, start=1):
                prompt = f" · {json.dumps(spec.prompt, ensure_ascii=False)}" if spec.prompt else ""
                closing = " · closing" if spec.closing else ""  # the TOML key, as in the file
                say(f"{d.key}[{i}] = {spec.name} · {spec.minutes} min{prompt}{closing}")
        else:
            say(f"{d.key} = {json.dumps(value, ensure_ascii=False)}")
    return EXIT_OK
