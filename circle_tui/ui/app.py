"""The Textual app: wires the session to the screens, and follows the circle from phase to phase."""

from __future__ import annotations

import gc
import random
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual._styles_cache import StylesCache
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer

from circle_tui.core.circle import Action
from circle_tui.core.clock import Clock, MonotonicClock
from circle_tui.core.plan import Phase
from circle_tui.core.record import AttendanceRecord, counted
from circle_tui.errors import EXIT_FAILED, UserError
from circle_tui.i18n import N_, _
from circle_tui.session import FixedRoomStatus, Notice, SaveFailed, Session
from circle_tui.session.chime import Chime
from circle_tui.settings import ConfigError, Paths, Settings
from circle_tui.storage.attendance import AttendanceLog
from circle_tui.ui import relayout, screens
from circle_tui.ui.keys import key_display
from circle_tui.ui.settle import HeldKeyGuard, place
from circle_tui.ui.themes import HIGH_CONTRAST, CueColours

if TYPE_CHECKING:
    from circle_tui.room.server import RoomServer

MIN_WIDTH, MIN_HEIGHT = 80, 24


#: Textual's own palette commands left out: "Screenshot" writes the screen, typed names
#: and all, to an SVG in ~/Downloads (names never reach disk); "Keys" is ours already.
NOT_IN_THE_PALETTE = frozenset({"Screenshot", "Keys"})
#: Textual's own palette commands, their words given again so that they are translated.
TEXTUAL_COMMANDS = {
    "Theme": (N_("Theme"), N_("Change the current theme")),
    # Not "as soon as possible", as Textual says: during a circle it asks first.
    "Quit": (N_("Quit"), N_("Quit circle-tui; during a circle it asks first")),
    "Minimize": (N_("Minimize"), N_("Minimize the widget and restore to normal size")),
    "Maximize": (N_("Maximize"), N_("Maximize the focused widget")),
}


def collect_left_screens() -> None:
    """Free the screen just left now, rather than let the evening's screens pile up until the
    collector's next full pass (a screen is a cycle of widgets).

    Textual caches `StylesCache.get_inner_outer` with `lru_cache` on the method, so its 1,024
    entries hold the style caches (every drawn line) of widgets long gone (textual#6665): they
    are emptied first, or the collector would keep them and walk them on every pass."""
    StylesCache.get_inner_outer.cache_clear()
    gc.collect()


class CircleApp(CueColours, App[int]):
    """The facilitator's console. The home screen sits under every circle screen."""

    CSS_PATH = "circle.tcss"
    # Keys belong to the screens; a text field takes focus only when asked for (`t`).
    AUTO_FOCUS = None
    TITLE = "circle-tui"
    BINDINGS = [
        Binding("ctrl+q", "request_quit", N_("Quit"), priority=True, id="quit"),
        Binding("question_mark", "help", N_("Help"), id="help"),
        Binding("v", "room_preview", N_("Room view"), show=False, id="room-preview"),
    ]

    def __init__(
        self,
        session: Session,
        *,
        notices: Iterable[Notice] = (),
        room_socket: Path | None = None,
        key_clock: Clock | None = None,
        chime: Chime | None = None,
    ) -> None:
        relayout.install()  # Textual 8.2 kept a grown text's old height (ui/relayout.py)
        super().__init__()
        self.session = session
        #: The gentle chime (the `chime` setting), played by the laptop's own player.
        self.chime = chime or Chime()
        #: A held key never crosses a boundary; key timing is read from `key_clock`.
        self.held_keys = HeldKeyGuard(key_clock or MonotonicClock())
        self._notices = list(notices)
        #: Counts that could not be saved before the app closed: `run` prints them.
        self.unsaved: SaveFailed | None = None
        self.room_socket = room_socket
        self.room: RoomServer | None = None
        self._remove_signal_handlers: Callable[[], None] = lambda: None
        self.register_theme(HIGH_CONTRAST)
        if session.settings.theme in self.available_themes:  # else `run` says so first
            self.theme = session.settings.theme
        self.show_title()

    def take_notices(self) -> list[Notice]:
        """What opening the log found (a file set aside...), each to be shown once: whoever
        shows them takes them."""
        notices, self._notices = self._notices, []
        return notices

    def get_default_screen(self) -> Screen:
        return screens.home_screen()

    async def on_mount(self) -> None:
        self.session.watch_problems(self._problem_from_thread)
        self.session.watch(self.follow_the_circle)
        self.session.watch(self.show_title)
        self.session.watch(self.listen_for_chime)
        self.show_title()  # the clock's ticks start once the app runs
        self.call_after_refresh(self.check_size)
        self._on_signals(install=True)
        if self.room_socket is not None:
            await self.serve_the_room(self.room_socket)

    def listen_for_chime(self) -> None:
        """After a change, and each second a countdown is shown: a moment for the chime?"""
        self.chime.check(self.session.circle, self.session.settings.chime)

    async def on_unmount(self) -> None:
        self._on_signals(install=False)
        if self.room is not None:
            await self.room.close()
        self.session.close()

    def _on_signals(self, *, install: bool) -> None:
        """The system stopping (SIGTERM) ends the app as ctrl+q does, counts saved first; the
        terminal closing (SIGHUP) saves them too, then ends the app as the signal would have."""
        from circle_tui import platform

        if install:
            self._remove_signal_handlers = platform.on_stop_signals(
                self._stop, self._terminal_closed
            )
        else:
            self._remove_signal_handlers()

    def _stop(self) -> None:
        if self.session.in_circle:
            self.save_before_quitting()
        self.exit(return_code=1)

    def _terminal_closed(self) -> None:
        """Nothing can be shown or printed any more. A teardown that writes to a closed
        terminal can hang, and a hung app would keep the data dir locked: after the save,
        the process ends at once, as SIGHUP ends it by default (the kernel frees the lock)."""
        from circle_tui import platform

        if self.session.in_circle:
            self.save_before_quitting()
        platform.end_as_the_terminal_closing()

    def save_before_quitting(self) -> None:
        """The counts so far, names forgotten; counts that cannot be saved are kept for
        `run` to print as a last resort."""
        try:
            self.session.save_and_forget()
        except SaveFailed as err:
            self.unsaved = err

    # -- the room view ----------------------------------------------------------------------
    async def serve_the_room(self, path: Path) -> None:
        """Serve room snapshots for `circle-tui room`; if the socket cannot be made, the
        console runs on and the checklist says why."""
        from circle_tui.room.server import RoomServer
        from circle_tui.room.snapshot import snapshot

        room = RoomServer(
            path,
            lambda: snapshot(self.session),
            on_count=lambda count: self.show_title(),
            on_other_version=self._room_view_refused,
        )
        self.session.serve_room_views(room)
        if not await room.open():
            return
        self.room = room
        # The room hears of a change before the console redraws for it (a new screen can
        # take a good part of a second to mount on a slow laptop).
        self.session.watch(room.publish, first=True)
        self.show_title()

    def _room_view_refused(self) -> None:
        self.notify(
            _(
                "A room view of another circle-tui version was turned away: run the same "
                "circle-tui for both."
            ),
            severity="warning",
        )

    _clock_ticks: Timer | None = None

    def show_title(self) -> None:
        """The circle's name, how many room views show what the room sees, and the time of
        day (`show_clock`), which it looks at once a second while it is shown."""
        settings = self.session.settings
        title = settings.circle_name
        if self.room is not None:
            views = self.session.room_views
            title += " · " + (counted(views, "room view") if views else _("no room view"))
        if settings.show_clock:
            title += f" · {self.session.wall():%H:%M}"
            if self._clock_ticks is None and self.is_running:
                self._clock_ticks = self.set_interval(1.0, self.show_title)
        elif self._clock_ticks is not None:
            self._clock_ticks.stop()
            self._clock_ticks = None
        if title != self.sub_title:
            self.sub_title = title
            # The title bar reads the title only when it is drawn: redraw it on every screen,
            # not just the top one (a dialog, or the settings about to close).
            from circle_tui.ui.widgets.title_bar import TitleBar

            for screen in self.screen_stack:
                for bar in screen.query(TitleBar):
                    bar.refresh()

    async def _on_key(self, event: events.Key) -> None:
        """Run the key's action, unless it is a key held down after it crossed a boundary
        (a phase, a round, a round's end): then it waits for a fresh press, and says so."""
        guard = self.held_keys
        now = guard.clock.now()
        # Textual calls each class's handler in turn: this one runs App's itself, once.
        event.prevent_default()
        if guard.absorbs(event.key, now):
            event.stop()
            if not self._said_held:
                self._said_held = True
                self.notify(_("Key held: let go, then press it again to go on."), timeout=2)
            return
        self._said_held = False
        before = place(self.session)
        await super()._on_key(event)
        if place(self.session) != before:
            guard.crossed(event.key, now)

    _said_held = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "room_preview":  # not over a dialog: it would hide the question asked
            from textual.screen import ModalScreen

            return not isinstance(self.screen, ModalScreen)
        return True

    def get_key_display(self, binding: Binding) -> str:
        return key_display(binding) or super().get_key_display(binding)

    def action_room_preview(self) -> None:
        from circle_tui.ui.screens.room_preview import RoomPreview

        if not isinstance(self.screen, RoomPreview):
            self.push_screen(RoomPreview())

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

    def notify(self, message: str, *, markup: bool = False, **kwargs) -> None:  # type: ignore[override]
        """Every toast is plain text, whatever its caller asks: toasts quote names, file names
        and errors, and a `[/]` in one would be parsed as markup (and crash the screen)."""
        super().notify(message, markup=False, **kwargs)

    def _problem_from_thread(self, message: str) -> None:
        self.call_from_thread(self.notify, message, severity="error", timeout=30)

    # -- the circle, phase by phase ------------------------------------------------------
    @property
    def circle(self):
        return self.session.circle

    def follow_the_circle(self) -> None:
        """Show the screen of the circle's phase, or home when there is no circle.

        Only the top screen is swapped: with a dialog open, the phase screen follows when
        it is shown again (PhaseScreen.on_screen_resume)."""
        from circle_tui.ui.screens.base import PhaseScreen
        from circle_tui.ui.screens.care_pause import CarePauseScreen

        circle = self.session.circle
        top = self.screen
        caring = circle is not None and circle.care is not None
        if isinstance(top, CarePauseScreen):
            if not caring:
                self.pop_screen()
            return
        if caring and isinstance(top, PhaseScreen):
            self.push_screen(CarePauseScreen())
            return
        if not isinstance(top, PhaseScreen) and top is not self.screen_stack[0]:
            return  # a dialog, the help overlay or a host screen is open
        want: Phase | None = None if circle is None else circle.phase
        shown = top.phase if isinstance(top, PhaseScreen) else None
        if want is shown:
            return
        if want is None:
            self.pop_screen()
        elif shown is None:
            self.push_screen(screens.for_phase(want))
        else:
            self.switch_screen(screens.for_phase(want))
        self.call_after_refresh(collect_left_screens)

    # -- global actions -------------------------------------------------------------------
    def action_help(self) -> None:
        from circle_tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_request_quit(self) -> None:
        from circle_tui.ui.screens.confirm import ConfirmScreen

        session = self.session
        circle = session.circle
        if circle is None:
            self.exit(0)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.save_before_quitting()
                self.exit(0)

        failed = session.save_problem.reason if session.save_problem else session.draft_problem
        if failed:
            dialog = ConfirmScreen(
                _("Quit without saving the counts?"),
                _(
                    "They could not be saved ({why}). Quitting tries once more; if that fails "
                    "too, the counts are printed in the terminal when the app closes, to be "
                    "noted down. Names are forgotten. To keep them safe instead, stay and save "
                    "them to another folder on the end screen."
                ).format(why=failed),
                yes=_("Quit"),
            )
        elif circle.phase is Phase.END:
            dialog = ConfirmScreen(
                _("Save these counts and quit?"),
                _("They are stored as tonight's session; names are forgotten."),
                yes=_("Save and quit"),
            )
            self.push_screen(dialog, self._save_and_quit)
            return
        else:
            dialog = ConfirmScreen(
                _("Quit in the middle of the circle?"),
                _(
                    "The counts so far are saved as an unfinished session; you can confirm "
                    "them next time. Names are forgotten."
                ),
                yes=_("Save and quit"),
            )
        self.push_screen(dialog, answered)

    def _save_and_quit(self, yes: bool | None) -> None:
        from circle_tui.session import SaveFailed

        if not yes:
            return
        try:
            self.session.end()
        except SaveFailed as err:
            self.notify(
                _("The counts could not be saved ({why}); they are still on screen.").format(
                    why=err.reason
                ),
                severity="error",
                timeout=30,
            )
            return
        self.exit(0)

    def action_quit(self) -> None:  # type: ignore[override]
        """The palette's Quit asks like ctrl+q does: during a circle, counts come first."""
        self.action_request_quit()

    def action_open(self, name: str) -> None:
        if name == "attendance" and self.session.in_circle:
            # Past sessions are not for the room's eyes, and tonight's draft is not to edit.
            self.notify(_("The attendance review opens after the circle."))
            return
        self.push_screen(screens.NAMED[name]())

    def action_start(self) -> None:
        """Start today's circle; while tonight's circle is unfinished, offer to carry it on
        (the default) or to start a separate session: never a second one silently."""
        if self.session.in_circle:
            return
        draft = self.session.tonights_draft()
        if draft is None:
            self.session.start()
            return
        from circle_tui.ui.screens.confirm import PickScreen

        def chosen(answer: str | None) -> None:
            if self.session.in_circle:
                return
            if answer == "carry-on":
                self.carry_on(draft)
            elif answer == "separate":
                self.session.start()

        question = _("Tonight's circle did not finish ({time}, {present} present).").format(
            time=draft.started, present=draft.present
        )
        options = [
            ("carry-on", _("Carry on tonight's circle, where it was")),
            ("separate", _("Start a separate session (counted on its own)")),
        ]
        self.push_screen(PickScreen(question, options), chosen)

    def carry_on(self, draft: AttendanceRecord) -> None:
        """Back to the circle the app lost, where it was, finishing its draft."""
        self.session.resume(draft)
        if self.session.resume_problem:
            self.notify(self.session.resume_problem, severity="warning", timeout=20)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        if not self.session.in_circle:
            yield SystemCommand(
                _("Start today's circle"),
                _("Arrivals, agreements, rounds, closing"),
                self.action_start,
            )
        else:
            yield SystemCommand(  # g types into the palette's search while it is open
                _("Care pause"),
                _("The whole circle stops together, for someone in distress or to breathe"),
                self._care_pause_command,
            )
            if self.circle is not None and self.circle.can(Action.BACK_TO_AGREEMENTS):
                yield SystemCommand(
                    _("Back to the agreements"),
                    _("No round has started yet: read the agreements again"),
                    self._back_to_agreements_command,
                )
            yield SystemCommand(
                _("End the round"),
                _("Close the current round and move on"),
                self._end_round_command,
            )
        if not self.session.in_circle:
            yield SystemCommand(
                _("Attendance review"),
                _("Counts per session, circle and month"),
                lambda: self.action_open("attendance"),
            )
        yield SystemCommand(
            _("Settings"),
            _("Circle name, time limits, feedback link, language, theme"),
            lambda: self.action_open("settings"),
        )
        yield SystemCommand(
            _("Privacy"),
            _("What is stored, where, and what never is"),
            lambda: self.action_open("privacy"),
        )
        yield SystemCommand(_("Keys"), _("Every key on this screen"), self.action_help)
        for command in super().get_system_commands(screen):
            if command.title not in NOT_IN_THE_PALETTE:
                title, help_text = TEXTUAL_COMMANDS.get(
                    command.title, (command.title, command.help)
                )
                yield command._replace(title=_(title), help=_(help_text))

    def action_command_palette(self) -> None:
        """Textual's, with its search line in the circle's language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            placeholder = _("Search for commands…")
            self.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))

    def search_themes(self) -> None:
        """Textual's theme search (the palette's "Theme"), with its search line translated."""
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        placeholder = _("Search for themes…")
        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=placeholder))

    def deliver_screenshot(self, *args, **kwargs) -> str | None:  # type: ignore[override]
        """Never: a screenshot is an SVG of the screen, names and all, saved to disk."""
        return None

    def action_screenshot(self, *args, **kwargs) -> None:  # type: ignore[override]
        """Never, for the same reason (an action string could still name it)."""

    def _care_pause_command(self) -> None:
        self.session.care_pause()

    def _back_to_agreements_command(self) -> None:
        if self.circle is not None and self.circle.can(Action.BACK_TO_AGREEMENTS):
            self.circle.go_to(Phase.AGREEMENTS)

    def _end_round_command(self) -> None:
        from circle_tui.ui.screens.rounds import RoundsScreen

        if isinstance(self.screen, RoundsScreen):
            self.screen.action_end_round()
        else:
            self.notify(_("Rounds are not running right now."))

    # -- crash output without participant data -------------------------------------------
    def _fatal_error(self) -> None:
        """Textual's default crash report shows local variables, which could hold typed
        names; save the counts, then report the traceback without locals."""
        from rich.console import Group
        from rich.traceback import Traceback

        try:
            self.save_before_quitting()
            saved = (
                _("The attendance counts so far were saved.")
                if self.unsaved is None
                else _("The attendance counts could not be saved; they are printed below.")
            )
        except Exception:  # noqa: BLE001 - the crash report must still be shown
            saved = _("The attendance counts could not be saved.")
        message = _(
            "circle-tui stopped because of an unexpected error. {saved} "
            "Nothing anyone said was ever recorded. Please report the error below."
        ).format(saved=saved)
        self._exit_renderables.append(Group(message, Traceback(show_locals=False, width=100)))
        self._close_messages_no_wait()


def make_app(
    paths: Paths,
    settings: Settings,
    attendance: AttendanceLog,
    *,
    clock: Clock | None = None,
    wall: Callable[[], datetime] = datetime.now,
    rng: random.Random | None = None,
    notices: Iterable[Notice] = (),
    room_socket: Path | None = None,
    no_room_because: str | None = None,
) -> CircleApp:
    """The app for a session on these paths, serving room views at `room_socket` if given
    (else none, `no_room_because` saying why)."""
    session = Session(
        paths,
        settings,
        attendance,
        clock=clock,
        wall=wall,
        rng=rng,
        room=FixedRoomStatus(problem=no_room_because),
    )
    return CircleApp(session, notices=notices, room_socket=room_socket)


def check_theme(settings: Settings, paths: Paths, app: App) -> None:
    """Themes come from Textual's registry, which only the UI may load."""
    if settings.theme not in app.available_themes:
        names = ", ".join(sorted(app.available_themes))
        raise ConfigError(
            paths.config_file, "theme", _("expected one of {names}").format(names=names)
        )


def refuse_an_unfit_terminal() -> None:
    """In one line, before any screen: with no terminal at all (input or output a file or a
    pipe, as from a launcher; none under pythonw), Textual would read the empty input as fast
    as it can, a core busy and nothing shown; and a terminal whose encoding has no block or
    box glyphs would show every one of them as `?`, the big timer and the codes unreadable."""
    import sys

    from circle_tui.core.text import draws_screens

    ends = {"input": sys.__stdin__, "output": sys.__stdout__}
    not_terminals = [end for end, stream in ends.items() if stream is None or not stream.isatty()]
    if not_terminals:
        message = {
            ("input",): N_(
                "the screens need a terminal, and this input is not one (a file or a pipe)"
            ),
            ("output",): N_(
                "the screens need a terminal, and this output is not one (a file or a pipe)"
            ),
            ("input", "output"): N_(
                "the screens need a terminal, and neither this input nor this output is one"
            ),
        }[tuple(not_terminals)]
        raise UserError(
            _(message)
            + "; "
            + _(
                "start circle-tui in a terminal window (its other commands, such as "
                "attendance, work without one)"
            )
        )
    encoding = getattr(sys.__stdout__, "encoding", None)
    if not draws_screens(encoding):
        raise UserError(
            _(
                "this terminal's encoding ({encoding}) cannot show the timer's and the codes' "
                "block characters; start circle-tui in a UTF-8 terminal (for example with "
                "LANG=C.UTF-8)"
            ).format(encoding=encoding)
        )


def run(paths: Paths, settings: Settings, last_resort: Callable[[SaveFailed], None]) -> int:
    """Take the writer lock, open the log (setting aside a damaged file), run the app.
    Counts no disk would take go to `last_resort` once the screen is gone (the CLI prints
    them: the UI knows nothing of the command line)."""
    refuse_an_unfit_terminal()
    from circle_tui.room.address import RoomUnavailable, room_address
    from circle_tui.session import opened
    from circle_tui.storage.lock import AlreadyRunning

    room_socket: Path | None = None
    room_problem: str | None = None
    try:
        room_socket = room_address(paths)
    except RoomUnavailable as err:
        room_problem = str(err)  # the console runs without room views; the checklist says why
    try:
        with opened(paths) as (log, notices):
            app = make_app(
                paths,
                settings,
                log,
                notices=notices,
                room_socket=room_socket,
                no_room_because=room_problem,
            )
            check_theme(settings, paths, app)
            app.run()
            if app.session.in_circle and app.unsaved is None:  # e.g. a crash in Textual itself
                app.save_before_quitting()
            if app.unsaved is not None:
                last_resort(app.unsaved)
                return EXIT_FAILED
            return app.return_code or 0
    except AlreadyRunning as err:
        raise UserError(str(err)) from None
