"""The file readers: every format from bytes the tests build, and every broken input."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest

from core import ingest
from core.errors import ParseError
from core.ingest import member_label, read_upload, read_upload_parts
from tests import fixture_files as ff

# ---------------------------------------------------------------- each format


@pytest.mark.parametrize(
    ("filename", "build", "source_format", "contains", "title", "published"),
    [
        ("a.txt", ff.txt_bytes, "txt", "Quill said that", None, None),
        ("a.md", ff.md_bytes, "md", "# Defence Ministers", None, None),
        ("a.html", ff.html_bytes, "html", "Quill said that", ff.SAMPLE_TITLE, dt.date(2021, 3, 4)),
        ("a.htm", ff.html_bytes, "html", "Reiner stressed", ff.SAMPLE_TITLE, dt.date(2021, 3, 4)),
        ("a.pdf", ff.pdf_bytes, "pdf", "hotlines open", None, None),
        ("a.docx", ff.docx_bytes, "docx", "Quill said that", ff.SAMPLE_TITLE, None),
        ("a.eml", ff.eml_bytes, "eml", "Quill said that", ff.SAMPLE_TITLE, dt.date(2021, 3, 4)),
    ],
)
def test_each_format_is_read(filename, build, source_format, contains, title, published):
    [document] = read_upload(filename, build())
    assert document.filename == filename
    assert document.source_format == source_format
    assert contains in document.text
    assert document.title == title
    assert document.published == published
    assert "\r" not in document.text


def test_txt_text_is_exactly_the_decoded_file():
    [document] = read_upload("release.txt", ff.txt_bytes())
    assert document.text == ff.SAMPLE_RELEASE
    assert document.warnings == ()


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_newlines_become_universal(newline):
    [document] = read_upload("release.txt", ff.txt_bytes(newline=newline))
    assert document.text == ff.SAMPLE_RELEASE


def test_mixed_newlines_become_universal():
    [document] = read_upload("mixed.txt", b"one\r\ntwo\rthree\nfour")
    assert document.text == "one\ntwo\nthree\nfour"


@pytest.mark.parametrize(
    ("encoding", "text", "warning"),
    [
        ("utf-8-sig", ff.SAMPLE_RELEASE, None),  # BOM dropped
        ("utf-16", ff.SAMPLE_RELEASE, None),  # BOM says the byte order
        ("utf-16-le", ff.SAMPLE_RELEASE, "UTF-16-LE"),  # no BOM: the NULs say the byte order
        ("utf-16-be", ff.SAMPLE_RELEASE, "UTF-16-BE"),
        ("utf-16-le", ff.CP1252_TEXT, "UTF-16-LE"),  # accents and curly quotes have no NUL
        ("cp1252", ff.CP1252_TEXT, "cp1252"),
        ("utf-8", ff.CP1252_TEXT, None),
    ],
)
def test_encodings(encoding, text, warning):
    [document] = read_upload("a.txt", ff.txt_bytes(text, encoding=encoding))
    assert document.text == text
    assert (warning is None) == (not document.warnings)
    if warning:
        assert warning in document.warnings[0]


def test_utf16_big_endian_with_bom():
    data = "\ufeff".encode("utf-16-be") + ff.SAMPLE_RELEASE.encode("utf-16-be")
    [document] = read_upload("a.txt", data)
    assert document.text == ff.SAMPLE_RELEASE


@pytest.mark.parametrize(
    ("data", "codec"),
    [
        ("Talks\nheld today.".encode("utf-16-le"), "utf-16-le"),
        ("Talks\nheld today.".encode("utf-16-be"), "utf-16-be"),
        ("Die Gespräche über „Dialog“.".encode("utf-16-le"), "utf-16-le"),
        ("Talks held.".encode("utf-16-le")[:-1], None),  # odd length: not UTF-16
        (b"\x00\x00" * 50, None),  # NULs in both positions
        (b"abc\x00\x00" * 40, None),  # runs of NULs at both positions
        (b"abcdefgh" * 40 + b"\x00", None),  # one stray NUL
    ],
)
def test_utf16_without_bom_is_told_by_its_nul_bytes(data, codec):
    assert ingest.utf16_without_bom(data) == codec


@pytest.mark.parametrize(
    "data",
    [
        bytes(b for i in range(2000) for b in ((i * 7) % 256, 0)),  # 16-bit numbers: controls
        "Talks held.".encode("utf-16-le") + b"\x00\xd8" + "more text".encode("utf-16-le"),
        b"".join(bytes((i % 256, 0)) for i in range(256)) * 8,  # every byte value, then NUL
    ],
    ids=["numbers", "lone-surrogate", "byte-table"],
)
def test_nul_bytes_that_are_not_utf16_text_are_binary(data):
    with pytest.raises(ParseError, match="binary"):
        read_upload("a.txt", data)


def test_a_few_broken_bytes_in_utf8_are_replaced_with_a_warning():
    data = ("Déjà vu in the talks. " * 40).encode() + b"\xff\xfe and more"
    [document] = read_upload("a.txt", data)
    assert document.text.startswith("Déjà vu in the talks.")
    assert document.warnings == ("replaced 2 undecodable bytes",)


def test_pdf_pages_are_joined_with_a_blank_line():
    [document] = read_upload("two.pdf", ff.pdf_bytes([["First page line."], ["Second page."]]))
    assert document.text == "First page line.\n\nSecond page."


def test_docx_paragraphs_are_joined_with_blank_lines_and_tables_kept():
    [document] = read_upload("t.docx", ff.docx_with_table_bytes())
    assert document.text == (
        "Participants of the talks are listed below.\n\n"
        "Ada Quill\tDefence Minister\nTomas Reiner\tMinister\n\n"
        "The talks lasted two hours."
    )


def test_docx_paragraph_order_and_title():
    [document] = read_upload("a.docx", ff.docx_bytes(["First.", "Second."], title="Talks"))
    assert document.text == "Talks\n\nFirst.\n\nSecond."
    assert document.title == "Talks"


def test_html_drops_navigation_scripts_and_footer():
    [document] = read_upload("page.html", ff.html_bytes())
    assert "do not read me" not in document.text
    assert "All rights reserved" not in document.text
    assert "Home" not in document.text.split("\n")


def test_html_without_a_date_has_no_published_date():
    [document] = read_upload("page.html", ff.html_bytes(published=None))
    assert document.published is None


def test_short_html_page_falls_back_to_its_visible_text():
    [document] = read_upload("tiny.html", b"<html><body><p>Talks held.</p></body></html>")
    assert document.text == "Talks held."


def test_eml_prefers_the_plain_text_part():
    data = ff.eml_bytes(text="Plain body here.", html="<html><body><p>Rich body</p></body></html>")
    [document] = read_upload("m.eml", data)
    assert document.text.strip() == "Plain body here."


def test_eml_with_only_html_goes_through_the_html_reader():
    html = "<html><body><nav>Menu</nav><p>The ministers met on Tuesday.</p></body></html>"
    [document] = read_upload("m.eml", ff.eml_bytes(text=None, html=html))
    assert "The ministers met on Tuesday." in document.text
    assert document.title == ff.SAMPLE_TITLE
    assert document.published == dt.date(2021, 3, 4)


def test_eml_lists_attachments_it_did_not_read():
    [document] = read_upload("m.eml", ff.eml_bytes(attachment=("annex.bin", b"\x00\x01")))
    assert document.warnings == ("attachments not read: annex.bin",)


def test_eml_without_date_header_has_no_published_date():
    [document] = read_upload("m.eml", ff.eml_bytes(date=None))
    assert document.published is None


# ---------------------------------------------------------------- format choice


def test_unknown_extension_with_pdf_content_is_sniffed():
    [document] = read_upload("scan0001.bin", ff.pdf_bytes())
    assert document.source_format == "pdf"
    assert "recognised by its content" in document.warnings[0]


def test_pdf_named_txt_is_read_as_pdf():
    [document] = read_upload("oops.txt", ff.pdf_bytes())
    assert document.source_format == "pdf"
    assert "named .txt" in document.warnings[0]


def test_unknown_zip_content_is_sniffed_as_zip():
    documents = read_upload("archive", ff.zip_bytes({"a.txt": b"Talks were held."}))
    assert [d.filename for d in documents] == ["archive/a.txt"]


# ---------------------------------------------------------------- broken inputs


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"  \n\t\r\n ", "is empty"),
        ("blank.md", "\ufeff\n\n".encode(), "is empty"),
        ("junk.txt", bytes(range(256)) * 40, "binary data"),
        ("junk2.txt", bytes((i * 37 + 11) % 256 or 1 for i in range(4000)), "is binary data"),
        ("junk3.txt", bytes(128 + (i * 91 + 7) % 128 for i in range(3000)), "is binary data"),
        ("picture.txt", b"\x89PNG\r\n\x1a\n" + b"\x10" * 200, "is an image"),
        ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "password-protected"),
        ("scan.pdf", ff.scanned_pdf_bytes(), "is a scanned PDF with no text layer"),
        ("locked.pdf", ff.encrypted_pdf_bytes(), "is password-protected"),
        ("cut.pdf", ff.pdf_bytes()[:300], "damaged or incomplete PDF"),
        ("notreally.pdf", b"%PDF-1.4 then nothing useful", "damaged or incomplete PDF"),
        ("cut.docx", ff.docx_bytes()[:700], "damaged"),
        ("fake.docx", b"this is plain text, not a Word file", "damaged"),
        ("notes.xyz", b"hello", "is not a supported format (.xyz); supported: .txt"),
        ("README", b"hello", "is not a supported format (no extension)"),
        ("bundle.txt", ff.zip_bytes({"a.txt": b"x"}), "is a zip archive, not .txt"),
        ("mail.eml", b"\x00\x01\x02 not a mail", "not a readable e-mail"),
        ("broken.zip", b"PK\x03\x04 broken archive bytes", "damaged zip"),
        ("empty.zip", ff.zip_bytes({}), "is an empty zip archive"),
    ],
)
def test_broken_inputs_give_an_analyst_worded_error(filename, data, message):
    with pytest.raises(ParseError) as raised:
        read_upload(filename, data)
    assert raised.value.filename == filename
    assert message in raised.value.message


def test_too_large_file(monkeypatch):
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 100)
    with pytest.raises(ParseError, match="is too large"):
        read_upload("big.txt", b"word " * 50)


def test_too_long_text(monkeypatch):
    monkeypatch.setattr(ingest, "MAX_TEXT_CHARS", 10)
    with pytest.raises(ParseError, match="is too long"):
        read_upload("long.txt", b"many words in this file")


# ---------------------------------------------------------------- zip


def test_zip_members_are_read_by_their_own_readers_and_named_inside_the_zip():
    data = ff.zip_bytes(
        {
            "day1/a.txt": ff.txt_bytes(),
            "day1/b.pdf": ff.pdf_bytes(),
            "c.docx": ff.docx_bytes(),
            "folder/": b"",
        }
    )
    documents = read_upload("bundle.zip", data)
    assert [(d.filename, d.source_format) for d in documents] == [
        ("bundle.zip/day1/a.txt", "txt"),
        ("bundle.zip/day1/b.pdf", "pdf"),
        ("bundle.zip/c.docx", "docx"),
    ]
    assert documents[0].text == ff.SAMPLE_RELEASE


def test_zip_skips_system_files_silently():
    data = ff.zip_bytes({"__MACOSX/._a.txt": b"\x00\x05", ".DS_Store": b"\x00", "a.txt": b"Hi."})
    documents = read_upload("z.zip", data)
    assert [(d.filename, d.warnings) for d in documents] == [("z.zip/a.txt", ())]


def test_zip_unreadable_members_become_warnings_or_problems():
    data = ff.zip_bytes(
        {
            "good.txt": b"The talks were held.",
            "inner.zip": ff.zip_bytes({"x.txt": b"x"}),
            "photo.png": b"\x89PNG....",
            "empty.txt": b"",
        }
    )
    documents, problems = read_upload_parts("z.zip", data)
    assert [d.filename for d in documents] == ["z.zip/good.txt"]
    assert [(p.filename, p.message.split(" (")[0]) for p in problems] == [
        ("z.zip/inner.zip", "is a zip inside a zip"),
        ("z.zip/photo.png", "is not a supported format"),
        ("z.zip/empty.txt", "is empty"),
    ]
    [document] = read_upload("z.zip", data)
    assert len(document.warnings) == 3
    assert document.warnings[0].startswith("skipped z.zip/inner.zip: is a zip inside a zip")


def test_zip_with_nothing_readable_is_one_error_naming_the_members():
    data = ff.zip_bytes({"a.png": b"\x89PNG", "b.exe": b"MZ"})
    with pytest.raises(ParseError, match=r"has no readable document: z\.zip/a\.png"):
        read_upload("z.zip", data)


def test_zip_with_too_many_files(monkeypatch):
    monkeypatch.setattr(ingest, "MAX_ZIP_MEMBERS", 2)
    data = ff.zip_bytes({f"{n}.txt": b"text" for n in range(3)})
    with pytest.raises(ParseError, match="is a zip with too many files"):
        read_upload("many.zip", data)


def test_zip_expanding_too_far(monkeypatch):
    monkeypatch.setattr(ingest, "MAX_ZIP_TOTAL_BYTES", 1000)
    data = ff.zip_bytes({"a.txt": b"a" * 600, "b.txt": b"b" * 600})
    with pytest.raises(ParseError, match="expands to"):
        read_upload("big.zip", data)


def test_zip_reading_stops_at_the_total_limit_even_when_headers_lie(monkeypatch):
    monkeypatch.setattr(ingest, "_check_zip_limits", lambda filename, infos: None)
    monkeypatch.setattr(ingest, "MAX_ZIP_TOTAL_BYTES", 1000)
    data = ff.zip_bytes({"a.txt": b"a" * 600, "b.txt": b"b" * 600, "c.txt": b"c" * 10})
    documents, problems = read_upload_parts("big.zip", data)
    assert [d.filename for d in documents] == ["big.zip/a.txt"]
    assert [p.filename for p in problems] == ["big.zip/b.txt", "big.zip"]
    assert "too large once unpacked" in problems[0].message
    assert "the rest was not read" in problems[1].message


def test_zip_bomb_ratio_is_refused():
    data = ff.zip_bytes({"bomb.txt": b"\x00" * 3_000_000})
    with pytest.raises(ParseError, match="possible zip bomb"):
        read_upload("bomb.zip", data)


def test_encrypted_zip_member_is_a_problem():
    data = bytearray(ff.zip_bytes({"a.txt": b"secret text"}, compression=zipfile.ZIP_STORED))
    data[6] |= 0x1  # local header flag: encrypted
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 0x1  # central directory flag: encrypted
    _, problems = read_upload_parts("locked.zip", bytes(data))
    assert [p.message for p in problems] == ["is password-protected"]


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("a.txt", "a.txt"),
        ("day1/a.txt", "day1/a.txt"),
        ("../../etc/passwd", "etc/passwd"),
        ("/abs/path.txt", "abs/path.txt"),
        ("C:\\Users\\x\\a.txt", "Users/x/a.txt"),
        ("./a/../b.txt", "b.txt"),
        ("..", "unnamed"),
    ],
)
def test_member_names_are_made_harmless(name, label):
    assert member_label(name) == label
