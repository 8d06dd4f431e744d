"""The baseline: a bare Textual app with a Header, a Static and a Footer (enter updates the Static)."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class BareApp(App):
    BINDINGS = [("enter", "count", "Count")]
    presses = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("bare app ready")
        yield Footer()

    def action_count(self) -> None:
        self.presses += 1
        self.query_one(Static).update(f"pressed {self.presses}")


if __name__ == "__main__":
    BareApp().run()
