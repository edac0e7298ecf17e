"""Countries from ``countries.tsv``: names, demonyms and metonyms, each a one-dictionary lookup.

>>> countries = Countries.read(DATA / "countries.tsv")
>>> countries.country("Lebanon's"), countries.demonym("Lebanese"), countries.metonym("the Kremlin")
('LBN', 'LBN', 'RUS')
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dyad.errors import DyadError
from dyad.knowledge.geo_keys import in_capitals, is_acronym, place_key, without_the

DATA = Path(__file__).parent / "data"
Kind = str  # "name" | "demonym" | "metonym"


@dataclass(frozen=True)
class CountryInfo:
    """One country as ``countries.tsv`` describes it; ``names`` starts with ``name``."""

    iso3: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    metonyms: tuple[str, ...]


def read_rows(path: Path) -> Iterator[list[str]]:
    """Tab-separated rows of a data file, without ``#`` comments and blank lines."""
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row and row[0].strip() and not row[0].startswith("#"):
                yield [cell.strip() for cell in row]


def split_list(cell: str) -> tuple[str, ...]:
    """A ``;``-separated cell as a tuple; "-" or empty is the empty tuple."""
    return tuple(part.strip() for part in cell.split(";") if part.strip() not in ("", "-"))


def _info(row: list[str], path: Path) -> CountryInfo:
    if len(row) != 6 or len(row[0]) != 3 or not row[0].isupper():
        raise DyadError(f"{path.name}: expected iso3, name, names, demonyms, capital, metonyms in {row!r}")
    iso3, name, names, demonyms, capital, metonyms = row
    return CountryInfo(iso3, name, (name, *split_list(names)), split_list(demonyms),
                       None if capital in ("", "-") else capital, split_list(metonyms))


class Countries:
    """Lookups from any written form of a country to its ISO 3166 alpha-3 code."""

    def __init__(self, infos: list[CountryInfo]) -> None:
        self.infos = {info.iso3: info for info in infos}
        self._tables: dict[Kind, dict[str, str]] = {"name": {}, "demonym": {}, "metonym": {}}
        self._acronyms: dict[str, str] = {}  # "US", "UK": only written in capitals
        for surface, iso3, kind in self.terms():
            table = self._acronyms if is_acronym(surface) else self._tables[kind]
            table.setdefault(place_key(surface), iso3)

    @classmethod
    def read(cls, path: Path) -> Countries:
        return cls([_info(row, path) for row in read_rows(path)])

    def terms(self) -> Iterator[tuple[str, str, Kind]]:
        """Every surface form as written in the file: (surface, iso3, kind)."""
        for info in self.infos.values():
            yield from ((s, info.iso3, "name") for s in info.names)
            yield from ((s, info.iso3, "demonym") for s in info.demonyms)
            yield from ((s, info.iso3, "metonym") for s in info.metonyms)

    def country(self, text: str) -> str | None:
        """A country's name or demonym ("Lebanon's", "French", "U.S.") → ISO3; not metonyms."""
        return self._find(text, "name") or self._find(text, "demonym")

    def demonym(self, text: str) -> str | None:
        return self._find(text, "demonym")

    def metonym(self, text: str) -> str | None:
        return self._find(text, "metonym")

    def named(self, text: str) -> str | None:
        """Only a country's name ("Jordan", "the Netherlands"), not its people or its capital."""
        return self._find(text, "name")

    def _find(self, text: str, kind: Kind) -> str | None:
        key = place_key(text)
        # "the Netherlands", "the US": try the name as written, then without its article.
        for k, written in ((key, text), (without_the(key), text.strip()[4:])):
            if k is None:
                continue
            if kind == "name" and k in self._acronyms and in_capitals(written):
                return self._acronyms[k]
            if k in self._tables[kind]:
                return self._tables[kind][k]
        return None
