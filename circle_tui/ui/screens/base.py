"""What every screen shares: the session it shows, re-rendering when it changes, countdowns."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer

from circle_tui.core.circle import Circle
from circle_tui.core.plan import Phase
from circle_tui.core.timer import TurnTimer
from circle_tui.i18n import N_
from circle_tui.session import Session
from circle_tui.ui.keys import bindings_of

if TYPE_CHECKING:
    from circle_tui.ui.app import CircleApp

WIDE = 120  # at this many columns or more, the timer and names grow


#: Long texts (agreements, opening and closing words, privacy) scroll with the arrow keys.
SCROLL_KEYS = [
    Binding("down", "scroll_reading(1)", N_("Scroll down"), show=False),
    Binding("up", "scroll_reading(-1)", N_("Scroll up"), show=False),
]


class CircleScreen(Screen):
    """A screen that renders from the session and calls its actions; it holds no circle
    state of its own, so it can be rebuilt at any moment without losing anything."""

    if TYPE_CHECKING:

        @property
        def app(self) -> CircleApp: ...  # type: ignore[override]  # for type checkers only

    _waker: Timer | None = None
    _unwatch: Callable[[], None] | None = None

    @property
    def session(self) -> Session:
        return self.app.session

    def on_mount(self) -> None:
        self._unwatch = self.session.watch(self._session_changed)
        self.refresh_view()

    def on_unmount(self) -> None:
        if self._unwatch is not None:
            self._unwatch()

    def _session_changed(self) -> None:
        # A screen under another one catches up when it is shown again (on_screen_resume).
        if self.is_active:
            self.refresh_view()
            self.refresh_keys()

    _keys_shown: tuple[bool | None, ...] | None = None

    def refresh_keys(self) -> None:
        """Redraw the footer when, and only when, the keys that work have changed: the
        footer rebuilds itself on every refresh, which would cost a frame per key."""
        from textual.actions import parse

        keys = tuple(self.check_action(*parse(b.action)[1:]) for b in bindings_of(self))
        if keys != self._keys_shown:
            self._keys_shown = keys
            self.refresh_bindings()

    def after_refresh(self, callback: Callable[[], object]) -> None:
        """Run `callback` after the next refresh, unless this screen has gone by then:
        Textual runs such callbacks on whichever screen is shown at the time, and a quick
        `+` then `enter` switches screens in between."""

        def if_still_here() -> None:
            if self.is_attached and self in self.app.screen_stack:
                callback()

        self.call_after_refresh(if_still_here)

    def refresh_view(self) -> None:
        """Render the session's readings; called on mount and after every change."""

    def on_screen_resume(self) -> None:
        # A change made while a dialog covered this screen may have moved the circle on.
        self.app.follow_the_circle()
        if self.is_active:
            self.refresh_view()
            self.refresh_keys()

    def on_resize(self) -> None:
        self.set_class(self.size.width >= WIDE, "-wide")

    # -- screens that show a countdown ---------------------------------------------------
    def countdown(self) -> TurnTimer | None:
        """The timer this screen shows, if any."""
        return None

    def tick(self) -> None:
        """Redraw what changes with time alone."""

    def wake_at_next_change(self) -> None:
        """Tick just after the shown countdown next changes, then once a second in step with
        it, rather than polling: a running countdown costs one wake-up and one small repaint
        a second. Call again after anything that starts, pauses or resumes the countdown."""
        timer = self.countdown()
        change = timer.next_change_in() if timer else None
        # Which countdown, and where in the second it turns: a pause or a new turn moves it.
        step = None
        if timer is not None and change is not None:
            step = (id(timer), round((timer.clock.now() + change) % 1, 3))
        if step == self._step and step is not None:
            return  # already ticking in step with this countdown
        for waker in (self._waker, self._every_second):
            if waker is not None:
                waker.stop()
        self._waker = self._every_second = None
        self._step = step
        if change is not None:
            self._waker = self.set_timer(change + 0.01, self._start_ticking)

    _every_second: Timer | None = None
    _step: tuple[int, float] | None = None

    def _start_ticking(self) -> None:
        self._tick_and_listen()
        self._every_second = self.set_interval(1.0, self._tick_and_listen)

    def _tick_and_listen(self) -> None:
        self.tick()
        self.app.listen_for_chime()  # a silence that ended, a turn that reached its time

    def action_scroll_reading(self, lines: int) -> None:
        for reading in self.query(".reading"):
            reading.scroll_relative(y=lines, animate=False)


class PhaseScreen(CircleScreen):
    """The screen of one phase of the circle; the app swaps it when the circle moves on."""

    phase: ClassVar[Phase]
    BINDINGS = [
        Binding(
            "g",
            "care_pause",
            N_("Care pause"),
            tooltip=N_("the whole circle stops together, for someone in distress or to breathe"),
            id="care-pause",
        ),
    ]

    @property
    def circle(self) -> Circle:
        circle = self.session.circle
        assert circle is not None, "this screen needs a circle"
        return circle

    @property
    def current(self) -> bool:
        """This screen still shows the circle's phase (it is swapped out right after)."""
        circle = self.session.circle
        return circle is not None and circle.phase is self.phase

    def _session_changed(self) -> None:
        if self.current:
            super()._session_changed()

    def action_care_pause(self) -> None:
        self.session.care_pause()
