"""Before the circle: what the facilitator should fix or know, said where only they look.

The screens the room reads (opening, agreements, closing) carry none of this; the home screen
and the settings screen list it, with the file paths and setting names needed to fix it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from circle_tui.core.qr import QRError
from circle_tui.i18n import _, ngettext

if TYPE_CHECKING:
    from circle_tui.session import Session


def before_the_circle(session: Session) -> list[str]:
    settings, texts = session.settings, session.texts
    items: list[str] = []
    if texts.agreements_error:
        items.append(
            _("The agreement set cannot be used: {why}").format(why=texts.agreements_error)
        )
    elif texts.agreements is not None:
        if not texts.agreements.opening:
            items.append(
                _(
                    "The agreement set {file} has no “## Opening words”: the "
                    "opening screen will only say “Welcome”."
                ).format(file=texts.agreements.source)
            )
        if not texts.agreements.closing:
            items.append(
                _(
                    "The agreement set {file} has no “## Closing words”: the "
                    "closing screen will only say “Thank you all”."
                ).format(file=texts.agreements.source)
            )
    if texts.resources_error:
        items.append(
            _("The resources card cannot be used: {why}").format(why=texts.resources_error)
        )
    elif texts.resources is not None and texts.resources.placeholders:
        n = texts.resources.placeholders
        items.append(
            ngettext(
                "The resources card still has {n} [TO FILL IN] placeholder (closing leaves "
                "that line out): {what_to_do}",
                "The resources card still has {n} [TO FILL IN] placeholders (closing leaves "
                "those lines out): {what_to_do}",
                n,
            ).format(n=n, what_to_do=_where_to_edit(session))
        )
    day = session.wall().date()
    for key in ("feedback_url", "resources_url"):
        if not getattr(settings, key).strip():
            if key == "feedback_url":
                items.append(
                    _(
                        "No feedback link: set feedback_url (s, settings) to show its code at "
                        "closing."
                    )
                )
            continue
        try:
            warning = settings.link(key, day).warning
        except QRError as err:
            items.append(
                (
                    _("The feedback link ({key}) cannot be used: {why}")
                    if key == "feedback_url"
                    else _("The resources link ({key}) cannot be used: {why}")
                ).format(key=key, why=err)
            )
            continue
        if warning:
            items.append(
                (
                    _("The feedback link ({key}): {warning}.")
                    if key == "feedback_url"
                    else _("The resources link ({key}): {warning}.")
                ).format(key=key, warning=warning)
            )
    if settings.chime != "off":
        from circle_tui import platform

        if not platform.can_play_sound():
            items.append(
                _(
                    "No sound player for the chime (chime = {value}): the circle goes on "
                    "without it. On Linux, install pipewire (pw-play), pulseaudio-utils "
                    "(paplay) or alsa-utils (aplay); or set chime to off."
                ).format(value=f'"{settings.chime}"')
            )
    if session.room_problem:
        items.append(_("No room view tonight: {why}").format(why=session.room_problem))
    return items


def _where_to_edit(session: Session) -> str:
    from circle_tui.storage import library

    name = library.in_language(session.settings.resources, session.paths)
    found = library.available(session.paths).get(name)
    if found is None:
        return _("choose a resources card in the settings.")
    if found.origin == library.BUNDLED:  # the bundled card is replaced on every upgrade
        return _("copy {file} into {folder} and fill it in there.").format(
            file=found.path, folder=session.paths.user_agreements
        )
    return _("fill them in, in {file}.").format(file=found.path)
