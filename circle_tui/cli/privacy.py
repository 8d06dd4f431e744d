"""`circle-tui privacy`: what is stored, where, and what never is; `--erase` deletes the counts."""

from __future__ import annotations

import argparse
import sys

from circle_tui.config import Paths
from circle_tui.errors import EXIT_FAILED, EXIT_OK, UserError


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("privacy", help="what is stored, where, and what never is")
    parser.add_argument(
        "--erase", action="store_true", help="delete all attendance data (asks you to type ERASE)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, paths: Paths) -> int:
    if not args.erase:
        from circle_tui.privacy import privacy_text

        print(privacy_text(paths))
        return EXIT_OK
    from circle_tui.storage.lock import AlreadyRunning, WriterLock

    target = paths.attendance_file
    if not target.exists():
        print(f"There is no attendance data to erase ({target} does not exist).")
        return EXIT_OK
    print(f"This deletes every attendance count in {target}. It cannot be undone.")
    print("Type ERASE to confirm: ", end="", flush=True)
    answer = sys.stdin.readline().strip()
    if answer != "ERASE":
        print("Nothing was erased.")
        return EXIT_FAILED
    try:
        with WriterLock(paths.data_dir):
            target.unlink(missing_ok=True)
    except AlreadyRunning as err:
        raise UserError(str(err)) from None
    print(f"Erased {target}.")
    return EXIT_OK
