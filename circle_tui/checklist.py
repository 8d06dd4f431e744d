"""Before the circle: what the facilitator should fix or know, said where only they look.

The screens the room reads (opening, agreements, closing) carry none of this; the home screen
and the settings screen list it, with the file paths and setting names needed to fix it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from circle_tui.core.qr import QRError

if TYPE_CHECKING:
    from circle_tui.session import Session


def before_the_circle(session: Session) -> list[str]:
    settings, texts = session.settings, session.texts
    items: list[str] = []
    if texts.agreements_error:
        items.append(f"The agreement set cannot be used: {texts.agreements_error}")
    elif texts.agreements is not None:
        if not texts.agreements.opening:
            items.append(
                f"The agreement set {texts.agreements.source} has no “## Opening words”: the "
                "opening screen will only say “Welcome”."
            )
        if not texts.agreements.closing:
            items.append(
                f"The agreement set {texts.agreements.source} has no “## Closing words”: the "
                "closing screen will only say “Thank you all”."
            )
    if texts.resources_error:
        items.append(f"The resources card cannot be used: {texts.resources_error}")
    elif texts.resources is not None and texts.resources.placeholders:
        items.append(
            f"The resources card still has {texts.resources.placeholders} [TO FILL IN] "
            f"placeholders (closing leaves those lines out): {_where_to_edit(session)}"
        )
    day = session.wall().date()
    for key, what in (("feedback_url", "feedback"), ("resources_url", "resources")):
        if not getattr(settings, key).strip():
            if key == "feedback_url":
                items.append(
                    "No feedback link: set feedback_url (s, settings) to show its code at closing."
                )
            continue
        try:
            warning = settings.link(key, day).warning
        except QRError as err:
            items.append(f"The {what} link ({key}) cannot be used: {err}")
            continue
        if warning:
            items.append(f"The {what} link ({key}): {warning}.")
    if session.room_problem:
        items.append(f"No room view tonight: {session.room_problem}")
    return items


def _where_to_edit(session: Session) -> str:
    from circle_tui import library

    found = library.available(session.paths).get(session.settings.resources)
    if found is None:
        return "choose a resources card in the settings."
    if found.origin == library.BUNDLED:  # the bundled card is replaced on every upgrade
        return f"copy {found.path} into {session.paths.user_agreements} and fill it in there."
    return f"fill them in, in {found.path}."
