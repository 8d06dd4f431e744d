"""Find the files that ship with the app, from a wheel or from an editable checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def bundled_dir(name: str) -> Path:
    """`agreements` or `assets`: inside the installed package, else the repo's top level."""
    packaged = resources.files("circle_tui") / name
    if packaged.is_dir():
        return Path(str(packaged))
    # Editable installs and source checkouts keep the folders beside the package.
    return Path(__file__).resolve().parent.parent / name
