"""`circle-tui qr`: the feedback code in the terminal for a phone test, or a printable PNG card."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from datetime import date
from pathlib import Path

from circle_tui.cli.output import say
from circle_tui.core.text import draws_screens
from circle_tui.errors import EXIT_OK, UserError
from circle_tui.i18n import _
from circle_tui.settings import Paths, load_settings


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "qr", help=_("show the feedback QR code here, or save a printable card")
    )
    parser.add_argument("--png", metavar="FILE", help=_("write a print-ready PNG card to FILE"))
    parser.add_argument(
        "--size", type=int, default=800, metavar="PX", help=_("card width in pixels (default 800)")
    )
    parser.set_defaults(run=run)


def terminal_problem(columns: int, lines: int) -> str | None:
    """Why this terminal cannot show a code of `columns` x `lines` that a phone can scan, or
    None. A code without its black and white, or cut at the edge, does not scan at all."""
    out = sys.stdout
    if not out.isatty():
        return _("the output is not a terminal, so the code would lose its black and white")
    if os.environ.get("NO_COLOR"):
        return _("NO_COLOR is set, and a code without black and white cannot scan")
    if os.environ.get("TERM") == "dumb":
        return _("TERM=dumb: this terminal shows no colours")
    if not draws_screens(out.encoding):
        return _("this terminal's encoding ({encoding}) has no half-block characters").format(
            encoding=out.encoding
        )
    size = shutil.get_terminal_size()
    if size.columns < columns:
        return _(
            "the code needs {need} columns and this terminal has {have}: widen the "
            "window or make the font smaller"
        ).format(need=columns, have=size.columns)
    if size.lines < lines:
        return _(
            "the code needs {need} lines and this terminal has {have}: make the window "
            "taller or the font smaller"
        ).format(need=lines, have=size.lines)
    return None


def run(args: argparse.Namespace, paths: Paths) -> int:
    from circle_tui.core.qr import QRError, matrix, to_iri

    settings = load_settings(paths.config_file)
    try:
        checked = settings.link("feedback_url", date.today())
    except QRError as err:
        raise UserError(f"feedback_url: {err}") from None
    if checked.warning:
        say(_("warning: {warning}").format(warning=checked.warning), err=True)
    if args.png:
        from circle_tui.drawing.printed_card import card_png
        from circle_tui.storage.atomic import write_bytes_atomic

        if not 200 <= args.size <= 4000:
            raise UserError(f"--size {args.size}: " + _("expected 200 to 4000 pixels"))
        path = Path(args.png)
        png = card_png(checked.url, settings.circle_name, settings.qr_error_correction, args.size)
        write_bytes_atomic(path, png)
        say(
            _("wrote {file} ({size} px wide): {url}").format(
                file=path, size=args.size, url=to_iri(checked.url)
            )
        )
        return EXIT_OK
    from circle_tui.drawing.terminal_qr import QRRenderable

    code = QRRenderable(matrix(checked.url, settings.qr_error_correction))
    columns, lines = code.size
    problem = terminal_problem(columns, lines + 1)  # and a line for the URL beneath
    if problem:
        raise UserError(
            f"qr: {problem}. "
            + _("Write a card that always scans with `circle-tui qr --png card.png`.")
        )
    from rich.console import Console

    Console(highlight=False).print(code)
    say(to_iri(checked.url))  # as people read and type it; the code holds the ASCII form
    return EXIT_OK
