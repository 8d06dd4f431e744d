"""Fixed folders for the few snapshots whose screens show a path (home's checklist, privacy,
the end screen): one test at a time across the xdist workers, so the suite can share tests
between workers freely (`--dist load`) and every other test keeps its own `tmp_path`."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from circle_tui.platform import try_lock

#: How long a test waits for another worker's test to give the folder back.
WAIT_SECONDS = 300


@contextmanager
def shown_root(path: Path) -> Iterator[Path]:
    """`path`, emptied, held by this test alone until it ends (a lock file beside it, which
    the OS drops if the worker dies); fails loudly if another holds it past the deadline."""
    lock = path.with_name(path.name + ".lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + WAIT_SECONDS
        while not try_lock(fd):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{path} still held by another test after {WAIT_SECONDS} s")
            time.sleep(0.05)
        shutil.rmtree(path, ignore_errors=True)
        yield path
    finally:
        os.close(fd)  # closing drops the lock
