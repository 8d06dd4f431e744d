"""Find the files that ship inside the package: the bundled agreement sets and resources cards."""

from __future__ import annotations

from pathlib import Path


def bundled_dir(name: str) -> Path:
    """A data folder inside the installed package (`agreements`), the same in a wheel, an
    editable install and a checkout.

    A plain path beside this file rather than `importlib.resources`: the package is always
    unpacked on disk (the sets are opened as files), and that import costs memory on the
    circle's path."""
    return Path(__file__).resolve().parents[1] / name
