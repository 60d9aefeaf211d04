"""Read uploaded files: ``(filename, bytes)`` -> ``RawDocument`` (a zip gives several).

Formats: txt, md (the text as is), html/htm (main text via trafilatura), pdf (pypdfium2),
docx (python-docx), eml (the body) and zip (its members, each read by its own reader).

Offsets of everything downstream index the returned text, so for txt/md it is exactly the
decoded file with newlines made universal (``\\r\\n`` and lone ``\\r`` become ``\\n``), which is
what ``open(path, encoding="utf-8").read()`` returns.

Zip members are named ``<archive>/<path inside the archive>`` (e.g. ``bundle.zip/day1/a.txt``),
so two members with the same base name stay apart and the analyst sees where a document came
from. Nested archives are not opened (one level only); member names are only labels (nothing is
ever written to disk), and ``..`` or absolute parts are dropped from them.

Anything unreadable raises :class:`core.errors.ParseError` with a message for an analyst.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import logging
import posixpath
import re
import threading
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import replace
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

import charset_normalizer
import docx
import pypdfium2
import trafilatura
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from lxml import etree
from lxml import html as lxml_html

from core.errors import ParseError
from core.schema import RawDocument

log = logging.getLogger(__name__)

# ---------------------------------------------------------------- limits

MAX_FILE_BYTES = 25 * 1024 * 1024  # one uploaded file (or one zip member, uncompressed)
MAX_TEXT_CHARS = 2_000_000  # text of one document (a release is ~10k characters)
MAX_PDF_PAGES = 500
MAX_ZIP_MEMBERS = 200  # files in one archive
MAX_ZIP_TOTAL_BYTES = 100 * 1024 * 1024  # uncompressed, all members together
MAX_ZIP_RATIO = 100  # uncompressed / compressed size of one member (zip-bomb guard)
MAX_BAD_CONTROL_SHARE = 0.02  # control characters tolerated in decoded "text"
MAX_REPLACED_SHARE = 0.01  # undecodable bytes tolerated (replaced, with a warning)
UTF16_MIN_NUL_SHARE = 0.3  # NULs at one byte position that make BOM-less bytes UTF-16 text
UTF16_SNIFF_BYTES = 8192  # how much of a file is looked at to tell UTF-16 without a BOM

# extension -> reader name
EXTENSION_FORMATS = {
    ".txt": "txt",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".eml": "eml",
    ".zip": "zip",
}
SUPPORTED_EXTENSIONS = tuple(EXTENSION_FORMATS)

_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc, or an encrypted .docx
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")
_ALLOWED_CONTROLS = frozenset("\n\r\t\f\v")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # C0 and C1 but \t \n \v \f \r
_PDFIUM_LOCK = threading.Lock()  # PDFium is not thread-safe; Streamlit runs sessions in threads


# ---------------------------------------------------------------- entry point


def read_upload(filename: str, data: bytes) -> list[RawDocument]:
    """Read one uploaded file into documents (a zip gives one per readable member).

    Args:
        filename: the name as uploaded; its extension chooses the reader.
        data: the file's bytes.

    Returns:
        The documents read, each with the text and what the format itself says (title, date).
        Zip members that could not be read are listed in the first document's warnings.

    Raises:
        ParseError: the file is empty, too large, damaged, protected, of an unsupported format,
            or (for a zip) has no readable member.
    """
    documents, problems = read_upload_parts(filename, data)
    if not documents:
        raise problems[0] if len(problems) == 1 else _nothing_readable(filename, problems)
    if problems:
        notes = tuple(f"skipped {problem.filename}: {problem.message}" for problem in problems)
        documents[0] = replace(documents[0], warnings=documents[0].warnings + notes)
    return documents


def read_upload_parts(filename: str, data: bytes) -> tuple[list[RawDocument], list[ParseError]]:
    """Like :func:`read_upload`, but a zip's unreadable members come back as separate errors.

    Returns:
        ``(documents, problems)``: for a single file exactly one of them is non-empty.
    """
    extension = _extension(filename)
    try:
        if extension == ".zip" or (extension not in EXTENSION_FORMATS and _sniff(data) == ".zip"):
            return _read_zip(filename, data)
        return [read_single(filename, data)], []
    except ParseError as error:
        return [], [error]


def read_single(filename: str, data: bytes) -> RawDocument:
    """Read one non-archive file. Raises ParseError (see :func:`read_upload`)."""
    _check_size(filename, data)
    fmt, warnings = _choose_format(filename, data)
    document = _READERS[fmt](filename, data)
    text, removed = blank_control_characters(document.text)
    if removed:
        warnings.append(f"blanked {removed} control characters")
    _check_text(filename, text)
    return replace(
        document, text=text, source_format=fmt, warnings=tuple(warnings) + document.warnings
    )


# ---------------------------------------------------------------- format choice


def _extension(filename: str) -> str:
    base = filename.rsplit("/", 1)[-1]
    return "." + base.rsplit(".", 1)[-1].lower() if "." in base else ""


def _sniff(data: bytes) -> str | None:
    """The format the bytes obviously are (magic numbers), else None."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-"):
        return ".pdf"
    if data.startswith(b"PK\x03\x04"):
        return ".docx" if b"word/document.xml" in data[:65536] else ".zip"
    if head[:15].lower().startswith((b"<!doctype html", b"<html")):
        return ".html"
    return None


def _choose_format(filename: str, data: bytes) -> tuple[str, list[str]]:
    """The reader to use: the extension's, unless the bytes plainly are something else."""
    extension = _extension(filename)
    sniffed = _sniff(data)
    if extension == ".zip" or (extension not in EXTENSION_FORMATS and sniffed == ".zip"):
        raise ParseError(filename, "is a zip inside a zip (nested archives are not opened)")
    if extension in EXTENSION_FORMATS:
        if sniffed == ".zip" and extension != ".docx":
            raise ParseError(filename, f"is a zip archive, not {extension}; rename it to .zip")
        if sniffed in (".pdf", ".docx") and sniffed != extension:
            note = f"read as {sniffed[1:].upper()} although it is named {extension}"
            return EXTENSION_FORMATS[sniffed], [note]
        return EXTENSION_FORMATS[extension], []
    if sniffed:
        note = f"read as {sniffed[1:].upper()} (recognised by its content)"
        return EXTENSION_FORMATS[sniffed], [note]
    shown = extension or "no extension"
    raise ParseError(
        filename,
        f"is not a supported format ({shown}); supported: {', '.join(SUPPORTED_EXTENSIONS)}",
    )


def _check_size(filename: str, data: bytes) -> None:
    if len(data) > MAX_FILE_BYTES:
        raise ParseError(
            filename,
            f"is too large ({len(data) / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB)",
        )
    if not data.strip():
        raise ParseError(filename, "is empty")


def _check_text(filename: str, text: str) -> None:
    if not text.strip():
        raise ParseError(filename, "is empty (no text found in it)")
    if len(text) > MAX_TEXT_CHARS:
        raise ParseError(
            filename,
            f"is too long ({len(text):,} characters; the limit is {MAX_TEXT_CHARS:,})",
        )


def _nothing_readable(filename: str, problems: list[ParseError]) -> ParseError:
    listed = "; ".join(f"{p.filename} {p.message}" for p in problems[:5])
    more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
    return ParseError(filename, f"has no readable document: {listed}{more}")


# ---------------------------------------------------------------- text decoding


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` -> ``\\n`` (Python's universal newlines)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_text(filename: str, data: bytes) -> tuple[str, list[str]]:
    """Bytes of a text file -> (text, warnings).

    UTF-8 first (a BOM is dropped), then UTF-32/UTF-16 with a BOM, then UTF-16 without a BOM
    (see :func:`utf16_without_bom`), then charset-normalizer, preferring cp1252 when it is a
    candidate (it mis-reads Western text as cp1257/cp1250).

    Raises:
        ParseError: the bytes are not text (binary data), or no encoding fits.
    """
    text, warnings = _decode(filename, data)
    _check_not_binary(filename, text)
    return normalize_newlines(text), warnings


def _decode(filename: str, data: bytes) -> tuple[str, list[str]]:
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode_utf8(filename, data[3:])
    for boms, codec in ((_UTF32_BOMS, "utf-32"), (_UTF16_BOMS, "utf-16")):
        if data.startswith(boms):
            try:
                return data.decode(codec), []
            except UnicodeDecodeError as error:
                raise ParseError(filename, f"is damaged {codec.upper()} text") from error
    if b"\x00" in data:
        return _decode_utf16_without_bom(filename, data)
    return _decode_utf8(filename, data)


def utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when the bytes look like UTF-16 text without a BOM.

    Text in a Latin script stored as UTF-16 has a NUL high byte in nearly every character, so
    NULs fill one byte position (odd for little-endian, even for big-endian) and are rare in
    the other; binary data has NULs in both or in neither.
    """
    if len(data) % 2:
        return None
    sample = data[:UTF16_SNIFF_BYTES]
    pairs = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= UTF16_MIN_NUL_SHARE * pairs and even * 10 <= odd:
        return "utf-16-le"
    if even >= UTF16_MIN_NUL_SHARE * pairs and odd * 10 <= even:
        return "utf-16-be"
    return None


def _decode_utf16_without_bom(filename: str, data: bytes) -> tuple[str, list[str]]:
    """NUL bytes: UTF-16 text without a BOM (checked for binary by the caller), else binary."""
    codec = utf16_without_bom(data)
    if codec is None:
        raise ParseError(filename, "is binary data, not text")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:  # a lone surrogate: not text after all
        raise ParseError(filename, "is binary data, not text") from None
    return text, [f"read as {codec.upper()} text (it has no byte order mark)"]


def _decode_utf8(filename: str, data: bytes) -> tuple[str, list[str]]:
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    replaced_text = data.decode("utf-8", errors="replace")
    replaced = replaced_text.count("\ufffd")
    non_ascii_chars = sum(1 for char in replaced_text if ord(char) > 127 and char != "\ufffd")
    # mostly valid UTF-8 with a few broken bytes: keep UTF-8, say how many were replaced
    if non_ascii_chars and replaced <= MAX_REPLACED_SHARE * len(data):
        return replaced_text, [f"replaced {replaced} undecodable bytes"]
    return _decode_detected(filename, data)


def _decode_detected(filename: str, data: bytes) -> tuple[str, list[str]]:
    matches = charset_normalizer.from_bytes(data)
    encodings = [match.encoding for match in matches]
    if not encodings:
        raise ParseError(filename, "is binary data or in an unknown text encoding")
    encoding = "cp1252" if "cp1252" in encodings else encodings[0]
    text = data.decode(encoding, errors="replace")
    warnings = [f"read as {encoding} text (not UTF-8)"]
    if "\ufffd" in text:
        warnings.append(f"replaced {text.count(chr(0xFFFD))} undecodable bytes")
    return text, warnings


def blank_control_characters(text: str) -> tuple[str, int]:
    """Control characters (terminal escapes, bells) replaced by spaces, and how many there were.

    Spaces, not deletion: offsets must still index the text as the file gives it. Tabs,
    newlines and form feeds stay; so do direction marks (right-to-left text needs them).
    """
    return _CONTROLS.subn(" ", text)


def _check_not_binary(filename: str, text: str) -> None:
    sample = text[:100_000]
    if not sample:
        return
    bad = sum(
        1
        for char in sample
        if char not in _ALLOWED_CONTROLS and unicodedata.category(char) in ("Cc", "Co", "Cn")
    )
    bad += sample.count("\ufffd")
    if bad > MAX_BAD_CONTROL_SHARE * len(sample):
        raise ParseError(filename, "is binary data, not text")


# ---------------------------------------------------------------- readers


def _read_text(filename: str, data: bytes) -> RawDocument:
    for magic in _IMAGE_MAGIC:
        if data.startswith(magic):
            raise ParseError(filename, "is an image, not text (scanned pages need OCR first)")
    if data.startswith(_OLE_MAGIC):
        raise ParseError(filename, "is an old Office file, not text; save it as .docx or .txt")
    text, warnings = decode_text(filename, data)
    return RawDocument(filename=filename, text=text, warnings=tuple(warnings))


def _read_html(filename: str, data: bytes) -> RawDocument:
    markup, warnings = decode_text(filename, data)
    return html_document(filename, markup, warnings=tuple(warnings))


def html_document(filename: str, markup: str, *, warnings: tuple[str, ...] = ()) -> RawDocument:
    """An HTML page -> its main text (blank lines between paragraphs), title, date, site name."""
    found = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = normalize_newlines(found.text or "") if found else ""
    if not text.strip():
        text = _html_fallback_text(filename, markup)
    text = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    return RawDocument(
        filename=filename,
        text=text,
        title=_clean_line(found.title) if found else None,
        published=_iso_date(found.date) if found else None,
        publisher=_clean_line(found.sitename) if found else None,
        warnings=warnings,
    )


def _html_fallback_text(filename: str, markup: str) -> str:
    """Visible text of a page trafilatura found no article in (short or unusual pages)."""
    try:
        tree = lxml_html.fromstring(markup)
    except (etree.ParserError, ValueError) as error:
        raise ParseError(filename, "is not readable HTML") from error
    for element in tree.xpath("//script|//style|//noscript|//template|//head"):
        element.drop_tree()
    return normalize_newlines(tree.text_content())


def _read_pdf(filename: str, data: bytes) -> RawDocument:
    with _PDFIUM_LOCK:
        pages = _pdf_pages(filename, data)
    if not any(page.strip() for page in pages):
        raise ParseError(filename, "is a scanned PDF with no text layer (it needs OCR first)")
    warnings = ()
    if len(pages) > MAX_PDF_PAGES:
        warnings = (f"read only the first {MAX_PDF_PAGES} pages",)
    text = "\n\n".join(page.strip() for page in pages[:MAX_PDF_PAGES] if page.strip())
    return RawDocument(filename=filename, text=text, warnings=warnings)


def _pdf_pages(filename: str, data: bytes) -> list[str]:
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        if "password" in str(error).lower():
            raise ParseError(filename, "is password-protected; remove the password") from error
        raise ParseError(filename, "is a damaged or incomplete PDF") from error
    try:
        pages = []
        for index in range(min(len(pdf), MAX_PDF_PAGES + 1)):
            page = pdf[index]
            textpage = page.get_textpage()
            pages.append(_clean_pdf_text(textpage.get_text_bounded()))
            textpage.close()
            page.close()
        return pages
    except pypdfium2.PdfiumError as error:
        raise ParseError(filename, "is a damaged PDF (a page could not be read)") from error
    finally:
        pdf.close()


def _clean_pdf_text(text: str) -> str:
    # PDFium marks soft hyphens at line ends with U+FFFE / U+0002; the word goes on next line
    text = normalize_newlines(text).replace("\ufffe\n", "").replace("\x02\n", "")
    text = text.replace("\ufffe", "").replace("\x02", "").replace("\x00", "")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _read_docx(filename: str, data: bytes) -> RawDocument:
    if data.startswith(_OLE_MAGIC):
        raise ParseError(
            filename,
            "is password-protected or an old Word format; save it as .docx without a password",
        )
    _check_archive(filename, data)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = [_docx_block_text(block) for block in document.iter_inner_content()]
        title = _clean_line(document.core_properties.title) or _docx_title(document)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ParseError(filename, "is a damaged Word document") from error
    except etree.XMLSyntaxError as error:
        raise ParseError(filename, "is a damaged Word document (broken XML)") from error
    text = "\n\n".join(block for block in blocks if block)
    return RawDocument(filename=filename, text=normalize_newlines(text), title=title)


def _docx_block_text(block: object) -> str:
    if isinstance(block, Table):
        rows = []
        for row in block.rows:
            cells = [cell.text.strip() for cell in row.cells]
            rows.append("\t".join(cells))
        return "\n".join(row for row in rows if row.strip())
    return block.text.strip()


def _docx_title(document) -> str | None:
    for paragraph in document.paragraphs[:5]:
        if paragraph.style is not None and paragraph.style.name == "Title":
            return _clean_line(paragraph.text)
    return None


def _read_eml(filename: str, data: bytes) -> RawDocument:
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not (message["Subject"] or message["From"]):
        raise ParseError(filename, "is not a readable e-mail (no headers found)")
    title = _clean_line(str(message["Subject"] or "")) or None
    published = _email_date(message["Date"])
    warnings = _attachment_notes(message)
    plain = message.get_body(preferencelist=("plain",))
    if plain is not None:
        text, notes = _email_part_text(filename, plain)
        return RawDocument(
            filename=filename,
            text=text,
            title=title,
            published=published,
            warnings=tuple(notes) + warnings,
        )
    rich = message.get_body(preferencelist=("html",))
    if rich is None:
        raise ParseError(filename, "is an e-mail with no text body")
    markup, notes = _email_part_text(filename, rich)
    page = html_document(filename, markup, warnings=tuple(notes) + warnings)
    return replace(page, title=title or page.title, published=published or page.published)


def _email_part_text(filename: str, part) -> tuple[str, list[str]]:
    try:
        return normalize_newlines(part.get_content()), []
    except (LookupError, UnicodeDecodeError):
        payload = part.get_payload(decode=True) or b""
        return decode_text(filename, payload)


def _email_date(header: object) -> dt.date | None:
    if not header:
        return None
    try:
        return parsedate_to_datetime(str(header)).date()
    except (TypeError, ValueError, IndexError):
        return None


def _attachment_notes(message: EmailMessage) -> tuple[str, ...]:
    names = [part.get_filename() or "unnamed" for part in message.iter_attachments()]
    if not names:
        return ()
    return (f"attachments not read: {', '.join(names)}",)


# ---------------------------------------------------------------- zip


def _check_archive(filename: str, data: bytes) -> None:
    """Refuse archives (zip, docx) that would expand too far."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as error:
        raise ParseError(filename, "is a damaged archive") from error
    _check_zip_limits(filename, infos)


def _check_zip_limits(filename: str, infos: list[zipfile.ZipInfo]) -> None:
    files = [info for info in infos if not info.is_dir()]
    if len(files) > MAX_ZIP_MEMBERS:
        raise ParseError(
            filename, f"is a zip with too many files ({len(files)}; the limit is {MAX_ZIP_MEMBERS})"
        )
    total = sum(info.file_size for info in files)
    if total > MAX_ZIP_TOTAL_BYTES:
        raise ParseError(
            filename,
            f"is a zip that expands to {total / 1e6:.0f} MB "
            f"(the limit is {MAX_ZIP_TOTAL_BYTES / 1e6:.0f} MB)",
        )
    for info in files:
        if info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1) and info.file_size > 1e6:
            raise ParseError(
                filename, "is a zip whose contents expand suspiciously (a possible zip bomb)"
            )


def _read_zip(filename: str, data: bytes) -> tuple[list[RawDocument], list[ParseError]]:
    _check_size(filename, data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            _check_zip_limits(filename, infos)
            return _read_members(filename, archive, infos)
    except zipfile.BadZipFile as error:
        raise ParseError(filename, "is a damaged zip archive") from error


def _read_members(
    filename: str, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]
) -> tuple[list[RawDocument], list[ParseError]]:
    documents: list[RawDocument] = []
    problems: list[ParseError] = []
    members = [info for info in infos if not info.is_dir() and not _is_system_file(info.filename)]
    if not members:
        raise ParseError(filename, "is an empty zip archive")
    budget = MAX_ZIP_TOTAL_BYTES  # counted on the bytes read: the headers' sizes may lie
    for info in members:
        name = f"{filename}/{member_label(info.filename)}"
        limit = min(MAX_FILE_BYTES, budget)
        try:
            data = _member_bytes(name, archive, info, limit=limit)
            budget -= len(data)
            if len(data) > limit:
                raise ParseError(name, f"is too large once unpacked (over {limit / 1e6:.1f} MB)")
            documents.append(read_single(name, data))
        except ParseError as error:
            problems.append(error)
        if budget < 0:
            total = f"{MAX_ZIP_TOTAL_BYTES / 1e6:.0f} MB"
            problems.append(ParseError(filename, f"expands beyond {total}; the rest was not read"))
            break
    return documents, problems


def _member_bytes(name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.flag_bits & 0x1:
        raise ParseError(name, "is password-protected")
    if _extension(name) == ".zip":
        raise ParseError(name, "is a zip inside a zip (nested archives are not opened)")
    try:
        with archive.open(info) as handle:
            data = handle.read(limit + 1)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as error:
        raise ParseError(name, "is damaged inside the zip") from error
    if _sniff(data) == ".zip":
        raise ParseError(name, "is a zip inside a zip (nested archives are not opened)")
    return data


def member_label(name: str) -> str:
    """A zip member's path made harmless: no drive, no leading ``/``, no ``..`` parts."""
    parts = posixpath.normpath(name.replace("\\", "/")).split("/")
    kept = [part for part in parts if part not in ("", ".", "..") and not part.endswith(":")]
    return "/".join(kept) or "unnamed"


def _is_system_file(name: str) -> bool:
    base = name.rstrip("/").rsplit("/", 1)[-1]
    return name.startswith("__MACOSX/") or base.startswith(".") or base in ("Thumbs.db",)


# ---------------------------------------------------------------- small helpers


def _clean_line(value: str | None) -> str | None:
    if not value:
        return None
    cleaned = " ".join(str(value).split())
    return cleaned or None


def _iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


_READERS: dict[str, Callable[[str, bytes], RawDocument]] = {
    "txt": _read_text,
    "md": _read_text,
    "html": _read_html,
    "pdf": _read_pdf,
    "docx": _read_docx,
    "eml": _read_eml,
}
