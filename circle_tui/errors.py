"""Errors shown to the user as one line, and the exit codes every command shares."""

#: Exit codes of `circle-tui` and every subcommand.
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UserError(Exception):
    """Bad input from the user: printed as one line, exit status 2."""
