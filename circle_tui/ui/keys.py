"""Keys as people read them: one table of key names per language, used by the footer, the
help overlay, the dialogs' key lines and every sentence that names a key.

The names are messages with the context "key" (`pgettext`), so each language's table is
its catalogue: a new language names its keys by translating them, with no code. Hints are
derived from a screen's own bindings, so a key is described in one place."""

from __future__ import annotations

from functools import cache

from textual.binding import Binding
from textual.screen import Screen

from circle_tui import i18n
from circle_tui.i18n import N_, _, pgettext

#: Keys drawn as a sign, the same in every language.
_SIGNS = {
    "equals_sign": "=",
    "plus": "+",
    "minus": "-",
    "question_mark": "?",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
}


@cache
def _named(language: str) -> dict[str, str]:
    """The keys with a name, as `language` calls them (the catalogue's "key" messages)."""
    return {
        "enter": pgettext("key", "enter"),
        "space": pgettext("key", "space"),
        "backspace": pgettext("key", "backspace"),
        "escape": pgettext("key", "esc"),
        "tab": pgettext("key", "tab"),
        "delete": pgettext("key", "del"),
        "pageup": pgettext("key", "pgup"),
        "pagedown": pgettext("key", "pgdn"),
        "home": pgettext("key", "home"),
        "end": pgettext("key", "end"),
        "ctrl": pgettext("key", "ctrl"),
    }


def key_name(key: str) -> str | None:
    """One key (`enter`, `left_square_bracket`, `a`) as the language spoken now shows it:
    `intro` in Spanish, `[`; None for a key the table does not know."""
    if len(key) == 1:
        return key
    return _SIGNS.get(key) or _named(i18n.current()).get(key)


def key_names() -> dict[str, str]:
    """Every named key, for sentences that name one: `_("press {enter}").format(**…)`."""
    return {**_SIGNS, **_named(i18n.current())}


def keyed(message: str, **values: object) -> str:
    """A translated message with its `{enter}`, `{escape}`, … filled by the key table."""
    return message.format(**key_names(), **values)


#: Keys that work on every screen (bound on the app or by Textual itself).
GLOBAL_KEYS = [
    ("question_mark", N_("this help")),
    ("ctrl+p", N_("command palette: start, end round, attendance, settings, privacy")),
    ("ctrl+q", N_("quit (asks first during a circle; attendance is saved)")),
    ("v", N_("preview what the room view shows (circle-tui room, on a second screen)")),
    ("escape", N_("close a dialog")),
]


def key_display(binding: Binding) -> str | None:
    """The footer's label: `ctrl+q` → `^q`, `enter` → `enter` (`intro` in Spanish); None
    for a key not in the table (the caller asks Textual)."""
    if binding.key_display:
        return binding.key_display
    modifiers, key = binding.parse_key()
    shown = key_name(key)
    if shown is None:
        return None
    if "ctrl" in modifiers:
        modifiers.remove("ctrl")
        shown = f"^{shown}"
    return "+".join([*modifiers, shown])


def _one_key(key: str) -> str:
    """`ctrl+q` → `ctrl+q`, `escape` → `esc`: a key with its modifiers, each by its name."""
    *modifiers, last = key.strip().split("+") if key.strip() != "+" else ["+"]
    return "+".join([*(key_name(m) or m for m in modifiers), key_name(last) or last])


def key_label(key: str) -> str:
    """`plus,equals_sign` → `+ / =`; `enter,right` → `enter / →` (`intro / →`)."""
    return " / ".join(_one_key(k) for k in key.split(","))


def bindings_of(screen: Screen) -> list[Binding]:
    """The screen's own bindings first, then those it inherits (the care pause, …)."""
    found: list[Binding] = []
    for cls in type(screen).__mro__:
        if cls.__module__.startswith("circle_tui."):  # not Textual's own focus keys
            found += [b for b in cls.__dict__.get("BINDINGS", ()) if isinstance(b, Binding)]
    return found


def key_rows(screen: Screen) -> list[tuple[str, str]]:
    """Every key the screen binds, with its description, then the keys that work everywhere."""
    rows: dict[str, list[str]] = {}
    for b in bindings_of(screen):
        if b.description:
            keys = rows.setdefault(described(b), [])
            label = key_label(b.key)
            if label not in keys:
                keys.append(label)
    everywhere = [(key_label(key), _(description)) for key, description in GLOBAL_KEYS]
    return [(" / ".join(keys), description) for description, keys in rows.items()] + everywhere


def described(binding: Binding) -> str:
    """The footer's short description, with the tooltip's longer words after it."""
    return _(binding.description) + (f": {_(binding.tooltip)}" if binding.tooltip else "")


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def hint_items(screen: Screen, *ids: str) -> list[tuple[str, str]]:
    """(key, what it does) for the bindings named by `ids` that work now."""
    from textual.actions import parse

    by_id = {b.id: b for b in bindings_of(screen)}
    items = []
    for binding_id in ids:
        binding = by_id[binding_id]
        _namespace, name, params = parse(binding.action)
        if screen.check_action(name, params):
            label = binding.key_display or key_label(binding.key).split(" / ")[0]
            items.append((label, lower_first(_(binding.description))))
    return items


def hints(screen: Screen, *ids: str) -> str:
    """`enter start the round · o order mode`: the bindings named by `ids` that work now."""
    return " · ".join(f"{key} {what}" for key, what in hint_items(screen, *ids))
