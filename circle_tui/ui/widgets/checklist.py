"""The "before the circle" checklist: what to fix, on the screens only the facilitator reads."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from circle_tui.i18n import _
from circle_tui.session import Session
from circle_tui.session.readiness import before_the_circle


class Checklist(Static):
    """Hidden when there is nothing to do."""

    DEFAULT_CSS = """
    Checklist { height: auto; padding: 1 0; }
    """

    def show(self, session: Session) -> int:
        """Show what is to be done; returns how many things."""
        items = before_the_circle(session)
        self.display = bool(items)
        lines = [Content.styled(_("Before the circle"), "bold $warning")]
        lines += [Content.assemble("☐ ", item) for item in items]  # a path is text, not markup
        self.update(Content("\n").join(lines))
        return len(items)
