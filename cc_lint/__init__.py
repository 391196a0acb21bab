"""cc-lint: Creative Commons license and consent linter for image datasets."""

__version__ = "0.1.0"
