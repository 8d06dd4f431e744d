"""`circle-tui privacy`: what is stored, where, and what never is; `--erase` deletes the counts."""

from __future__ import annotations

import argparse
import sys

from circle_tui.cli.output import say
from circle_tui.core.record import counted
from circle_tui.errors import EXIT_FAILED, EXIT_OK, UserError
from circle_tui.i18n import _
from circle_tui.settings import Paths


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("privacy", help=_("what is stored, where, and what never is"))
    parser.add_argument(
        "--erase",
        action="store_true",
        help=_("delete all attendance data (asks you to type ERASE)"),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, paths: Paths) -> int:
    if not args.erase:
        from circle_tui.room.address import described
        from circle_tui.session.privacy_statement import privacy_text

        say(privacy_text(paths, room=described(paths)))
        return EXIT_OK
    from circle_tui.storage.attendance import stored_files
    from circle_tui.storage.lock import AlreadyRunning, WriterLock

    files = stored_files(paths.data_dir)
    if not files:
        say(
            _("There is no attendance data to erase (nothing in {folder}).").format(
                folder=paths.data_dir
            )
        )
        return EXIT_OK
    say(_("This deletes every attendance count, in these files. It cannot be undone."))
    for path in files:
        say(f"  {path}")
    say(_("Type ERASE to confirm: "), end="", flush=True)
    answer = sys.stdin.readline().strip()
    if answer != "ERASE":  # the word itself, in every language: the help says it so
        say(_("Nothing was erased."))
        return EXIT_FAILED
    try:
        with WriterLock(paths.data_dir):
            files = stored_files(paths.data_dir)  # again, under the lock
            for path in files:
                path.unlink(missing_ok=True)
    except AlreadyRunning as err:
        raise UserError(str(err)) from None
    say(
        _("Erased {files} in {folder}.").format(
            files=counted(len(files), "file"), folder=paths.data_dir
        )
    )
    return EXIT_OK
