"""Find the files that ship with the app, from a wheel or from an editable checkout."""

from __future__ import annotations

from pathlib import Path


def bundled_dir(name: str) -> Path:
    """`agreements` or `assets`: inside the installed package, else the repo's top level.

    A plain path beside this file rather than `importlib.resources`: the package is always
    unpacked on disk (the sets are opened as files), and that import costs memory on the
    circle's path."""
    here = Path(__file__).resolve().parent
    packaged = here / name  # where the wheel puts them
    # Editable installs and source checkouts keep the folders beside the package.
    return packaged if packaged.is_dir() else here.parent / name
