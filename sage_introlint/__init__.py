"""introlint: a linter for the Introduction of a systems paper."""

__version__ = "0.1.0"
