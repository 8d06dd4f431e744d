"""The footer's key labels come from circle_tui's own table, and read as Textual's would."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from textual.app import App
from textual.binding import Binding

import circle_tui.ui
from circle_tui.ui.keys import key_display


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
def test_every_key_is_shown_from_the_table_as_textual_shows_it(binding):
    shown = key_display(binding)
    assert shown is not None, f"add {binding.key!r} to ui/keys.py's _SHOWN_AS"
    assert shown == App.get_key_display(App(), binding)


def test_a_key_outside_the_table_is_left_to_textual():
    assert key_display(Binding("exclamation_mark", "x")) is None
    assert key_display(Binding("f5", "x", key_display="F5")) == "F5"
