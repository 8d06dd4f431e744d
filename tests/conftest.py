"""Shared fixtures: every test runs with its own config and data dirs, never the user's."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from circle_tui.config import CONFIG_ENV, DATA_DIR_ENV


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    config = tmp_path / "config" / "config.toml"
    data = tmp_path / "data"
    monkeypatch.setenv(CONFIG_ENV, str(config))
    monkeypatch.setenv(DATA_DIR_ENV, str(data))
    return {"config": config, "data": data}


@pytest.fixture(autouse=True)
def runtime_dir(monkeypatch: pytest.MonkeyPatch):
    """A private XDG_RUNTIME_DIR per test, for room sockets: short, because a Unix socket's
    path must fit in 108 bytes, which pytest's own temporary paths can exceed."""
    path = Path(tempfile.mkdtemp(prefix="ct-run-", dir="/tmp"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(path))
    yield path
    shutil.rmtree(path, ignore_errors=True)
