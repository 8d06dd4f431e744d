"""Errors shown to the user as one line and exit status 2."""


class UserError(Exception):
    """Bad input from the user: printed as one line, exit status 2."""
