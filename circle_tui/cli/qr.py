"""`circle-tui qr`: the feedback code in the terminal for a phone test, or a printable PNG card."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from circle_tui.config import Paths, load_settings
from circle_tui.errors import EXIT_OK, UserError


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "qr", help="show the feedback QR code here, or save a printable card"
    )
    parser.add_argument("--png", metavar="FILE", help="write a print-ready PNG card to FILE")
    parser.add_argument(
        "--size", type=int, default=800, metavar="PX", help="card width in pixels (default 800)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, paths: Paths) -> int:
    from circle_tui.core.qr import QRError, matrix

    settings = load_settings(paths.config_file)
    try:
        checked = settings.link("feedback_url", date.today())
    except QRError as err:
        raise UserError(f"feedback_url: {err}") from None
    if checked.warning:
        print(f"warning: {checked.warning}", file=sys.stderr)
    if args.png:
        from circle_tui.card import save_card

        if not 200 <= args.size <= 4000:
            raise UserError(f"--size {args.size}: expected 200 to 4000 pixels")
        path = save_card(
            Path(args.png),
            checked.url,
            settings.circle_name,
            settings.qr_error_correction,
            args.size,
        )
        print(f"wrote {path} ({args.size} px wide): {checked.url}")
        return EXIT_OK
    from rich.console import Console

    from circle_tui.terminal_qr import QRRenderable

    console = Console(highlight=False)
    console.print(QRRenderable(matrix(checked.url, settings.qr_error_correction)))
    console.print(checked.url, markup=False)
    return EXIT_OK
