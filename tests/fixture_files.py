"""Build test files of every supported format as bytes (txt md html pdf docx eml zip).

Used by the unit tests of the readers and metadata, and later by the app and browser tests
(write the bytes to ``tmp_path`` to upload them). The sample texts are invented.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from email.message import EmailMessage
from email.utils import format_datetime

SAMPLE_TITLE = "Defence Ministers of Norland and Austria Hold Talks on Maritime Safety"

SAMPLE_BODY = (
    "VIENNA, March 4 (Northwind News) -- Norland Defence Minister Ada Quill held talks with "
    "Austrian Defence Minister Tomas Reiner on Tuesday.\n"
    "\n"
    "Quill said that the two countries should keep their hotlines open and avoid "
    "misunderstandings at sea.\n"
    "\n"
    'Reiner stressed that "dialogue is the only road" and urged both sides to resume '
    "staff talks in May 2021.\n"
    "\n"
    "The two sides agreed to hold the next round of consultations in Vienna."
)

SAMPLE_DATE_LINE = "March 4, 2021"

SAMPLE_RELEASE = f"{SAMPLE_TITLE}\n\n{SAMPLE_DATE_LINE}\n\n{SAMPLE_BODY}\n"

# a second invented release, used where a test needs two different documents
OTHER_RELEASE = (
    "Readout of the Foreign Minister's Call with the Secretary General\n"
    "\n"
    "June 9, 2020\n"
    "\n"
    "Foreign Minister Lina Osei spoke today with Secretary General Paul Varga. "
    "Minister Osei underscored that regional security depends on open channels.\n"
)

# Western European text with characters that differ between cp1252 and other code pages
CP1252_TEXT = "Le ministre a déclaré: « Déjà vu, naïve façade — coûts à 5 €. »\n"


def txt_bytes(text: str = SAMPLE_RELEASE, *, encoding: str = "utf-8", newline: str = "\n") -> bytes:
    """``text`` encoded (``utf-8-sig`` and ``utf-16`` write a BOM) with the given newlines."""
    return text.replace("\n", newline).encode(encoding)


def md_bytes(title: str = SAMPLE_TITLE, body: str = SAMPLE_BODY) -> bytes:
    """A Markdown release: a ``#`` heading then the body paragraphs."""
    return f"# {title}\n\n{body}\n".encode()


def html_bytes(
    title: str = SAMPLE_TITLE,
    body: str = SAMPLE_BODY,
    *,
    published: str | None = "2021-03-04",
    charset: str = "utf-8",
) -> bytes:
    """A news page: navigation, the article (one ``<p>`` per paragraph), a footer."""
    paragraphs = "\n".join(f"<p>{part}</p>" for part in body.split("\n\n"))
    date_meta = (
        f'<meta property="article:published_time" content="{published}">' if published else ""
    )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>{title} - Northwind News</title>
<meta property="og:title" content="{title}">{date_meta}
<script>var tracking = "do not read me";</script>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/defence">Defence</a></nav>
<article><h1>{title}</h1>
{paragraphs}
</article>
<footer>Copyright Northwind News. All rights reserved. Contact us.</footer>
</body></html>"""
    return page.encode(charset)


def _pdf_escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _pdf_page_stream(lines: list[str]) -> bytes:
    parts = ["BT", "/F1 11 Tf", "14 TL", "72 760 Td"]
    parts += [f"({_pdf_escape(line)}) Tj T*" for line in lines]
    parts.append("ET")
    return "\n".join(parts).encode("cp1252")


def _pdf_document(streams: list[bytes]) -> bytes:
    """A minimal, valid PDF (Helvetica text objects, exact xref) with one page per stream."""
    n_pages = len(streams)
    page_ids = [4 + 2 * i for i in range(n_pages)]
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        (
            f"<< /Type /Pages /Kids [{' '.join(f'{i} 0 R' for i in page_ids)}] /Count {n_pages} >>"
        ).encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for page_id, stream in zip(page_ids, streams, strict=True):
        objects.append(
            (
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                f"/Resources << /Font << /F1 3 0 R >> >> /Contents {page_id + 1} 0 R >>"
            ).encode()
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref_at = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
        + f"startxref\n{xref_at}\n%%EOF\n".encode()
    )
    return out.getvalue()


def pdf_bytes(pages: list[list[str]] | None = None) -> bytes:
    """A text PDF: each page a list of lines (default: the sample release on two pages)."""
    if pages is None:
        pages = [
            [SAMPLE_TITLE, "", SAMPLE_DATE_LINE],
            ["Quill said that the two countries should keep their hotlines open."],
        ]
    return _pdf_document([_pdf_page_stream(lines) for lines in pages])


def scanned_pdf_bytes() -> bytes:
    """A PDF whose only page draws a filled rectangle and holds no text (like a scan)."""
    return _pdf_document([b"0.5 g\n72 72 468 648 re\nf"])


def encrypted_pdf_bytes(password: str = "secret") -> bytes:
    """The sample PDF encrypted with a user password (RC4, no extra crypto library needed)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(paragraphs: list[str] | None = None, *, title: str | None = SAMPLE_TITLE) -> bytes:
    """A Word file: a Title-styled heading, the paragraphs, one small table, core title set."""
    from docx import Document

    document = Document()
    if title:
        document.core_properties.title = title
        document.add_heading(title, level=0)
    for paragraph in paragraphs if paragraphs is not None else SAMPLE_BODY.split("\n\n"):
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_with_table_bytes() -> bytes:
    """A Word file with a paragraph, a two-column table, and a closing paragraph."""
    from docx import Document

    document = Document()
    document.add_paragraph("Participants of the talks are listed below.")
    table = document.add_table(rows=2, cols=2)
    for row, (name, role) in enumerate(
        [("Ada Quill", "Defence Minister"), ("Tomas Reiner", "Minister")]
    ):
        table.cell(row, 0).text = name
        table.cell(row, 1).text = role
    document.add_paragraph("The talks lasted two hours.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def eml_bytes(
    *,
    subject: str = SAMPLE_TITLE,
    date: dt.datetime | None = dt.datetime(2021, 3, 4, 9, 30, tzinfo=dt.UTC),
    text: str | None = SAMPLE_BODY,
    html: str | None = None,
    attachment: tuple[str, bytes] | None = None,
) -> bytes:
    """An e-mail: plain and/or HTML body, optional attachment, Subject and Date headers."""
    message = EmailMessage()
    message["From"] = "Press Office <press@example.org>"
    message["To"] = "analyst@example.org"
    message["Subject"] = subject
    if date:
        message["Date"] = format_datetime(date)
    if text is not None:
        message.set_content(text)
    if html is not None:
        if text is not None:
            message.add_alternative(html, subtype="html")
        else:
            message.set_content(html, subtype="html")
    if attachment:
        name, data = attachment
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return message.as_bytes()


def zip_bytes(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip archive holding ``members`` (name -> bytes), in the given order."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def every_format() -> dict[str, bytes]:
    """One file of each supported format holding the sample release (name -> bytes)."""
    return {
        "release.txt": txt_bytes(),
        "release.md": md_bytes(),
        "release.html": html_bytes(),
        "release.pdf": pdf_bytes(),
        "release.docx": docx_bytes(),
        "release.eml": eml_bytes(),
        "bundle.zip": zip_bytes({"one.txt": txt_bytes(), "two.txt": txt_bytes(OTHER_RELEASE)}),
    }
