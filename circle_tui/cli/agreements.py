"""`circle-tui agreements`: list the sets, show one, or check a file before a circle."""

from __future__ import annotations

import argparse
from pathlib import Path

from circle_tui.cli.output import say
from circle_tui.core.record import counted
from circle_tui.errors import EXIT_OK, EXIT_USAGE, UserError
from circle_tui.i18n import _
from circle_tui.settings import Paths


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("agreements", help=_("list, show or check agreement sets"))
    actions = parser.add_subparsers(dest="agreements_command", metavar="ACTION", required=True)
    actions.add_parser(
        "list", help=_("every set: name, cards, where it comes from, title")
    ).set_defaults(run=run_list)
    show = actions.add_parser("show", help=_("print a set, or the resources card"))
    show.add_argument("target", metavar="NAME")
    show.set_defaults(run=run_show)
    check = actions.add_parser(
        "check", help=_("validate a Markdown file; exit 2 listing each problem")
    )
    check.add_argument("target", metavar="FILE")
    check.set_defaults(run=run_check)


def run_list(args: argparse.Namespace, paths: Paths) -> int:
    from circle_tui.core.agreements import AgreementError
    from circle_tui.storage import library

    sets = library.available(paths)
    headings = (_("name"), _("cards"), _("from"), _("title"))
    width = max(len(headings[0]), *(len(n) for n in sets))
    w_cards, w_from = max(5, len(headings[1])), max(8, len(headings[2]), len(_("bundled")))
    w_from = max(w_from, len(_("yours")))
    say(f"{headings[0]:<{width}}  {headings[1]:>{w_cards}}  {headings[2]:<{w_from}}  {headings[3]}")
    for name, found in sorted(sets.items()):
        try:
            parsed = library.load_file(found.path, resources=found.is_resources)
            cards = "—" if found.is_resources else str(len(parsed.cards))
            title = parsed.title
        except AgreementError as err:
            cards = "!"
            title = _("cannot be used: {problem}").format(
                problem=err.problems[0].format(str(found.path))
            )
        origin = _("bundled") if found.origin == library.BUNDLED else _("yours")
        say(f"{name:<{width}}  {cards:>{w_cards}}  {origin:<{w_from}}  {title}")
    say("\n" + _("Your own sets go in {folder}").format(folder=paths.user_agreements))
    return EXIT_OK


def run_show(args: argparse.Namespace, paths: Paths) -> int:
    from circle_tui.core.agreements import AgreementError
    from circle_tui.storage import library

    found = library.available(paths).get(args.target)
    try:
        if found is None:
            library.load(args.target, paths)  # raises LookupError naming what exists
        assert found is not None
        parsed = library.load_file(found.path, resources=found.is_resources)
    except LookupError as err:
        raise UserError(str(err)) from None
    except AgreementError as err:
        say(str(err), err=True)
        return EXIT_USAGE
    say(f"# {parsed.title}  ({found.path})\n")
    if parsed.intro:
        say(parsed.intro + "\n")
    for section in parsed.sections:
        say(f"## {section.heading}\n\n{section.body}\n")
    return EXIT_OK


def run_check(args: argparse.Namespace, paths: Paths) -> int:
    from circle_tui.core.agreements import AgreementError
    from circle_tui.storage import library

    path = Path(args.target)
    try:
        parsed = library.load_file(path, resources=path.stem.startswith("resources"))
    except AgreementError as err:
        say(str(err), err=True)
        return EXIT_USAGE
    say(
        f"{path}: OK — {parsed.title!r}, {counted(len(parsed.cards), 'card')}"
        + (", " + _("opening words") if parsed.opening else "")
        + (", " + _("closing words") if parsed.closing else "")
        + (", " + _("pause words") if parsed.pause else "")
    )
    return EXIT_OK
