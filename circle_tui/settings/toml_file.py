"""The settings file: read as a stranger's file and parsed, written commented by `config
--init`, and rewritten on save with only the changed values (tomlkit keeps the comments)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from circle_tui.i18n import _
from circle_tui.settings import schema
from circle_tui.settings.checks import settings_from_mapping
from circle_tui.settings.config_error import ConfigError, cut
from circle_tui.settings.legacy import drop_old_keys

#: A full settings file is about 3 KiB; anything near this is not one.
MAX_CONFIG_BYTES = 1024 * 1024


def load_settings(path: Path) -> schema.Settings:
    """Read `path` if it exists; a missing file means the defaults."""
    return settings_from_mapping(read_config(path), path)


def read_config(path: Path) -> dict[str, Any]:
    """The file's TOML as a mapping ({} when there is no file); ConfigError naming the file
    for anything else: not a regular file, too large, not UTF-8, not TOML."""
    text = _config_text(path)
    return {} if text is None else parse_toml(text, path)


def _config_text(path: Path) -> str | None:
    """The file's text, None if there is none. Read as a stranger's file: a FIFO or device is
    refused before it is opened, so it cannot hang the app."""
    from circle_tui.reading import UnusableFile, read_regular_file

    try:
        return read_regular_file(path, MAX_CONFIG_BYTES).decode("utf-8")
    except FileNotFoundError:
        return None
    except UnusableFile as err:
        raise ConfigError(
            path, "(file)", _("{reason}; give the path of a TOML file").format(reason=err.reason)
        ) from None
    except UnicodeDecodeError:
        raise ConfigError(path, "(file)", _("not UTF-8 text; save it as UTF-8")) from None
    except OSError as err:
        raise ConfigError(
            path, "(file)", _("cannot be read ({reason})").format(reason=err.strerror)
        ) from None


def parse_toml(text: str, path: Path | str) -> dict[str, Any]:
    """TOML text as a mapping, or ConfigError. tomllib raises TOMLDecodeError for bad syntax,
    but also a plain ValueError for an integer of thousands of digits and RecursionError
    for arrays or inline tables nested a thousand deep."""
    import tomllib  # only when there is a file to read

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(path, "(syntax)", _malformed(str(err))) from None
    except ValueError as err:
        raise ConfigError(path, "(syntax)", _malformed(cut(str(err), 80))) from None
    except RecursionError:
        raise ConfigError(
            path, "(syntax)", _("values nested too deeply; expected flat settings")
        ) from None


def _malformed(detail: str) -> str:
    return _("malformed TOML: {detail}").format(detail=detail)


def default_config_text() -> str:
    """The commented file `circle-tui config --init` writes: every key, at its default, with
    its help as a comment; generated from the declarations."""
    import tomlkit

    doc = tomlkit.document()
    doc.add(
        tomlkit.comment(
            _("circle-tui settings. Every key is optional; delete a line to use its default.")
        )
    )
    doc.add(tomlkit.comment(_("Nothing here identifies a participant, and nothing ever should.")))
    # A key after a table would belong to it: tables last, whatever the declarations' order.
    for d in sorted(schema.declarations(), key=lambda d: d.kind.is_table):
        doc.add(tomlkit.nl())
        for line in textwrap.wrap(_(d.rule.help), 88):
            doc.add(tomlkit.comment(line))
        doc.add(d.key, d.kind.to_toml(d.default))
    return tomlkit.dumps(doc)


def settings_to_toml(settings: schema.Settings, existing: str | None = None) -> str:
    """The settings as TOML that loads back to the same values. Given the file as it is, only
    the values that changed are rewritten: the user's comments and key order stay."""
    import tomlkit

    doc = tomlkit.parse(existing) if existing is not None else tomlkit.parse(default_config_text())
    drop_old_keys(doc)
    for d in schema.declarations():
        value = getattr(settings, d.name)
        if d.key not in doc and value == d.default:
            continue  # an absent key means the default; keep the file as short as it was
        d.kind.write(doc, d.key, value)
    return tomlkit.dumps(doc)


def updated_config_text(settings: schema.Settings, path: Path) -> str:
    """The file at `path` with `settings` written in, its comments kept (a fresh commented
    file if there is none); ConfigError if the file, as it is now, cannot be read."""
    existing = _config_text(path)
    if existing is not None:
        parse_toml(existing, path)  # edited since it was loaded: the same checks as loading
    try:
        return settings_to_toml(settings, existing)
    except (ValueError, RecursionError) as err:  # what tomlkit finds that tomllib did not
        raise ConfigError(path, "(syntax)", _malformed(cut(str(err), 80))) from None
