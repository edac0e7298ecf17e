"""Reviewed place tables: landmarks, regions, extra city spellings and the place stoplist.

``landmarks.tsv`` and ``regions.tsv`` share one shape; a row is a ``Place`` with the names it goes by.
A landmark is itself the place ("White House"); an *event* row names a recurring meeting whose
place is the city it is held in ("on the sidelines of the Manama Dialogue" happened in Manama).

>>> from dyad.knowledge.geo_countries import DATA
>>> white_house = next(p for names, p in read_places(DATA / "landmarks.tsv") if "White House" in names)
>>> white_house.country, white_house.kind
('USA', 'landmark')
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from pathlib import Path

from dyad.errors import DyadError
from dyad.knowledge.geo_countries import read_rows, split_list
from dyad.knowledge.geo_keys import place_key
from dyad.types import Place

NamedPlace = tuple[tuple[str, ...], Place]
_KINDS = {"landmark": "landmark", "event": "city", "city": "city", "region": "region"}


def read_places(path: Path) -> list[NamedPlace]:
    """Rows of name, aliases, place it stands in, country, lat, lon, kind."""
    return [_place(row, path) for row in read_rows(path)]


def _place(row: list[str], path: Path) -> NamedPlace:
    if len(row) != 7 or row[6] not in _KINDS:
        raise DyadError(f"{path.name}: expected name, aliases, place, country, lat, lon, kind in {row!r}")
    name, aliases, within, country, lat, lon, kind = row
    # An event is held somewhere: the place is its city, at the venue's coordinates.
    shown = within if kind == "event" else name
    place = Place(shown, _opt(country), _coordinate(lat), _coordinate(lon), _KINDS[kind])
    return (name, *split_list(aliases)), place


def _opt(cell: str) -> str | None:
    return None if cell in ("", "-") else cell


def _coordinate(cell: str) -> float | None:
    return None if cell in ("", "-") else float(cell)


def read_aliases(path: Path, countries: Mapping[str, object]) -> dict[tuple[str, str], list[str]]:
    """``place_aliases.tsv``: (GeoNames name as written, iso3) → extra spellings of that city."""
    table: dict[tuple[str, str], list[str]] = {}
    for row in read_rows(path):
        if len(row) != 3 or row[2] not in countries:
            raise DyadError(f"{path.name}: expected spelling, GeoNames name, iso3 in {row!r}")
        table.setdefault((unicodedata.normalize("NFC", row[1]), row[2]), []).append(row[0])
    return table


def read_stoplist(path: Path) -> frozenset[str]:
    """Keys of names that are never matched as places in running text (common words, people's names)."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(place_key(line) for line in lines if line and not line.startswith("#"))
