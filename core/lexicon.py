"""Word lists and gazetteers, loaded from ``data/*.yml`` (data, never literals in the logic)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def load_yaml(name: str) -> dict:
    """Parse ``data/<name>`` (a YAML mapping)."""
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        loaded = yaml.safe_load(handle)
    return loaded or {}


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None


@dataclass(frozen=True, slots=True)
class Organization:
    name: str
    aliases: tuple[str, ...]


@cache
def countries() -> tuple[Country, ...]:
    """Countries from ``data/countries.yml``."""
    return tuple(
        Country(
            name=item["name"],
            aliases=tuple(item.get("aliases") or ()),
            demonyms=tuple(item.get("demonyms") or ()),
            capital=item.get("capital"),
        )
        for item in load_yaml("countries.yml")["countries"]
    )


@cache
def organizations() -> tuple[Organization, ...]:
    """International organisations from ``data/countries.yml``."""
    return tuple(
        Organization(name=item["name"], aliases=tuple(item.get("aliases") or ()))
        for item in load_yaml("countries.yml")["organizations"]
    )


@cache
def country_by_word() -> dict[str, str]:
    """Lower-cased name, alias or demonym -> canonical country name."""
    table: dict[str, str] = {}
    for country in countries():
        for word in (country.name, *country.aliases, *country.demonyms):
            table.setdefault(word.lower(), country.name)
    return table
