"""Keys are named from one table per language: the footer, the help, the dialogs and the
sentences that name a key all say `intro` in Spanish where English says `enter`."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from textual.binding import Binding

import circle_tui.ui
from circle_tui import i18n
from circle_tui.ui.keys import key_display, key_label, key_name, keyed


def _bindings() -> list[Binding]:
    """Every binding declared anywhere in the UI, one per key."""
    found: dict[tuple[str, str], Binding] = {}
    for info in pkgutil.walk_packages(circle_tui.ui.__path__, "circle_tui.ui."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if not cls.__module__.startswith("circle_tui."):
                continue
            for declared in cls.__dict__.get("BINDINGS", ()):
                if isinstance(declared, tuple):
                    declared = Binding(*declared)
                for binding in Binding.make_bindings([declared]):
                    found[(binding.key, binding.action)] = binding
    return list(found.values())


BINDINGS = _bindings()


def test_the_ui_declares_bindings_to_check():
    assert len(BINDINGS) > 40
    assert {"enter", "plus", "left_square_bracket", "ctrl+q"} <= {b.key for b in BINDINGS}


@pytest.mark.parametrize("binding", BINDINGS, ids=lambda b: f"{b.key}:{b.action}")
def test_every_key_is_shown_from_the_table(binding):
    shown = key_display(binding)
    assert shown is not None, f"add {binding.key!r} to ui/keys.py's table"
    if not binding.key_display and "+" not in binding.key:  # a plain key, by its name
        assert shown == key_name(binding.key)


def test_a_key_outside_the_table_is_left_to_textual():
    assert key_display(Binding("exclamation_mark", "x")) is None
    assert key_display(Binding("f5", "x", key_display="F5")) == "F5"


def test_a_key_has_one_name_in_the_footer_the_help_and_sentences():
    enter = Binding("enter", "x")
    assert (key_display(enter), key_label("enter,right"), keyed("press {enter}")) == (
        "enter",
        "enter / →",
        "press enter",
    )
    i18n.use("es")
    assert (key_display(enter), key_label("enter,right"), keyed("pulsa {enter}")) == (
        "intro",
        "intro / →",
        "pulsa intro",
    )
    assert [key_name(k) for k in ("space", "backspace", "escape", "up")] == [
        "espacio",
        "retroceso",
        "esc",
        "↑",
    ]
    assert key_display(Binding("ctrl+q", "x")) == "^q"
