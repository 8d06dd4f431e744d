"""Keys as people read them: labels for the footer, the help overlay and on-screen hints.

Hints are derived from a screen's own bindings, so a key is described in one place."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen

from circle_tui.i18n import N_, _

_NAMES = {
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

#: Keys that work on every screen (bound on the app or by Textual itself).
GLOBAL_KEYS = [
    ("?", N_("this help")),
    ("ctrl+p", N_("command palette: start, end round, attendance, settings, privacy")),
    ("ctrl+q", N_("quit (asks first during a circle; attendance is saved)")),
    ("v", N_("preview what the room view shows (circle-tui room, on a second screen)")),
    ("escape", N_("close a dialog")),
]


#: How the footer shows a key with a longer name: what Textual's `App.get_key_display` shows
#: (tests/test_keys.py compares them), from a table instead of Textual's look-ups in the
#: Unicode name database, whose pages (0.4 MiB of a circle's memory) nothing else needs.
_SHOWN_AS = {
    **_NAMES,
    "enter": "⏎",
    "backspace": "⌫",
    "escape": "esc",
    "delete": "del",
    "pageup": "pgup",
    "pagedown": "pgdn",
    "space": "space",
    "tab": "tab",
    "home": "home",
    "end": "end",
}


def key_display(binding: Binding) -> str | None:
    """`ctrl+q` → `^q`, `enter` → `⏎`, as Textual shows them; None for a key not in the table
    (the caller asks Textual)."""
    if binding.key_display:
        return binding.key_display
    modifiers, key = binding.parse_key()
    shown = key if len(key) == 1 and key.isalnum() else _SHOWN_AS.get(key)
    if shown is None:
        return None
    if "ctrl" in modifiers:
        modifiers.remove("ctrl")
        shown = f"^{shown}"
    return "+".join([*modifiers, shown])


def key_label(key: str) -> str:
    """`plus,equals_sign` → `+ / =`."""
    return " / ".join(_NAMES.get(k.strip(), k.strip()) for k in key.split(","))


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
    everywhere = [(key, _(description)) for key, description in GLOBAL_KEYS]
    return [(" / ".join(keys), description) for description, keys in rows.items()] + everywhere


def described(binding: Binding) -> str:
    """The footer's short description, with the tooltip's longer words after it."""
    return _(binding.description) + (f": {_(binding.tooltip)}" if binding.tooltip else "")


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def hints(screen: Screen, *ids: str) -> str:
    """`enter start the round · o order mode`: the bindings named by `ids` that work now."""
    from textual.actions import parse

    by_id = {b.id: b for b in bindings_of(screen)}
    parts = []
    for binding_id in ids:
        binding = by_id[binding_id]
        _namespace, name, params = parse(binding.action)
        if screen.check_action(name, params):
            label = binding.key_display or key_label(binding.key).split(" / ")[0]
            parts.append(f"{label} {lower_first(_(binding.description))}")
    return " · ".join(parts)
