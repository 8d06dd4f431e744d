"""Agreement sets and resources cards on disk: bundled ones and the facilitator's own."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from circle_tui import i18n
from circle_tui.core.agreements import (
    MAX_BYTES,
    AgreementError,
    AgreementSet,
    Problem,
    parse_bytes,
)
from circle_tui.i18n import _
from circle_tui.reading import FileTooLarge, UnusableFile, read_regular_file
from circle_tui.settings import Paths
from circle_tui.storage.bundled import bundled_dir

BUNDLED, YOURS = "bundled", "yours"


@dataclass(frozen=True)
class SetFile:
    name: str
    path: Path
    origin: str  # BUNDLED or YOURS

    @property
    def is_resources(self) -> bool:
        return self.name.startswith("resources")


def available(paths: Paths) -> dict[str, SetFile]:
    """Every Markdown set by name; a facilitator's own file wins over a bundled one."""
    found: dict[str, SetFile] = {}
    for origin, folder in ((BUNDLED, bundled_dir("agreements")), (YOURS, paths.user_agreements)):
        if folder.is_dir():
            for path in sorted(folder.glob("*.md")):
                found[path.stem] = SetFile(path.stem, path, origin)
    return found


def load_file(path: Path, *, resources: bool = False) -> AgreementSet:
    """A set from a file, read only if it is a regular file within the size limit."""
    try:
        data = read_regular_file(path, MAX_BYTES)
    except FileTooLarge as err:
        fix = "split it into smaller sets or trim it"
        raise AgreementError(str(path), [Problem(1, err.reason, fix)]) from None
    except UnusableFile as err:
        fix = "give the path of a Markdown file"
        raise AgreementError(str(path), [Problem(1, err.reason, fix)]) from None
    except OSError as err:
        raise AgreementError(
            str(path), [Problem(1, f"cannot be read ({err.strerror})", "check the path")]
        ) from None
    return parse_bytes(data, str(path), require_cards=not resources)


def in_language(name: str, paths: Paths) -> str:
    """The set to read for `name` in the language spoken now: its twin `NAME.es` (or
    `NAME.pt_BR`, …) when there is one, so that `language = "es"` reads Spanish cards.

    A name that says its language keeps it whatever the language: `peer-integration.es`,
    or `peer-integration.en` for the English set, whose file has no suffix."""
    sets = available(paths)
    stated = i18n.set_language(name)
    if stated is not None:
        base = name.rsplit(".", 1)[0]
        return base if stated == "en" and name not in sets and base in sets else name
    localized = f"{name}.{i18n.current()}"
    return localized if i18n.current() != "en" and localized in sets else name


def load(name: str, paths: Paths, *, resources: bool = False) -> AgreementSet:
    """Load a set (or resources card) by name; LookupError names what exists."""
    sets = available(paths)
    if name not in sets:
        # Only the kind asked for: a resources card is no agreement set, nor the other way.
        names = ", ".join(sorted(n for n, f in sets.items() if f.is_resources == resources))
        missing = (
            _("no resources card named {name}; available: {names} (put your own in {folder})")
            if resources
            else _("no agreement set named {name}; available: {names} (put your own in {folder})")
        )
        raise LookupError(
            missing.format(name=repr(name), names=names or _("none"), folder=paths.user_agreements)
        )
    return load_file(sets[name].path, resources=resources)
