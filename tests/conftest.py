"""Shared fixtures: every test runs with its own config and data dirs, never the user's."""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from circle_tui.settings import CONFIG_ENV, DATA_DIR_ENV
from tests.support.windows import as_on_windows  # noqa: F401 - a fixture for every test file


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


@pytest.fixture
def app_env(isolated_dirs: dict[str, Path], runtime_dir: Path) -> dict[str, str]:
    """The environment under which the real command, started in tmux, uses this test's own
    config, data and runtime folders."""
    return {
        CONFIG_ENV: str(isolated_dirs["config"]),
        DATA_DIR_ENV: str(isolated_dirs["data"]),
        "XDG_RUNTIME_DIR": str(runtime_dir),
    }


@pytest.fixture
def fixed_bundled_dir(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Bundled sets seen at one fixed path, for snapshots that quote it (the checkout's own
    path differs between machines): a symlink, swapped in atomically so workers can share it."""
    from circle_tui.storage import library
    from circle_tui.storage.bundled import bundled_dir

    link = Path("/tmp/circle-tui-bundled-agreements")
    real = bundled_dir("agreements")
    if not (link.is_symlink() and link.resolve() == real.resolve()):
        temporary = link.with_name(f"{link.name}.{os.getpid()}")
        temporary.unlink(missing_ok=True)
        temporary.symlink_to(real, target_is_directory=True)
        os.replace(temporary, link)
    monkeypatch.setattr(
        library, "bundled_dir", lambda name: link if name == "agreements" else bundled_dir(name)
    )
    return link


@pytest.fixture(autouse=True)
def truecolour_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Apps see a terminal of millions of colours, as a facilitator's usually is (and as the
    snapshots draw), whatever TERM the test runner has; tests of 16 colours ask for it."""
    from textual import constants

    monkeypatch.setattr(constants, "COLOR_SYSTEM", "truecolor")


@pytest.fixture(autouse=True)
def english_unless_asked(monkeypatch: pytest.MonkeyPatch):
    """Every test speaks English unless it chooses a language: `language = "auto"` would
    otherwise follow the machine's locale. The language is one per process: reset after."""
    from circle_tui import i18n

    for key in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.use("en")
    yield
    i18n.use("en")


#: Most of the suite waits rather than computes: Pilot pauses at least 20 ms at each key for
#: the screen to settle, the end-to-end tests wait for apps started in tmux. Three workers per
#: core keep both cores busy (measured on 2 cores: 3 min 12 s with four workers, 2 min 40 s
#: with six, 2 min 46 s with eight); the cap keeps a large CI machine from starting dozens of
#: apps at once.
WORKERS_PER_CORE = 3
MAX_WORKERS = 8


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (pyproject's addopts): three workers per core, at most MAX_WORKERS."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(WORKERS_PER_CORE * (cores or 1), MAX_WORKERS))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest tests first (the real command in tmux, the benchmark runs), so no worker
    is left finishing one of them while the others have nothing to do."""
    items.sort(
        key=lambda item: (
            0 if item.get_closest_marker("e2e") or item.get_closest_marker("slow") else 1
        )
    )


def pytest_collection_finish(session: pytest.Session) -> None:
    """What the test process holds for good (pytest, the collected tests, every imported
    module) is set aside from the collector: the app collects each screen it leaves, and a
    full pass over the test runner's own objects on every screen change was a fifth of a
    screen test's time."""
    gc.collect()
    gc.freeze()
