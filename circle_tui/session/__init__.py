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
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from circle_tui import i18n
from circle_tui.core.agreements import AgreementError, AgreementSet, Card
from circle_tui.core.circle import Circle
from circle_tui.core.clock import Clock, MonotonicClock
from circle_tui.core.plan import Phase
from circle_tui.core.record import AttendanceRecord
from circle_tui.i18n import N_, _
from circle_tui.settings import ATTENDANCE_FILE, Paths, Settings
from circle_tui.storage.attendance import AttendanceLog, SetAside
from circle_tui.storage.writer import LatestWriter

#: The last card of every set: the room is asked before the rounds begin.
AGREE = Card(
    N_("Do we agree?"),
    N_(
        "Is there anything anyone needs to add, or to ask about?\n\n"
        "*When everyone is ready, we begin.*"
    ),
    0,
)
#: When no set could be read (the home screen's checklist says why): the circle agrees aloud.
AGREE_ALOUD = Card(
    N_("Our agreements"),
    N_(
        "We go through our agreements together, aloud: what is said here stays here, we "
        "speak for ourselves, we listen without fixing, and anyone may pass.\n\n"
        "*When everyone is ready, we begin.*"
    ),
    0,
)


class SaveFailed(Exception):
    """Counts that could not be written: they stay in memory and on screen, and `record` is
    what was being saved, for the last resort of printing it."""

    def __init__(self, path: Path, reason: str, record: AttendanceRecord | None = None) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason, self.record = path, reason, record

    def last_resort(self) -> str:
        """The counts in words and as an importable file, to print when the app closes
        without having saved them: counts only, as the attendance record holds them."""
        import json

        from circle_tui.core.record import counted, minutes_between

        r = self.record
        if r is None:
            return ""
        span = f"{r.started}–{r.ended}" if minutes_between(r.started, r.ended) else r.started
        counts = (
            _("{present} present, {first_timers}, {returning} back for a second time")
            if r.returning
            else _("{present} present, {first_timers}")
        ).format(
            present=r.present,
            first_timers=counted(r.newcomers, "first-timer"),
            returning=r.returning,
        )
        return (
            _("circle-tui could not save tonight's attendance counts ({why}).").format(why=self)
            + "\n"
            + _("Note them down:")
            + f"\n\n    {r.circle}, {r.date}, {span}: {counts}\n\n"
            + _(
                "To add them to the log later, save the lines below as counts.json and run "
                "`circle-tui attendance import counts.json`:"
            )
            + "\n"
            # An export as `attendance --format json` writes it, in ASCII: any terminal shows
            # it exactly, so what is copied from the screen imports as it was.
            + json.dumps([r.to_dict()], indent=2, ensure_ascii=True)
        )


def _reason(err: Exception) -> str:
    """What went wrong, in a few words and without a path (toasts never show paths)."""
    if isinstance(err, OSError):
        return err.strerror or type(err).__name__
    return getattr(err, "reason", None) or type(err).__name__


class Notice(NamedTuple):
    """Something the facilitator must read before the circle, shown as a dialog."""

    title: str
    text: str


@dataclass(frozen=True)
class Texts:
    """The chosen agreement set and resources card, or why each cannot be used."""

    agreements: AgreementSet | None
    agreements_error: str | None
    resources: AgreementSet | None
    resources_error: str | None

    @classmethod
    def load(cls, settings: Settings, paths: Paths) -> Texts:
        from circle_tui.storage import library

        def one(name: str, resources: bool) -> tuple[AgreementSet | None, str | None]:
            try:
                return library.load(name, paths, resources=resources), None
            except (AgreementError, LookupError) as err:
                return None, str(err)

        agreements, agreements_error = one(library.in_language(settings.agreements, paths), False)
        resources, resources_error = one(library.in_language(settings.resources, paths), True)
        return cls(agreements, agreements_error, resources, resources_error)

    @property
    def cards(self) -> list[Card]:
        """The cards read aloud, ending with "Do we agree?"."""
        if self.agreements is None:  # not "Do we agree?" to cards nobody read
            return [Card(_(AGREE_ALOUD.heading), _(AGREE_ALOUD.body), AGREE_ALOUD.line)]
        agree = Card(_(AGREE.heading), _(AGREE.body), AGREE.line)
        return [*self.agreements.cards, agree]


class RoomStatus(Protocol):
    """How the room views are doing. Owned by the room server (room/server.py), which alone
    changes it; the session, its checklist and the title only read it."""

    @property
    def count(self) -> int:
        """Room views connected right now."""
        ...

    @property
    def problem(self) -> str | None:
        """Why room views cannot connect tonight, if they cannot."""
        ...


@dataclass(frozen=True)
class FixedRoomStatus:
    """A room status that never changes: no room server tonight (and why not), or a test's."""

    count: int = 0
    problem: str | None = None


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
        room: RoomStatus = FixedRoomStatus(),
    ) -> None:
        self.paths = paths
        self.settings = settings  # whose language the command line already speaks
        self.attendance = attendance
        self.clock: Clock = clock or MonotonicClock()
        self.wall = wall
        self.rng = rng
        self._texts: Texts | None = None
        self.circle: Circle | None = None
        self.session_id: str | None = None
        #: Circles ended tonight: after one, the room views say the circle has ended.
        self.circles_ended = 0
        #: The room views' status, read from its owner: the room server, once the console
        #: runs one (`serve_room_views`).
        self.room: RoomStatus = room
        self._watchers: list[Callable[[], None]] = []
        self._stop_watching_circle: Callable[[], None] | None = None
        self._written: AttendanceRecord | None = None
        # Drafts are written on a thread; this keeps "build the record, write it" in one
        # piece so a late draft can never overwrite the final record.
        self._save_lock = threading.Lock()
        self.draft_writer = LatestWriter(self._write_latest_draft, self._draft_failed)
        #: The recovery checkpoint: built on the UI thread at each change (it is small),
        #: written by its own background writer, so no key waits for a disk.
        self.checkpoint_writer = LatestWriter(
            self._write_latest_checkpoint, self._checkpoint_failed
        )
        self._checkpoint_lock = threading.Lock()
        self._checkpoint: tuple[str, dict[str, Any]] | None = None  # to write next
        self._checkpoint_written: dict[str, Any] | None = None
        #: Why carrying on could not return to where the circle was (None if it did).
        self.resume_problem: str | None = None
        #: Why checkpoints are not being written now (None while they are).
        self.checkpoint_problem: str | None = None
        #: Told (from the writer's thread) when drafts stop being written: `watch_problems`.
        self._problem_watchers: list[Callable[[str], None]] = []
        #: Why drafts are not being written now (None while they are).
        self.draft_problem: str | None = None
        #: Why the last attempt to save the final counts failed (None if none failed).
        self.save_problem: SaveFailed | None = None

    # -- the room views ------------------------------------------------------------------
    def serve_room_views(self, server: RoomStatus) -> None:
        """From now on, the room's status is the room server's."""
        self.room = server

    @property
    def room_views(self) -> int:
        """Room views connected right now."""
        return self.room.count

    @property
    def room_problem(self) -> str | None:
        """Why room views cannot connect tonight, if they cannot (for the checklist)."""
        return self.room.problem

    # -- watching -----------------------------------------------------------------------
    def watch(self, callback: Callable[[], None], *, first: bool = False) -> Callable[[], None]:
        """Call `callback` after every change of the circle or the session (`first`: before
        the others); returns the function that stops it."""
        self._watchers.insert(0 if first else len(self._watchers), callback)
        return lambda: self._watchers.remove(callback) if callback in self._watchers else None

    def watch_problems(self, callback: Callable[[str], None]) -> None:
        """Call `callback` (on the writer's thread) with each problem the facilitator must
        hear of at once, such as drafts that stopped being saved."""
        self._problem_watchers.append(callback)

    def _changed(self) -> None:
        self._request_draft()
        self._request_checkpoint()
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
        i18n.LANGUAGE.follow_settings(settings.language, settings.agreements)
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
            show_panel=not s.room_safe_now(self.room_views),
            rotate_start=s.rotate_start,
            break_minutes=s.break_minutes,
        )
        self.session_id = str(uuid.uuid4())
        self._written = None
        self._stop_watching_circle = self.circle.watch(self._changed)
        self._changed()
        return self.circle

    def can_resume(self, draft: AttendanceRecord) -> bool:
        """Whether `draft` is tonight's circle, which `resume` can carry on (its name's case
        or accents changed in the settings since: the same circle, as everywhere)."""
        from circle_tui.core.summary import circle_key

        return (
            self.circle is None
            and draft.status == "in_progress"
            and draft.date == self.wall().date().isoformat()
            and circle_key(draft.circle) == circle_key(self.settings.circle_name)
        )

    def tonights_draft(self) -> AttendanceRecord | None:
        """Tonight's circle, left unfinished (a crash, a quit mid-circle) and not yet
        settled: starting a circle offers to carry it on rather than count the night twice."""
        if self.circle is not None:
            return None
        return next((d for d in self.attendance.drafts() if self.can_resume(d)), None)

    def resume(self, draft: AttendanceRecord) -> Circle:
        """Carry on tonight's circle after the app stopped mid-way: under the draft's id, so
        its counts are finished rather than counted twice, from its start time, with its
        counts as unnamed seats (names were never on disk)."""
        circle = self.start()
        self.session_id = draft.id
        started = datetime.combine(
            date.fromisoformat(draft.date), time.fromisoformat(draft.started)
        )
        self.resume_problem = None
        place = self._checkpoint_of(draft.id)
        if place is None:
            circle.resume(started, draft.present, draft.newcomers, draft.returning or 0)
        else:
            circle.resume(started, 0, 0, 0)
            self._restore(circle, place, draft)
        self._changed()
        return circle

    def _checkpoint_of(self, session_id: str) -> dict[str, Any] | None:
        """The draft's recovery checkpoint, if one can be read (one that cannot is set
        aside, and said so): without it, carrying on starts from the counts."""
        from circle_tui.storage.atomic import DamagedFile
        from circle_tui.storage.checkpoint import load_checkpoint

        try:
            return load_checkpoint(self.paths.data_dir, session_id)
        except (DamagedFile, OSError) as err:
            self.resume_problem = _(
                "Where the circle was could not be read ({why}): it carries on from its counts."
            ).format(why=err.reason if isinstance(err, DamagedFile) else _reason(err))
            return None

    def _restore(self, circle: Circle, place: dict[str, Any], draft: AttendanceRecord) -> None:
        """The circle where the checkpoint left it, its counts as the draft says (the
        facilitator may have corrected them on the way back)."""
        from circle_tui.core.checkpoint import CheckpointError, restore

        try:
            restore(circle, place)
        except CheckpointError:
            circle.resume(circle.started_at, draft.present, draft.newcomers, draft.returning or 0)
            return
        counts = circle.counts()
        circle.present_adjust += draft.present - counts.present
        circle.newcomer_adjust += draft.newcomers - counts.newcomers

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
                self.draft_problem = None

    def _draft_failed(self, err: Exception) -> None:
        """Told once per run of failures, not at every arrival; no path (it is a toast)."""
        first = self.draft_problem is None
        self.draft_problem = _reason(err)
        if not first:
            return
        message = _(
            "The attendance draft could not be saved ({why}). Carry on: the counts "
            "stay on screen, and at the end you can save them to another folder "
            "(a USB stick)."
        ).format(why=self.draft_problem)
        for tell in self._problem_watchers:
            tell(message)

    def _request_checkpoint(self) -> None:
        """The circle's place, to be written beside the draft once someone has arrived."""
        from circle_tui.core.checkpoint import checkpoint

        circle, session_id = self.circle, self.session_id
        if circle is None or session_id is None or not circle.participants:
            return
        data = checkpoint(circle, session_id)
        with self._checkpoint_lock:
            self._checkpoint = (session_id, data)
        self.checkpoint_writer.request()

    def _write_latest_checkpoint(self) -> None:
        from circle_tui.storage.checkpoint import save_checkpoint

        with self._checkpoint_lock:  # a session that ended meanwhile is never written again
            if self._checkpoint is None:
                return
            session_id, data = self._checkpoint
            self._checkpoint = None
            save_checkpoint(self.paths.data_dir, session_id, data)
            self.checkpoint_problem = None

    def _checkpoint_failed(self, err: Exception) -> None:
        """Said by the draft's own message when the disk fails; kept here for the checklist."""
        self.checkpoint_problem = _reason(err)

    def forget_checkpoint(self, session_id: str) -> None:
        """The session ended or its draft was settled: where it was is no longer needed."""
        from circle_tui.storage.checkpoint import delete_checkpoint

        with self._checkpoint_lock:
            if self._checkpoint is not None and self._checkpoint[0] == session_id:
                self._checkpoint = None
            try:
                delete_checkpoint(self.paths.data_dir, session_id)
            except OSError as err:
                self.checkpoint_problem = _reason(err)

    @property
    def draft_on_disk(self) -> AttendanceRecord | None:
        """The last draft written tonight: kept in the log whatever happens to the final save."""
        return self._written

    def end(self) -> AttendanceRecord | None:
        """Save the final counts (blocking: this is the one write that must land before the
        names are dropped), then forget everyone's names. On SaveFailed nothing is dropped."""
        from circle_tui.storage.atomic import DamagedFile

        with self._save_lock:
            record = self.record("complete")
            failed: SaveFailed | None
            try:
                if record is not None and record.present:
                    self.attendance.save(record)
                elif record is not None and self.attendance.get(record.id):
                    self.attendance.delete(record.id)  # nobody came: no session to count
            except (OSError, DamagedFile) as err:
                failed = SaveFailed(self.attendance.path, _reason(err), record)
            else:
                failed = None
                self._close_circle()
        self._saved_or_not(failed)
        return record

    def save_elsewhere(self, folder: Path) -> Path:
        """When the log cannot be written: the final counts as an attendance file in `folder`
        (`circle-tui attendance import` adds it to the log later, finishing tonight's draft),
        then names forgotten and the circle closed, as after `end`; SaveFailed if that folder
        cannot be written either."""
        from circle_tui.storage.exchange import save_export

        folder = folder.expanduser().absolute()
        with self._save_lock:
            record = self.record("complete")
            if record is None:
                raise SaveFailed(folder, _("there is no circle to save"))
            failed: SaveFailed | None
            try:
                path = save_export(folder, record)
            except OSError as err:
                failed = SaveFailed(folder, _reason(err), record)
            else:
                failed = None
                self._close_circle()
        self._saved_or_not(failed)
        return path

    def _saved_or_not(self, failed: SaveFailed | None) -> None:
        """Tell every view how the save went (outside the save lock: a change may request a
        draft); on failure keep everything and raise, so the caller offers what next."""
        self.save_problem = failed
        self._changed()
        if failed is not None:
            raise failed

    def save_and_forget(self) -> None:
        """Before quitting mid-circle: the counts so far, marked in progress; names dropped
        even when the counts cannot be saved (SaveFailed then carries them, to be printed)."""
        from circle_tui.storage.atomic import DamagedFile

        with self._save_lock:
            record = self.record()
            try:
                if record is not None and record.present:
                    self.attendance.save(record)
            except (OSError, DamagedFile) as err:
                raise SaveFailed(self.attendance.path, _reason(err), record) from None
            finally:
                if self.circle is not None:
                    self.circle.forget_names()

    def _close_circle(self) -> None:
        if self.session_id is not None:
            self.forget_checkpoint(self.session_id)
        self.circles_ended += 1
        if self._stop_watching_circle is not None:
            self._stop_watching_circle()
            self._stop_watching_circle = None
        if self.circle is not None:
            self.circle.forget_names()
        self.circle = None
        self.session_id = None
        self._written = None

    def close(self) -> None:
        """The app is going: let the last draft and checkpoint land."""
        self.draft_writer.close()
        self.checkpoint_writer.close()


#: Said whenever the data dir fails: the circle goes on, and nothing is lost at the end.
RUN_ANYWAY = N_(
    "You can still run tonight's circle: the counts stay on screen, and at the end you can "
    "save them to another folder, such as a USB stick."
)
#: Below this much free space, or twice the log's size, a night's drafts may not fit: each
#: write makes a whole new copy of the log before replacing the old one.
LOW_SPACE = 256 * 1024


@contextmanager
def opened(paths: Paths) -> Iterator[tuple[AttendanceLog, list[Notice]]]:
    """The data dir for this app's life: its writer lock, and the log opened for writing
    (a damaged file set aside, and said so in the notices).

    A data dir that cannot be written (read-only, gone, its disk full) does not stop the
    circle: it is said in a notice, and the log waits for the lock until a write can get
    through (AttendanceLog.open_later)."""
    from circle_tui.storage.lock import WriterLock

    lock = WriterLock(paths.data_dir)
    try:
        try:
            lock.acquire()
            log, aside = AttendanceLog.open(paths.data_dir)
        except OSError as err:
            lock.release()
            log, unreadable = AttendanceLog.open_later(paths.data_dir, lock)
            notices = [_unwritable(paths.data_dir, _reason(err), unreadable)]
        else:
            notices = aside_notices(aside) + _low_space(paths.data_dir)
        try:
            yield log, notices
        finally:
            log.close()
    finally:
        lock.release()


def aside_notices(aside: SetAside | None) -> list[Notice]:
    return [Notice(_("The attendance file was set aside"), aside.message())] if aside else []


def _unwritable(data_dir: Path, reason: str, unreadable: str | None) -> Notice:
    text = _(
        "{folder} cannot be written ({why}). {run_anyway} Nothing stored there changes."
    ).format(folder=data_dir, why=reason, run_anyway=_(RUN_ANYWAY))
    if unreadable:
        text += " " + _("The attendance log there cannot be read either ({why}).").format(
            why=unreadable
        )
    return Notice(_("The data folder cannot be written"), text)


def _low_space(data_dir: Path) -> list[Notice]:
    import shutil

    from circle_tui.reading import size_words

    try:
        free = shutil.disk_usage(data_dir).free  # what this user may fill, on every system
        log = data_dir / ATTENDANCE_FILE
        need = max(LOW_SPACE, 2 * log.stat().st_size if log.exists() else 0)
    except OSError:
        return []
    if free >= need:
        return []
    return [
        Notice(
            _("The data folder's disk is full"),
            _(
                "The disk holding {folder} has {free} free: tonight's counts may not fit. "
                "Free some space before the circle. {run_anyway}"
            ).format(folder=data_dir, free=size_words(free), run_anyway=_(RUN_ANYWAY)),
        )
    ]
