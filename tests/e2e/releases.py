"""Invented releases for the many-users and crash tests: each one a different document.

Every release names invented officials of invented countries, carries a marker word (so a
session can filter its own documents) and a serial number (so no two texts are the same).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests import fixture_files as files

COUNTRIES = ("Norland", "Estovia", "Varania", "Ostmark", "Quellia", "Dornholt")
MINISTERS = ("Ada Quill", "Tomas Reiner", "Lina Osei", "Paul Varga", "Ines Kalder", "Oren Valk")
TOPICS = ("maritime safety", "the hotline", "military dialogue", "sanctions", "arms control")
FORMATS = ("txt", "docx", "html", "pdf", "md", "eml")


def release_text(number: int, marker: str) -> tuple[str, str, str]:
    """(title, date line, body) of invented release ``number`` carrying ``marker``."""
    host, guest = COUNTRIES[number % 6], COUNTRIES[(number + 1) % 6]
    speaker, other = MINISTERS[number % 6], MINISTERS[(number + 2) % 6]
    topic = TOPICS[number % len(TOPICS)]
    day = dt.date(2021, 1, 4) + dt.timedelta(days=7 * number)
    title = f"{host} and {guest} Hold Talks No. {number} on {topic.title()}"
    body = (
        f"CAPITAL, {day:%B} {day.day} -- {host} Defence Minister {speaker} held talks with "
        f"{guest} Defence Minister {other} on Tuesday, round {number}.\n\n"
        f"{speaker.split()[-1]} said that the two countries should keep talking about {topic} "
        f"and that the {marker} channel must stay open.\n\n"
        f'{other.split()[-1]} stressed that "dialogue is the only road" in round {number}.\n\n'
        f"The two sides agreed to meet again in {guest} after round {number}."
    )
    return title, f"{day:%B} {day.day}, {day.year}", body


def release_file(number: int, marker: str, fmt: str) -> tuple[str, bytes]:
    """Release ``number`` as a file of format ``fmt``: (file name, bytes)."""
    title, date_line, body = release_text(number, marker)
    whole = f"{title}\n\n{date_line}\n\n{body}\n"
    name = f"release-{number:03d}.{fmt}"
    if fmt == "txt":
        return name, files.txt_bytes(whole)
    if fmt == "md":
        return name, files.md_bytes(title, f"{date_line}\n\n{body}")
    if fmt == "html":
        return name, files.html_bytes(title, body, published=None)
    if fmt == "pdf":
        return name, files.pdf_bytes([whole.splitlines()])
    if fmt == "docx":
        return name, files.docx_bytes([date_line, *body.split("\n\n")], title=title)
    if fmt == "eml":
        return name, files.eml_bytes(subject=title, text=f"{date_line}\n\n{body}")
    raise ValueError(f"no builder for {fmt!r}")


def write_releases(folder: Path, numbers: list[int], marker: str, fmts: list[str]) -> list[Path]:
    """Write releases ``numbers`` (formats in turn from ``fmts``) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for position, number in enumerate(numbers):
        name, data = release_file(number, marker, fmts[position % len(fmts)])
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return paths
