"""`python -m circle_tui` runs the same entry point as the `circle-tui` command."""

from circle_tui.cli import main

raise SystemExit(main())
