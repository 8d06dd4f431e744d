"""Where the settings file and the attendance log live for this run: flags beat environment
variables beat the platform's user folders."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from circle_tui.core.text import escape_controls
from circle_tui.i18n import _

APP_NAME = "circle-tui"
CONFIG_ENV = "CIRCLE_TUI_CONFIG"
DATA_DIR_ENV = "CIRCLE_TUI_DATA_DIR"
#: The attendance log's file name inside the data dir.
ATTENDANCE_FILE = "attendance.json"


@dataclass(frozen=True)
class Paths:
    """Where config and data live for this run (flags beat env vars beat platform dirs)."""

    config_file: Path
    data_dir: Path

    @property
    def config_dir(self) -> Path:
        return self.config_file.parent

    @property
    def user_agreements(self) -> Path:
        return self.config_dir / "agreements"

    @property
    def attendance_file(self) -> Path:
        return self.data_dir / ATTENDANCE_FILE

    @property
    def cards_dir(self) -> Path:
        """Where `e` at closing saves printable QR cards: beside the settings, never the
        folder the app happened to be started from."""
        return self.config_dir / "cards"


def resolve_paths(config: str | None = None, data_dir: str | None = None) -> Paths:
    """The files in use: the flags if given, else the environment, else the user's folders.
    UserError naming the flag or variable whose `~user` names no home folder here."""
    config_file = config or os.environ.get(CONFIG_ENV)
    data = data_dir or os.environ.get(DATA_DIR_ENV)
    # platformdirs is imported only when needed: startup time is a feature here.
    if config_file:
        config_path = _expanded(config_file, "--config" if config else CONFIG_ENV)
    else:
        import platformdirs

        config_path = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"
    if data:
        data_path = _expanded(data, "--data-dir" if data_dir else DATA_DIR_ENV)
    else:
        import platformdirs

        data_path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return Paths(config_file=config_path, data_dir=data_path)


class NoSuchHome(ValueError):
    """A path starting `~user` (or `~`) whose home folder cannot be found here."""


def expand_home(value: str) -> Path:
    """`value` with a leading `~` or `~user` made the home folder; NoSuchHome when there is
    no such user here (or no home at all), where pathlib raises a bare RuntimeError."""
    try:
        return Path(value).expanduser()
    except RuntimeError:
        raise NoSuchHome(re.split(r"[\\/]", value, maxsplit=1)[0]) from None


def _expanded(value: str, source: str) -> Path:
    from circle_tui.errors import UserError

    try:
        return expand_home(value)
    except NoSuchHome as err:
        raise UserError(
            f"{source}: "
            + _(
                "cannot find the home folder {start} (no such user here); give the folder's "
                "full path"
            ).format(start=escape_controls(str(err)))
        ) from None
