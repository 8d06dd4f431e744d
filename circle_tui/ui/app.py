"""The Textual app: owns the live circle, the attendance log, and the screen flow."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterable
from datetime import datetime

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from circle_tui.config import Paths, Settings
from circle_tui.core.agreements import AgreementError, AgreementSet
from circle_tui.core.circle import Circle, default_plan
from circle_tui.core.clock import Clock, MonotonicClock
from circle_tui.core.plan import Phase
from circle_tui.core.record import AttendanceRecord
from circle_tui.core.rounds import RoundKind
from circle_tui.errors import UserError
from circle_tui.storage.attendance import AttendanceLog
from circle_tui.storage.writer import LatestWriter
from circle_tui.ui.themes import HIGH_CONTRAST

MIN_WIDTH, MIN_HEIGHT = 80, 24


class CircleApp(App[int]):
    """One circle at a time; the home screen sits under every session screen."""

    CSS_PATH = "circle.tcss"
    # Keys belong to the screens; a text field takes focus only when asked for (`t`).
    AUTO_FOCUS = None
    TITLE = "circle-tui"
    BINDINGS = [
        Binding("ctrl+q", "request_quit", "Quit", priority=True, id="quit"),
        Binding("question_mark", "help", "Help", id="help"),
    ]

    def __init__(
        self,
        paths: Paths,
        settings: Settings,
        attendance: AttendanceLog,
        *,
        clock: Clock | None = None,
        wall: Callable[[], datetime] = datetime.now,
        rng: random.Random | None = None,
        notices: Iterable[str] = (),
    ) -> None:
        super().__init__()
        self.paths = paths
        self.settings = settings
        self.attendance = attendance
        self.clock = clock or MonotonicClock()
        self.wall = wall
        self.rng = rng
        self.notices = list(notices)
        self.circle: Circle | None = None
        # Draft writes run in threads; this keeps "build the record, write it" in one piece
        # so a late draft can never overwrite the final record.
        self._save_lock = threading.Lock()
        self.draft_writer = LatestWriter(self._write_latest_draft, self._draft_failed)
        self.session_id: str | None = None
        self.agreements: AgreementSet | None = None
        self.agreements_error: str | None = None
        self.resources: AgreementSet | None = None
        self.resources_error: str | None = None
        self.register_theme(HIGH_CONTRAST)
        self.theme = settings.theme
        self.sub_title = settings.circle_name

    def get_default_screen(self) -> Screen:
        """Home is the bottom of the stack: every session screen returns to it."""
        from circle_tui.ui.screens.home import HomeScreen

        self.load_texts()
        return HomeScreen()

    def on_mount(self) -> None:
        self.call_after_refresh(self.check_size)

    def on_unmount(self) -> None:
        self.draft_writer.close()

    def on_resize(self) -> None:
        self.call_after_refresh(self.check_size)

    def check_size(self) -> None:
        """Cover the screen with a plain message while it is too small to be usable."""
        from circle_tui.ui.screens.too_small import TooSmallScreen

        if not self.screen_stack:
            return
        small = self.size.width < MIN_WIDTH or self.size.height < MIN_HEIGHT
        shown = isinstance(self.screen, TooSmallScreen)
        if small and not shown:
            self.push_screen(TooSmallScreen((MIN_WIDTH, MIN_HEIGHT)))
        elif shown and not small:
            self.pop_screen()

    # -- texts ----------------------------------------------------------------------
    def load_texts(self) -> None:
        """Load the chosen agreement set and resources card; keep errors for the screens."""
        from circle_tui import library

        try:
            self.agreements, self.agreements_error = (
                library.load(self.settings.agreements, self.paths),
                None,
            )
        except (AgreementError, LookupError) as err:
            self.agreements, self.agreements_error = None, str(err)
        try:
            self.resources = library.load(self.settings.resources, self.paths, resources=True)
            self.resources_error = None
        except (AgreementError, LookupError) as err:
            self.resources, self.resources_error = None, str(err)

    # -- the session ------------------------------------------------------------------
    @property
    def in_session(self) -> bool:
        return self.circle is not None

    def start_session(self) -> None:
        from circle_tui.ui.screens.arrivals import ArrivalsScreen

        s = self.settings
        minutes = {kind: s.minutes_for(kind) for kind in RoundKind}
        self.circle = Circle(
            default_plan(s.round_kinds(), minutes),
            clock=self.clock,
            wall=self.wall,
            rng=self.rng,
            warning_seconds=s.warning_seconds,
            silence_seconds=s.silence_seconds,
            session_minutes=s.session_minutes,
        )
        import uuid

        self.session_id = str(uuid.uuid4())
        self.push_screen(ArrivalsScreen())

    def go_to(self, phase: Phase) -> None:
        """Move the circle to `phase` and show its screen in place of the current one."""
        from circle_tui.ui.screens import for_phase

        assert self.circle is not None
        self.circle.go_to(phase)
        self.switch_screen(for_phase(phase)())

    def attendance_record(self, status: str = "in_progress") -> AttendanceRecord | None:
        if self.circle is None or self.session_id is None:
            return None
        counts = self.circle.counts()
        started = self.circle.started_at
        return AttendanceRecord(
            id=self.session_id,
            circle=self.settings.circle_name,
            date=started.date().isoformat(),
            started=started.strftime("%H:%M"),
            ended=self.wall().strftime("%H:%M") if status != "in_progress" else "",
            present=counts.present,
            newcomers=counts.newcomers,
            status=status,
        )

    def counts_changed(self) -> None:
        """Write the draft at the first arrival and on every change of the counts."""
        if self.circle is not None and (
            self.circle.counts().present or self.attendance.get(self.session_id or "")
        ):
            self.draft_writer.request()

    def _draft_failed(self, err: Exception) -> None:
        self.call_from_thread(
            self.notify,
            f"The attendance counts could not be saved ({err}). Check the disk; the counts are "
            "still in memory and will be saved again at the next change.",
            severity="error",
            timeout=30,
        )

    def _write_latest_draft(self) -> None:
        with self._save_lock:
            record = self.attendance_record()
            if record is not None:
                self.attendance.save(record)

    def end_session(self) -> AttendanceRecord | None:
        """Save the final counts (blocking: this is the one write that must land before
        the names are dropped) and forget everyone's names."""
        with self._save_lock:
            record = self.attendance_record("complete")
            if record is not None and record.present:
                self.attendance.save(record)
            elif record is not None and self.attendance.get(record.id):
                self.attendance.delete(record.id)  # nobody came: no session to count
            if self.circle is not None:
                self.circle.forget_names()
            self.circle = None
            self.session_id = None
        return record

    def save_draft_now(self) -> None:
        """Before quitting mid-session: the counts so far, marked in progress."""
        with self._save_lock:
            record = self.attendance_record()
            if record is not None and record.present:
                self.attendance.save(record)
            if self.circle is not None:
                self.circle.forget_names()

    # -- global actions -------------------------------------------------------------------
    def action_help(self) -> None:
        from circle_tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_request_quit(self) -> None:
        from circle_tui.ui.screens.confirm import ConfirmScreen

        if not self.in_session:
            self.exit(0)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.save_draft_now()
                self.exit(0)

        self.push_screen(
            ConfirmScreen(
                "Quit in the middle of the circle?",
                "The counts so far are saved as an unfinished session; you can confirm "
                "them next time. Names are forgotten.",
                yes="Save and quit",
            ),
            answered,
        )

    def action_open(self, name: str) -> None:
        from circle_tui.ui.screens import by_name

        self.push_screen(by_name(name)())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if not self.in_session:
            yield SystemCommand(
                "Start today's circle", "Arrivals, agreements, rounds, closing", self.start_session
            )
        else:
            yield SystemCommand(
                "End the round", "Close the current round and move on", self._end_round_command
            )
        yield SystemCommand(
            "Attendance review",
            "Counts per session, circle and month",
            lambda: self.action_open("attendance"),
        )
        yield SystemCommand(
            "Settings",
            "Circle name, time limits, feedback link, theme",
            lambda: self.action_open("settings"),
        )
        yield SystemCommand(
            "Privacy",
            "What is stored, where, and what never is",
            lambda: self.action_open("privacy"),
        )
        yield SystemCommand("Keys", "Every key on this screen", self.action_help)
        yield from super().get_system_commands(screen)

    def _end_round_command(self) -> None:
        from circle_tui.ui.screens.rounds import RoundsScreen

        if isinstance(self.screen, RoundsScreen):
            self.screen.action_end_round()
        else:
            self.notify("Rounds are not running right now.")

    # -- crash output without participant data -------------------------------------------
    def _fatal_error(self) -> None:
        """Textual's default crash report shows local variables, which could hold typed
        names; save the counts, then report the traceback without locals."""
        from rich.console import Group
        from rich.traceback import Traceback

        try:
            self.save_draft_now()
            saved = "The attendance counts so far were saved."
        except Exception:  # noqa: BLE001 - the crash report must still be shown
            saved = "The attendance counts could not be saved."
        message = (
            f"circle-tui stopped because of an unexpected error. {saved} "
            "Nothing anyone said was ever recorded. Please report the error below."
        )
        self._exit_renderables.append(Group(message, Traceback(show_locals=False, width=100)))
        self._close_messages_no_wait()


def run(paths: Paths, settings: Settings) -> int:
    """Take the writer lock, open the log (setting aside a damaged file), run the app."""
    from circle_tui.storage.lock import AlreadyRunning, WriterLock

    lock = WriterLock(paths.data_dir)
    try:
        lock.acquire()
    except AlreadyRunning as err:
        raise UserError(str(err)) from None
    try:
        log, aside = AttendanceLog.open(paths.data_dir)
        try:
            app = CircleApp(paths, settings, log, notices=[aside.message()] if aside else [])
            app.run()
            if app.in_session:  # e.g. the terminal closed under us
                app.save_draft_now()
            return app.return_code or 0
        finally:
            log.close()
    finally:
        lock.release()
