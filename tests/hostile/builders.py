"""Hostile inputs, built as bytes at run time (nothing binary is committed).

Each :class:`Case` names an uploaded file and says what an analyst must get from it: a clear
problem (the file name and what is wrong, in words) or a correct parse (a phrase that must be in
the text read). The tests (``tests/hostile/``) and ``bench/hostile_report.py`` use the same
cases. All texts are invented.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from tests import fixture_files as files

PROBLEM = "problem"
PARSED = "parsed"
PARSED_OR_PROBLEM = "parsed or problem"  # both are fine; a crash or a hang is not

HOSTILE_HTML_TEXT = (
    'The minister said "<script>alert(1)</script>" and <img src=x onerror=alert(2)> '
    "<iframe src=javascript:alert(3)></iframe> "
    '<a href="javascript:alert(4)">click</a> <b onmouseover=alert(5)>bold</b>'
)
HTML_FILENAME = "<img src=x onerror=alert(6)><svg onload=alert(7)>.txt"  # no "/" in a name

CHINESE_RELEASE = (
    "诺兰国防部长与奥斯特里亚国防部长举行会谈\n\n2021年3月4日\n\n"
    "新华社维也纳3月4日电 诺兰国防部长阿达·奎尔星期二与奥斯特里亚国防部长托马斯·赖纳举行会谈。"
    "奎尔表示，两国应保持热线畅通，避免海上误判。\n\n"
    "赖纳强调：“对话是唯一的道路。”双方同意在维也纳举行下一轮磋商。\n"
)
FRENCH_RELEASE = (
    "Les ministres de la Défense de Norland et d'Austria se sont entretenus\n\n"
    "4 mars 2021\n\n"
    "VIENNE, 4 mars -- La ministre norlandaise de la Défense, Ada Quill, a déclaré que les "
    "deux pays devaient « garder leurs lignes directes ouvertes » et éviter les malentendus "
    "en mer.\n\nLe ministre Tomas Reiner a souligné que le dialogue était la seule voie.\n"
)


@dataclass(frozen=True)
class Case:
    """One hostile upload and what must come of it.

    Attributes:
        name: short id (test ids, report lines).
        filename: the name it is uploaded under.
        build: returns the file's bytes.
        expect: PROBLEM, PARSED or PARSED_OR_PROBLEM.
        words: for a problem, words of which one must be in the message (lower case); for a
            parse, phrases that must all be in the text read.
        big: needs a lot of memory or time (run in a separate process, RSS measured).
        absent: phrases that must not be in any text read (an entity's expansion, a file).
    """

    name: str
    filename: str
    build: Callable[[], bytes]
    expect: str
    words: tuple[str, ...] = ()
    big: bool = False
    absent: tuple[str, ...] = ()


def _junk(size: int, seed: int = 6) -> bytes:
    return random.Random(seed).randbytes(size)


def _release(extra: str = "") -> str:
    return files.SAMPLE_RELEASE + extra


def _zip(members: dict[str, bytes], **kwargs) -> bytes:
    return files.zip_bytes(members, **kwargs)


def zip_bomb() -> bytes:
    """One member of 200 MB of zeros (about 200 KB compressed: a ratio near 1000)."""
    out = io.BytesIO()
    block = b"\0" * (1 << 20)
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("report.txt", "w", force_zip64=True) as member,
    ):
        for _ in range(200):
            member.write(block)
    return out.getvalue()


def small_ratio_bomb() -> bytes:
    """Ten members of 20 MB of spaces each (every one alone passes the size limit)."""
    return _zip({f"part{n}.txt": b"said " * 4_000_000 for n in range(10)})


def zip_many_members(count: int = 10_000) -> bytes:
    return _zip({f"r{n:05d}.txt": f"Release {n}.".encode() for n in range(count)})


def nested_zip() -> bytes:
    inner = _zip({"inner.txt": files.txt_bytes()})
    middle = _zip({"middle.zip": inner})
    return _zip({"outer.zip": middle, "readme.txt": files.txt_bytes(files.OTHER_RELEASE)})


def traversal_zip() -> bytes:
    return _zip(
        {
            "../../x.txt": files.txt_bytes(),
            "/etc/passwd.txt": files.txt_bytes(files.OTHER_RELEASE),
            "C:\\..\\..\\win.txt": files.txt_bytes(_release("Third copy.\n")),
        }
    )


def encrypted_zip_member() -> bytes:
    data = bytearray(_zip({"secret.txt": files.txt_bytes()}, compression=zipfile.ZIP_STORED))
    # set the "encrypted" flag in the local and central headers (what zip -e writes)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        data[at + offset] |= 0x1
    return bytes(data)


def corrupt_docx() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(files.docx_bytes()))
    members = {info.filename: source.read(info) for info in source.infolist()}
    members["word/document.xml"] = b"<w:document><w:body><w:p>broken"
    return _zip(members)


def _docx_with_document_xml(document_xml: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(files.docx_bytes()))
    members = {info.filename: source.read(info) for info in source.infolist()}
    members["word/document.xml"] = document_xml
    return _zip(members)


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_external_entity() -> bytes:
    xml = (
        '<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f"<w:document {_W}><w:body><w:p><w:r><w:t>Minister said &xxe; today.</w:t></w:r></w:p>"
        "</w:body></w:document>"
    )
    return _docx_with_document_xml(xml.encode())


def docx_billion_laughs() -> bytes:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, 10)
    )
    xml = (
        f'<?xml version="1.0"?>\n<!DOCTYPE w:document [{entities}]>'
        f"<w:document {_W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    return _docx_with_document_xml(xml.encode())


def html_billion_laughs() -> bytes:
    entities = '<!ENTITY a0 "ha">' + "".join(
        f'<!ENTITY a{n} "{("&a" + str(n - 1) + ";") * 10}">' for n in range(1, 10)
    )
    return (
        f'<?xml version="1.0"?><!DOCTYPE html [{entities}]>'
        "<html><body><p>&a9;</p><p>The minister said the talks were useful.</p></body></html>"
    ).encode()


def hostile_html() -> bytes:
    body = (
        f"{files.SAMPLE_BODY}\n\n{HOSTILE_HTML_TEXT}\n\n"
        "Spokesperson Lin said that <svg onload=alert(8)> was not a weapon."
    )
    page = files.html_bytes(title='Talks <script>alert("title")</script>', body=body).decode()
    page = page.replace(
        "<body>",
        '<body onload="alert(\'body\')"><iframe src="https://example.invalid/"></iframe>'
        "<script>alert('inline')</script><a href=\"javascript:alert('nav')\">nav</a>",
    )
    return page.encode()


def html_big_inline_image() -> bytes:
    image = "A" * (10 * 1024 * 1024)
    body = files.SAMPLE_BODY.replace(
        "\n\n", f'\n\n<img src="data:image/png;base64,{image}" alt="photo">\n\n', 1
    )
    return files.html_bytes(body=body)


def deeply_nested_html() -> bytes:
    depth = 20_000
    return (
        "<html><body>" + "<div>" * depth + "The minister said the talks were useful."
        "</div>" * depth + "</body></html>"
    ).encode()


def html_only_script() -> bytes:
    return b"<html><head><script>alert(1)</script></head><body><script>x()</script></body></html>"


def many_pages_pdf() -> bytes:
    return files.pdf_bytes(
        [[f"Page {n}: the minister said the talks were useful."] for n in range(520)]
    )


def pdf_with_javascript() -> bytes:
    pdf = files.pdf_bytes()
    return pdf.replace(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>",
    )


def unclosed_quotes() -> bytes:
    text = (
        files.SAMPLE_RELEASE
        + '\nThe minister said "we will never stop and the talks go on and on\n\n'
        + "He added “this quote never closes either " * 200
        + "\n\nShe said ‘and a single one too\n"
    )
    return text.encode()


def quote_storm() -> bytes:
    """100,000 quote marks and cues: the worst case for quote pairing."""
    return ('"said "' * 50_000 + "\n").encode()


def cue_storm() -> bytes:
    sentence = "The minister said that the spokesman stressed that the general urged that "
    return ((sentence * 5 + "talks go on.\n") * 2_000).encode()


def control_and_rtl() -> bytes:
    text = (
        "\u202eKLAT\u202c Minister\u200f Quill\u200e said\u2067 that\u2069 talks\x1b[31m went "
        "well\x07.\u200b\u200d\ufeff\n\n"
        + files.SAMPLE_BODY
        + "\n\u0627\u0644\u0648\u0632\u064a\u0631 said peace.\n"
    )
    return text.encode()


def many_controls() -> bytes:
    return ("".join(chr(n) for n in range(1, 32) if n not in (9, 10, 13)) * 1000).encode()


def emoji_and_astral() -> bytes:
    return (files.SAMPLE_RELEASE + "\n👩‍👩‍👧‍👦 🇺🇳 𝕿𝖍𝖊 minister said 𝒽𝑒𝓁𝓁𝑜.\n").encode()


def long_single_line() -> bytes:
    sentence = "The minister said that the two sides should keep talking. "
    return (sentence * (1_048_576 // len(sentence) + 1)).encode()[:1_048_576]


def one_giant_word() -> bytes:
    return b"x" * 1_000_000


def tiny_lines() -> bytes:
    return ("a\n" * 100_000).encode()


def fifty_mb_text() -> bytes:
    line = "The minister said that the two sides should keep their channels open.\n"
    return (line * (50 * 1024 * 1024 // len(line) + 1)).encode()


def just_under_limits_text() -> bytes:
    """About 1.9 million characters of prose: under the text limit, a long parse."""
    line = "The minister said that the two sides should keep their channels open.\n"
    return (line * 27_000).encode()


def eml_hostile_html_only() -> bytes:
    return files.eml_bytes(text=None, html=f"<html><body><p>{HOSTILE_HTML_TEXT}</p></body></html>")


def eml_big_attachment() -> bytes:
    return files.eml_bytes(attachment=("payload.exe", _junk(3_000_000)))


def _ole(extra: bytes = b"") -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + _junk(4096) + extra


def _cases() -> list[Case]:
    release = files.SAMPLE_RELEASE
    found = ("Ada Quill",)
    return [
        # ---- empty, junk, wrong names
        Case("empty", "empty.txt", lambda: b"", PROBLEM, ("empty",)),
        Case("whitespace", "blank.txt", lambda: b" \n\t\r\n  \n", PROBLEM, ("empty",)),
        Case("nbsp-only", "nbsp.txt", lambda: "\u00a0\u2003\n\u3000".encode(), PROBLEM, ("empty",)),
        Case("binary-junk", "junk.txt", lambda: _junk(50_000), PROBLEM, ("binary",)),
        Case("binary-junk-md", "junk.md", lambda: _junk(5_000, 7), PROBLEM, ("binary",)),
        Case(
            "png-as-txt",
            "photo.txt",
            lambda: b"\x89PNG\r\n\x1a\n" + _junk(2000),
            PROBLEM,
            ("image",),
        ),
        Case("pdf-named-docx", "release.docx", files.pdf_bytes, PARSED, ("Quill said",)),
        Case("docx-named-pdf", "release.pdf", files.docx_bytes, PARSED, found),
        Case("docx-named-txt", "release.txt", files.docx_bytes, PARSED, found),
        Case("zip-named-txt", "bundle.txt", lambda: _zip({"a.txt": b"x"}), PROBLEM, ("zip",)),
        Case("ole-named-docx", "old.docx", _ole, PROBLEM, ("password", "old word")),
        Case("ole-named-txt", "old.txt", _ole, PROBLEM, ("old office",)),
        Case(
            "unsupported-ext",
            "setup.exe",
            lambda: b"MZ" + _junk(1000),
            PROBLEM,
            ("not a supported",),
        ),
        Case("no-extension", "README", lambda: release.encode(), PROBLEM, ("not a supported",)),
        Case("html-no-extension", "page", files.html_bytes, PARSED, found),
        # ---- encodings and line endings
        Case("utf16-bom", "u16.txt", lambda: release.encode("utf-16"), PARSED, found),
        Case("utf16le-no-bom", "u16le.txt", lambda: release.encode("utf-16-le"), PARSED, found),
        Case("utf16be-no-bom", "u16be.txt", lambda: release.encode("utf-16-be"), PARSED, found),
        Case("utf32-bom", "u32.txt", lambda: release.encode("utf-32"), PARSED, found),
        Case("utf8-bom", "u8bom.txt", lambda: release.encode("utf-8-sig"), PARSED, found),
        Case(
            "cp1252",
            "cp1252.txt",
            lambda: (release + files.CP1252_TEXT).encode("cp1252"),
            PARSED,
            ("déclaré", "€"),
        ),
        Case(
            "latin-1",
            "latin1.txt",
            lambda: (release + "Le ministre a déclaré: « Voilà ». Bientôt.\n").encode("latin-1"),
            PARSED,
            ("déclaré",),
        ),
        Case(
            "broken-utf8",
            "broken.txt",
            lambda: release.encode() + "é".encode()[:1] + " café.".encode(),
            PARSED,
            found,
        ),
        Case(
            "mixed-newlines",
            "mixed.txt",
            lambda: release.replace("\n\n", "\r\n\r\n", 2).replace("\n", "\r", 3).encode(),
            PARSED,
            found,
        ),
        Case(
            "nul-in-text",
            "nul.txt",
            lambda: release.encode().replace(b"Tuesday", b"Tues\x00day"),
            PARSED_OR_PROBLEM,
            ("binary",),
        ),
        # ---- sizes
        Case("50mb-text", "huge.txt", fifty_mb_text, PROBLEM, ("too large",), big=True),
        Case(
            "1mb-one-line",
            "oneline.txt",
            long_single_line,
            PARSED_OR_PROBLEM,
            ("too long",),
            big=True,
        ),
        Case(
            "1mb-one-word",
            "oneword.txt",
            one_giant_word,
            PARSED_OR_PROBLEM,
            ("too long",),
            big=True,
        ),
        Case(
            "100k-tiny-lines", "lines.txt", tiny_lines, PARSED_OR_PROBLEM, ("too long",), big=True
        ),
        Case(
            "1.9m-chars",
            "long.txt",
            just_under_limits_text,
            PARSED_OR_PROBLEM,
            ("too long",),
            big=True,
        ),
        # ---- archives
        Case("zip-bomb", "bomb.zip", zip_bomb, PROBLEM, ("zip bomb", "expands"), big=True),
        Case(
            "zip-spread-bomb",
            "spread.zip",
            small_ratio_bomb,
            PROBLEM,
            ("expands", "bomb"),
            big=True,
        ),
        Case(
            "zip-10000-members",
            "many.zip",
            zip_many_members,
            PROBLEM,
            ("too many files",),
            big=True,
        ),
        Case("zip-nested", "nested.zip", nested_zip, PARSED, ("Lina Osei",)),
        Case(
            "zip-only-nested",
            "onlynested.zip",
            lambda: _zip({"in.zip": _zip({"a.txt": b"x"})}),
            PROBLEM,
            ("zip inside a zip",),
        ),
        Case("zip-traversal", "traversal.zip", traversal_zip, PARSED, found),
        Case("zip-encrypted-member", "locked.zip", encrypted_zip_member, PROBLEM, ("password",)),
        Case("zip-empty", "empty.zip", lambda: _zip({}), PROBLEM, ("empty", "damaged")),
        Case(
            "zip-only-system-files",
            "mac.zip",
            lambda: _zip({"__MACOSX/._a.txt": b"x", ".DS_Store": b"y"}),
            PROBLEM,
            ("empty",),
        ),
        Case(
            "zip-truncated",
            "cut.zip",
            lambda: _zip({"a.txt": files.txt_bytes()})[:60],
            PROBLEM,
            ("damaged",),
        ),
        Case(
            "zip-junk-members",
            "junk.zip",
            lambda: _zip({"a.txt": _junk(3000), "b.pdf": b"%PDF-1.4 junk"}),
            PROBLEM,
            ("binary", "damaged"),
        ),
        # ---- PDF
        Case("pdf-encrypted", "locked.pdf", files.encrypted_pdf_bytes, PROBLEM, ("password",)),
        Case("pdf-no-text", "scan.pdf", files.scanned_pdf_bytes, PROBLEM, ("no text layer",)),
        Case(
            "pdf-truncated",
            "cut.pdf",
            lambda: files.pdf_bytes()[:300],
            PROBLEM,
            ("damaged", "no text"),
        ),
        Case(
            "pdf-header-only",
            "fake.pdf",
            lambda: b"%PDF-1.7\n" + _junk(5000),
            PROBLEM,
            ("damaged",),
        ),
        Case("pdf-520-pages", "long.pdf", many_pages_pdf, PARSED, ("Page 499",)),
        Case("pdf-javascript", "js.pdf", pdf_with_javascript, PARSED, ("Quill said",)),
        # ---- Word
        Case("docx-corrupt", "corrupt.docx", corrupt_docx, PROBLEM, ("damaged",)),
        Case(
            "docx-truncated", "cut.docx", lambda: files.docx_bytes()[:2000], PROBLEM, ("damaged",)
        ),
        Case(
            "docx-external-entity",
            "xxe.docx",
            docx_external_entity,
            PARSED_OR_PROBLEM,
            ("damaged",),
            absent=("root:",),
        ),
        Case(
            "docx-billion-laughs",
            "laughs.docx",
            docx_billion_laughs,
            PARSED_OR_PROBLEM,
            ("damaged",),
            absent=("lollollol",),
        ),
        # ---- HTML and e-mail
        Case("html-hostile", "hostile.html", hostile_html, PARSED, ("Ada Quill",)),
        Case(
            "html-10mb-inline-image", "image.html", html_big_inline_image, PARSED, found, big=True
        ),
        Case(
            "html-deeply-nested", "nested.html", deeply_nested_html, PARSED_OR_PROBLEM, ("empty",)
        ),
        Case("html-only-script", "script.html", html_only_script, PROBLEM, ("empty",)),
        Case(
            "html-billion-laughs",
            "laughs.html",
            html_billion_laughs,
            PARSED_OR_PROBLEM,
            ("html",),
            absent=("hahaha",),
        ),
        Case(
            "md-hostile",
            "hostile.md",
            lambda: f"# Talks\n\n{HOSTILE_HTML_TEXT}\n\n[x](javascript:alert(9))\n".encode(),
            PARSED,
            ("<script>",),
        ),
        Case("eml-no-headers", "blank.eml", lambda: b"just some words\n", PROBLEM, ("e-mail",)),
        Case("eml-hostile-html", "hostile.eml", eml_hostile_html_only, PARSED, ("minister said",)),
        Case("eml-big-attachment", "attach.eml", eml_big_attachment, PARSED, found),
        # ---- text content
        Case("unclosed-quotes", "quotes.txt", unclosed_quotes, PARSED, ("never closes",)),
        Case("quote-storm", "storm.txt", quote_storm, PARSED_OR_PROBLEM, ("too",)),
        Case("cue-storm", "cues.txt", cue_storm, PARSED_OR_PROBLEM, ("too",)),
        Case("chinese", "zh.txt", lambda: CHINESE_RELEASE.encode(), PARSED, ("对话是唯一的道路",)),
        Case(
            "chinese-gb18030",
            "zh-gb.txt",
            lambda: CHINESE_RELEASE.encode("gb18030"),
            PARSED_OR_PROBLEM,
            ("encoding", "binary"),
        ),
        Case("french", "fr.txt", lambda: FRENCH_RELEASE.encode(), PARSED, ("a déclaré",)),
        Case("control-and-rtl", "rtl.txt", control_and_rtl, PARSED, found, absent=("\x1b", "\x07")),
        Case("control-chars-only", "ctrl.txt", many_controls, PROBLEM, ("binary",)),
        Case("emoji", "emoji.txt", emoji_and_astral, PARSED, found),
        # ---- names
        Case(
            "html-in-filename",
            HTML_FILENAME,
            lambda: (release + HOSTILE_HTML_TEXT).encode(),
            PARSED,
            found,
        ),
        Case("long-filename", "r" * 240 + ".txt", lambda: release.encode(), PARSED, found),
        Case(
            "traversal-filename",
            "..%2F..%2Fetc%2Fpasswd.txt",
            lambda: release.encode(),
            PARSED,
            found,
        ),
    ]


CASES: list[Case] = _cases()
CASES_BY_NAME: dict[str, Case] = {case.name: case for case in CASES}
