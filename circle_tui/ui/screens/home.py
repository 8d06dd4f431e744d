"""Home: today's circle with its settings at a glance; enter starts it."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from circle_tui.core.record import counted
from circle_tui.ui.screens.base import CircleScreen


class HomeScreen(CircleScreen):
    BINDINGS = [
        Binding("enter", "start", "Start today's circle"),
        Binding("a", "app.open('attendance')", "Attendance"),
        Binding("s", "app.open('settings')", "Settings"),
        Binding("i", "app.open('privacy')", "Privacy"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home"):
            yield Static("", id="circle-name", classes="title", markup=False)
            yield Static("", id="today", classes="subtitle")
            yield Static("", id="glance")
            yield Static("", id="notices", classes="notice", markup=False)
            yield Static(
                "[b]enter[/b]  start today's circle\n"
                "[b]a[/b]      attendance review\n"
                "[b]s[/b]      settings\n"
                "[b]i[/b]      privacy: what is stored, and what never is\n"
                "[b]?[/b]      every key · [b]ctrl+q[/b] quit",
                id="home-keys",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_glance()
        app = self.circle_app
        # Pushed in reverse, so the set-aside notice is read first, then any stale draft.
        if app.attendance.drafts():
            from circle_tui.ui.screens.draft import DraftScreen

            self.app.push_screen(DraftScreen(app.attendance.drafts()[0]))
        for notice in reversed(app.notices):
            from circle_tui.ui.screens.confirm import NoticeScreen

            self.app.push_screen(NoticeScreen("The attendance file was set aside", notice))
        app.notices.clear()

    def on_screen_resume(self) -> None:
        self.refresh_glance()

    def refresh_glance(self) -> None:
        app = self.circle_app
        s = app.settings
        self.query_one("#circle-name", Static).update(s.circle_name)
        self.query_one("#today", Static).update(app.wall().strftime("%A %d %B %Y"))
        rounds = " · ".join(f"{kind.label} {s.minutes_for(kind)} min" for kind in s.round_kinds())
        if app.agreements is not None:
            agreements = f"{escape(app.agreements.title)} ({len(app.agreements.cards)} cards)"
        else:
            agreements = "[b]cannot be used[/b] — see below"
        feedback = "set" if s.feedback_url else "not set (add feedback_url in settings)"
        silence = f"{s.silence_seconds} s" if s.silence_seconds else "none"
        lines = [
            f"[b]Agreements[/b]   {agreements}",
            f"[b]Rounds[/b]       {rounds}",
            f"[b]Session[/b]      {s.session_minutes} min · cue at {s.warning_seconds} s left · "
            f"silence between turns: {silence} · bell {'on' if s.bell else 'off'}",
            f"[b]Feedback QR[/b]  {feedback}",
            f"[b]Attendance[/b]   {counted(len(app.attendance), 'session')} logged · "
            "counts only, no names",
        ]
        self.query_one("#glance", Static).update("\n".join(lines))
        problems = [e for e in (app.agreements_error, app.resources_error) if e]
        notices = self.query_one("#notices", Static)
        notices.update("\n".join(problems))
        notices.display = bool(problems)

    def action_start(self) -> None:
        self.circle_app.start_session()
