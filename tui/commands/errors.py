class CommandError(Exception):
    """A user-facing failure: printed as one line, exit code 1."""
