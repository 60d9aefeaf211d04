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


# ---------------------------------------------------------------- data/organizations.yml


@cache
def office_heads() -> tuple[str, ...]:
    """Words that head an office's name ("Office", "Ministry", "Command")."""
    return tuple(load_yaml("organizations.yml").get("office_heads") or ())


@cache
def person_titles() -> tuple[str, ...]:
    """Titles written before a person's name ("Foreign Minister", "General"), longest first."""
    titles = load_yaml("organizations.yml").get("person_titles") or ()
    return tuple(sorted(set(titles), key=lambda title: (-len(title), title)))


@cache
def national_organizations() -> tuple[Organization, ...]:
    """Ministries, commands, agencies and news agencies from ``data/organizations.yml``."""
    return tuple(
        Organization(name=item["name"], aliases=tuple(item.get("aliases") or ()))
        for item in load_yaml("organizations.yml").get("organizations") or ()
    )


@cache
def locations() -> tuple[str, ...]:
    """Regions, seas and straits (LOC)."""
    return tuple(load_yaml("organizations.yml").get("locations") or ())


@cache
def places() -> tuple[str, ...]:
    """Cities and territories that are not countries or capitals (GPE)."""
    return tuple(load_yaml("organizations.yml").get("places") or ())


@cache
def not_names() -> frozenset[str]:
    """Capitalised words that are never part of a person's name after a title."""
    return frozenset(load_yaml("organizations.yml").get("not_names") or ())
