"""Errors worded for an analyst."""

from __future__ import annotations


class ParseError(Exception):
    """A file that cannot be read or parsed, with a message an analyst can act on."""

    def __init__(self, filename: str, message: str) -> None:
        super().__init__(f"{filename}: {message}")
        self.filename = filename
        self.message = message
