"""PLACEHOLDER (owned by the readers work): (filename, bytes) -> RawDocument(s)."""

from __future__ import annotations

from core.errors import ParseError
from core.schema import RawDocument


def read_upload(filename: str, data: bytes) -> list[RawDocument]:
    """Read one uploaded file into documents (a zip gives several). Raises ParseError."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ParseError(filename, "is not UTF-8 text") from error
    return [RawDocument(filename=filename, text=text)]
