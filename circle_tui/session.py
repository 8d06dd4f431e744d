"""Tonight's session, without Textual: the texts, the live circle, its drafts and final save.

Every view — the console's screens, a room view, the draft writer — watches the session and
re-renders or writes from it; no screen saves anything by hand."""

from __future__ import annotations

import random
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from circle_tui.config import Paths, Settings
from circle_tui.core.agreements import AgreementError, AgreementSet, Card
from circle_tui.core.circle import Circle
from circle_tui.core.clock import Clock, MonotonicClock
from circle_tui.core.plan import Phase
from circle_tui.core.record import AttendanceRecord
from circle_tui.storage.attendance import AttendanceLog
from circle_tui.storage.writer import LatestWriter

#: The last card of every set: the room is asked before the rounds begin.
AGREE = Card(
    "Do we agree?",
    "Is there anything anyone needs to add, or to ask about?\n\n*When everyone is ready, we begin.*",
    0,
)
#: Bumped whenever a room snapshot's fields change meaning; room views refuse other versions.
ROOM_VERSION = 1


class SaveFailed(Exception):
    """The final counts could not be written; they stay in memory and on screen."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


@dataclass(frozen=True)
class Texts:
    """The chosen agreement set and resources card, or why each cannot be used."""

    agreements: AgreementSet | None
    agreements_error: str | None
    resources: AgreementSet | None
    resources_error: str | None

    @classmethod
    def load(cls, settings: Settings, paths: Paths) -> Texts:
        from circle_tui import library

        def one(name: str, resources: bool) -> tuple[AgreementSet | None, str | None]:
            try:
                return library.load(name, paths, resources=resources), None
            except (AgreementError, LookupError) as err:
                return None, str(err)

        agreements, agreements_error = one(settings.agreements, False)
        resources, resources_error = one(settings.resources, True)
        return cls(agreements, agreements_error, resources, resources_error)

    @property
    def cards(self) -> list[Card]:
        """The cards read aloud, ending with "Do we agree?"."""
        return [*(self.agreements.cards if self.agreements else []), AGREE]


class Session:
    """The app's night: one circle at a time, its counts written as it goes."""

    def __init__(
        self,
        paths: Paths,
        settings: Settings,
        attendance: AttendanceLog,
        *,
        clock: Clock | None = None,
        wall: Callable[[], datetime] = datetime.now,
        rng: random.Random | None = None,
    ) -> None:
        self.paths = paths
        self.settings = settings
        self.attendance = attendance
        self.clock: Clock = clock or MonotonicClock()
        self.wall = wall
        self.rng = rng
        self._texts: Texts | None = None
        self.circle: Circle | None = None
        self.session_id: str | None = None
        self._watchers: list[Callable[[], None]] = []
        self._stop_watching_circle: Callable[[], None] | None = None
        self._written: AttendanceRecord | None = None
        # Drafts are written on a thread; this keeps "build the record, write it" in one
        # piece so a late draft can never overwrite the final record.
        self._save_lock = threading.Lock()
        self.draft_writer = LatestWriter(self._write_latest_draft, self._draft_failed)
        #: Told (from the writer's thread) when a draft could not be written.
        self.on_problem: Callable[[str], None] = lambda message: None

    # -- watching -----------------------------------------------------------------------
    def watch(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call `callback` after every change of the circle or the session; returns the
        function that stops it."""
        self._watchers.append(callback)
        return lambda: self._watchers.remove(callback) if callback in self._watchers else None

    def _changed(self) -> None:
        self._request_draft()
        for callback in list(self._watchers):
            callback()

    # -- settings and texts ---------------------------------------------------------------
    @property
    def texts(self) -> Texts:
        """Read when first needed, not at start: the home screen shows before they are parsed."""
        if self._texts is None:
            self._texts = Texts.load(self.settings, self.paths)
        return self._texts

    @property
    def texts_loaded(self) -> bool:
        return self._texts is not None

    def apply_settings(self, settings: Settings) -> None:
        """New settings from the settings screen: texts reloaded, tonight's circle untouched."""
        self.settings = settings
        self._texts = None
        self._changed()

    # -- the circle's life ----------------------------------------------------------------
    @property
    def in_circle(self) -> bool:
        return self.circle is not None

    def start(self) -> Circle:
        s = self.settings
        self.circle = Circle(
            s.rounds,
            clock=self.clock,
            wall=self.wall,
            rng=self.rng,
            warning_seconds=s.warning_seconds,
            silence_seconds=s.silence_seconds,
            session_minutes=s.session_minutes,
            agreement_cards=len(self.texts.cards),
        )
        self.session_id = str(uuid.uuid4())
        self._written = None
        self._stop_watching_circle = self.circle.watch(self._changed)
        self._changed()
        return self.circle

    def care_pause(self) -> bool:
        """The whole circle stops together (g), with the set's pause words."""
        circle = self.circle
        return circle is not None and circle.start_care_pause(self.settings.pause_silence_seconds)

    def to_closing(self) -> None:
        """On to the closing words, after the closing silence if one is set."""
        circle = self.circle
        seconds = self.settings.closing_silence_seconds
        if circle is not None and circle.go_to(Phase.CLOSING) and seconds:
            circle.start_silence(seconds)

    def record(self, status: str = "in_progress") -> AttendanceRecord | None:
        """Tonight's counts as the attendance record, or None outside a circle."""
        circle = self.circle
        if circle is None or self.session_id is None:
            return None
        counts = circle.counts()
        started = circle.started_at
        return AttendanceRecord(
            id=self.session_id,
            circle=self.settings.circle_name,
            date=started.date().isoformat(),
            started=started.strftime("%H:%M"),
            ended=circle.wall_now().strftime("%H:%M") if status != "in_progress" else "",
            present=counts.present,
            newcomers=counts.newcomers,
            status=status,
            returning=counts.returning,
        )

    def _request_draft(self) -> None:
        """Write the draft at the first arrival and whenever the counts change."""
        record = self.record()
        if record is None or record == self._written:
            return
        if record.present or self._written is not None:
            self.draft_writer.request()

    def _write_latest_draft(self) -> None:
        with self._save_lock:
            record = self.record()
            if record is not None and record != self._written:
                self.attendance.save(record)
                self._written = record

    def _draft_failed(self, err: Exception) -> None:
        self.on_problem(
            f"The attendance counts could not be saved ({err}). Check the disk; the counts are "
            "still in memory and will be saved again at the next change."
        )

    def end(self) -> AttendanceRecord | None:
        """Save the final counts (blocking: this is the one write that must land before the
        names are dropped), then forget everyone's names. On SaveFailed nothing is dropped."""
        with self._save_lock:
            record = self.record("complete")
            try:
                if record is not None and record.present:
                    self.attendance.save(record)
                elif record is not None and self.attendance.get(record.id):
                    self.attendance.delete(record.id)  # nobody came: no session to count
            except OSError as err:
                raise SaveFailed(self.attendance.path, err.strerror or str(err)) from None
            self._close_circle()
        self._changed()
        return record

    def save_and_forget(self) -> None:
        """Before quitting mid-circle: the counts so far, marked in progress; names dropped."""
        with self._save_lock:
            record = self.record()
            if record is not None and record.present:
                self.attendance.save(record)
            if self.circle is not None:
                self.circle.forget_names()

    def _close_circle(self) -> None:
        if self._stop_watching_circle is not None:
            self._stop_watching_circle()
            self._stop_watching_circle = None
        if self.circle is not None:
            self.circle.forget_names()
        self.circle = None
        self.session_id = None
        self._written = None

    def close(self) -> None:
        """The app is going: let the last draft land."""
        self.draft_writer.close()

    # -- what the room may see ----------------------------------------------------------
    def room_snapshot(self) -> dict[str, Any]:
        """What the whole room may see, as plain JSON: never who passed, left or
        stepped out, airtime, first-timers, warnings, settings, attendance or paths."""
        from circle_tui.room.snapshot import snapshot

        return snapshot(self)


@contextmanager
def opened(paths: Paths) -> Iterator[tuple[AttendanceLog, list[str]]]:
    """The data dir for this app's life: its writer lock, and the log opened for writing
    (a damaged file set aside, and said so in the notices)."""
    from circle_tui.storage.lock import WriterLock

    with WriterLock(paths.data_dir):
        log, aside = AttendanceLog.open(paths.data_dir)
        try:
            yield log, [aside.message()] if aside else []
        finally:
            log.close()
