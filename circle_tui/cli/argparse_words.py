"""argparse's own words (usage, options, its errors) in the app's language.

argparse looks them up in gettext's default domain through its module globals `_` and
`ngettext`; pointing those at our catalogue makes `--help` and usage errors speak Spanish
too. The words are listed here so that the extractor finds them."""

from __future__ import annotations

from circle_tui import i18n
from circle_tui.i18n import N_

WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("one of the arguments %s is required"),
)


def speak_argparse() -> None:
    """argparse's messages through our catalogue from now on."""
    import argparse

    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
