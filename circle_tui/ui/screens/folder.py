"""Choosing a folder by keyboard: typed, folder names completed, USB sticks offered first."""

from __future__ import annotations

import os
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.suggester import Suggester
from textual.widgets import Input, Static

from circle_tui.i18n import N_, _
from circle_tui.settings.paths import NoSuchHome, expand_home
from circle_tui.ui.screens.dialog import Dialog, dialog_keys
from circle_tui.ui.widgets.text_field import TextField


def removable_folders() -> list[Path]:
    """Mounted USB sticks and cards, where Linux desktops and macOS put them."""
    user = Path.home().name
    found: list[Path] = []
    for root in (Path("/media") / user, Path("/run/media") / user, Path("/Volumes")):
        try:
            # A symlink there is the system disk (macOS's "Macintosh HD"), not a stick.
            found += sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink())
        except OSError:
            continue
    return found


def likely_folder() -> str:
    """Where to start typing: the first USB stick found, else the home folder."""
    sticks = removable_folders()
    return str(sticks[0] if sticks else Path.home()) + os.sep


class FolderNames(Suggester):
    """Completes the last part of a path with the first folder whose name starts with it."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        try:
            typed = expand_home(value)
        except NoSuchHome:
            return None  # `~name` of nobody here: nothing to complete
        parent, start = (typed, "") if value.endswith(os.sep) else (typed.parent, typed.name)
        try:
            names = sorted(
                p.name
                for p in parent.iterdir()
                if p.name.startswith(start) and not p.name.startswith(".") and p.is_dir()
            )
        except OSError:
            return None
        return value + names[0][len(start) :] + os.sep if names else None


class FolderScreen(Dialog[Path | None]):
    """A folder to save the counts in; only an existing folder is taken (a typo does not
    quietly make a new one somewhere)."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]
    AUTO_FOCUS = "Input"

    def __init__(self, start: str) -> None:
        super().__init__()
        self.start = start

    def compose(self) -> ComposeResult:
        sticks = removable_folders()
        found = (
            _("Found: {folders}").format(folders=", ".join(map(str, sticks)))
            if sticks
            else _("No USB stick found: plug one in, or type any folder on another disk.")
        )
        with Vertical(classes="dialog"):
            yield Static(_("Save the counts to another folder"), classes="dialog-title")
            yield Static(
                _(
                    "A file with tonight's counts (no names) is written in this folder; "
                    "`circle-tui attendance import` adds it to the log later."
                ),
                markup=False,
            )
            yield TextField(self.start, suggester=FolderNames(), select_on_focus=False, id="folder")
            yield Static("", id="folder-error", classes="notice")
            yield Static(Content(found), classes="hint")
            yield dialog_keys(
                ("enter", _("save here")),
                ("right", _("complete a folder name")),
                ("escape", _("cancel")),
            )

    def on_mount(self) -> None:
        self.query_one("#folder-error").display = False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        typed = event.value.strip()
        try:
            folder = expand_home(typed)
        except NoSuchHome:
            folder = Path(typed)  # said below: not an existing folder
        if typed and folder.is_dir():
            self.dismiss(folder)
            return
        error = self.query_one("#folder-error", Static)
        error.update(
            Content(
                _("{folder} is not an existing folder.").format(folder=folder)
                if typed
                else _("Type a folder.")
            )
        )
        error.display = True

    def action_cancel(self) -> None:
        self.dismiss(None)
