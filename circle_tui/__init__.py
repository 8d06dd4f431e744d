"""circle-tui: a calm terminal companion for peer integration circles."""

__version__ = "0.1.0"
