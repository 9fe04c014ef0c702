"""Errors that end with one clear message and exit status 2, never a traceback."""


class IntrolintError(Exception):
    """A usage, configuration or input error: reported as one line, exit status 2."""


class InputError(IntrolintError):
    """A file that cannot be read as a document (missing, binary, not UTF-8, ...)."""


class ConfigError(IntrolintError):
    """A malformed configuration file or rule pack, or an unknown rule id."""
