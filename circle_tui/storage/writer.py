"""One background writer for the attendance draft: the newest counts win, none block a key."""

from __future__ import annotations

import threading
from collections.abc import Callable


class LatestWriter:
    """Runs `write` on a single long-lived thread whenever asked; requests that pile up while
    a write is running collapse into one, since `write` always saves the newest state.

    One thread for the whole session (not one per keypress) keeps memory flat: every new
    thread would get its own malloc arena.
    """

    def __init__(self, write: Callable[[], None], on_error: Callable[[Exception], None]) -> None:
        self._write = write
        self._on_error = on_error
        self._cond = threading.Condition()
        self._pending = False
        self._busy = False
        self._closed = False
        self._thread: threading.Thread | None = None

    def request(self) -> None:
        with self._cond:
            self._pending = True
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="attendance-writer", daemon=True
                )
                self._thread.start()
            self._cond.notify_all()

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until every requested write has landed; False if `timeout` passed first."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._pending and not self._busy, timeout)

    def close(self) -> None:
        """Finish any pending write, then let the thread end."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending or self._closed)
                if not self._pending:
                    return
                self._pending, self._busy = False, True
            try:
                self._write()
            except Exception as err:  # noqa: BLE001 - reported to the facilitator, never lost silently
                self._on_error(err)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
