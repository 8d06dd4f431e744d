"""Home: today's circle with its settings at a glance; enter starts it."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from circle_tui import i18n
from circle_tui.core.chime import CHIME_WORDS
from circle_tui.core.record import counted
from circle_tui.i18n import N_, _, long_date, ngettext, number
from circle_tui.session import Texts
from circle_tui.ui.keys import key_label, key_rows, lower_first
from circle_tui.ui.screens.base import CircleScreen
from circle_tui.ui.widgets.checklist import Checklist
from circle_tui.ui.widgets.keys_bar import KeysBar
from circle_tui.ui.widgets.lines import set_text
from circle_tui.ui.widgets.title_bar import TitleBar

#: Tonight at a glance: a row per thing to check before the circle begins.
GLANCE = (
    N_("Agreements"),
    N_("Rounds"),
    N_("Session"),
    N_("Sounds"),
    N_("Feedback QR"),
    N_("Attendance"),
)


class HomeScreen(CircleScreen):
    BINDINGS = [
        Binding("enter", "app.start", N_("Start today's circle"), id="start"),
        Binding("a", "app.open('attendance')", N_("Attendance review"), id="attendance"),
        Binding("s", "app.open('settings')", N_("Settings"), id="settings"),
        Binding(
            "i",
            "app.open('privacy')",
            N_("Privacy"),
            tooltip=N_("what is stored, and what never is"),
            id="privacy",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="home"):
            yield Static("", id="circle-name", classes="title")
            yield Static("", id="today", classes="subtitle")
            with Grid(id="glance"):
                for label in GLANCE:
                    yield Static("", classes="glance-label")
                    yield Static("", id="glance-" + label.split()[0].lower())
            yield Static("", id="home-keys")
            yield Checklist(id="checklist")
        yield KeysBar()

    def on_mount(self) -> None:
        app = self.app
        attendance = self.session.attendance
        # Pushed in reverse, so the set-aside notice is read first, then any stale draft.
        if attendance.drafts():
            from circle_tui.ui.screens.draft import DraftScreen

            app.push_screen(DraftScreen(attendance.drafts()[0]))
        for title, text in reversed(app.take_notices()):
            from circle_tui.ui.screens.confirm import NoticeScreen

            app.push_screen(NoticeScreen(title, text))

    _spoken: str | None = None

    def _speak(self) -> None:
        """The words that are not the session's (labels, the keys) in the language spoken
        now: again after the settings change it, since this screen stays for the evening."""
        if self._spoken == i18n.current():
            return
        self._spoken = i18n.current()
        for static, label in zip(self.query(".glance-label"), GLANCE, strict=True):
            static.update(_(label))  # type: ignore[attr-defined]
        rows = [
            (key, what)
            for key, what in key_rows(self)
            # the home screen shows what starts things
            if key not in (key_label("ctrl+p"), key_label("escape"))
        ]
        column = max((cell_len(key) for key, _what in rows), default=0)
        keys = Content("\n").join(
            Content.from_markup(
                "[b]$key[/b]  $what",
                key=key + " " * (column - cell_len(key)),
                what=lower_first(what),
            )
            for key, what in rows
        )
        self.query_one("#home-keys", Static).update(keys)
        self.query_one(KeysBar).show_keys()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def _read_texts(self) -> None:
        self.session.texts  # noqa: B018 - read now, once
        self.refresh_view()

    def refresh_view(self) -> None:
        self._speak()
        session = self.session
        if not session.texts_loaded:
            # The sets are read just after the first frame, so home shows at once.
            self.after_refresh(self._read_texts)
            texts = Texts(None, None, None, None)
        else:
            texts = session.texts
        s = session.settings
        self.query_one("#circle-name", Static).update(Content(s.circle_name))
        today = long_date(session.wall().date())
        todo = self.query_one(Checklist).show(session) if session.texts_loaded else 0
        if todo:  # the checklist is under the keys: on a small screen, below the fold
            today += " · " + ngettext(
                "{n} thing to check before the circle (below)",
                "{n} things to check before the circle (below)",
                todo,
            ).format(n=todo)
        self.query_one("#today", Static).update(today)
        rounds = " · ".join(
            f"{spec.label} " + (_("untimed") if spec.untimed else f"{spec.minutes} min")
            for spec in s.rounds
        )
        if not session.texts_loaded:
            agreements = Content(_("reading …"))
        elif texts.agreements is not None:
            cards = counted(len(texts.agreements.cards), "card")
            agreements = Content(f"{texts.agreements.title} ({cards})")
        else:
            agreements = Content.from_markup(
                "[b]$cannot[/b] — $see",
                cannot=_("cannot be used"),
                see=_("see the checklist below"),
            )
        feedback = _("set") if s.feedback_url else _("not set (add feedback_url in settings)")
        silence = f"{s.silence_seconds} s" if s.silence_seconds else _("none")
        values = (
            agreements,
            Content(rounds),
            Content(
                _(
                    "{minutes} min · cue at {seconds} s left · silence between turns: {silence}"
                ).format(minutes=s.session_minutes, seconds=s.warning_seconds, silence=silence)
            ),
            Content(
                _("bell {bell} · chime {chime}").format(
                    bell=_("on") if s.bell else _("off"), chime=_(CHIME_WORDS[s.chime])
                )
            ),
            Content(feedback),
            Content(
                ngettext(
                    "{n} session logged · counts only, no names",
                    "{n} sessions logged · counts only, no names",
                    len(session.attendance),
                ).format(n=number(len(session.attendance)))
            ),
        )
        for label, value in zip(GLANCE, values, strict=True):
            set_text(self.query_one("#glance-" + label.split()[0].lower(), Static), value)
