"""The traps of political event coding, one article each, with invented names.

In the spirit of PETRARCH's Tolkien validation records: the people are invented (so no
dictionary can know them), the countries and the grammar are real.
"""

from __future__ import annotations

from dyad.ingest import article_from_text
from dyad.knowledge.loader import Knowledge
from dyad.pipeline import code_article
from dyad.types import Actor, Coded, Event


def code(text: str, knowledge: Knowledge, name: str = "t.txt") -> Coded:
    return code_article(article_from_text(text, name), knowledge)


def actor(coded: Coded, name_part: str) -> Actor:
    found = [a for a in coded.actors if name_part in a.name]
    assert found, f"no actor named like {name_part!r} in {[a.name for a in coded.actors]}"
    return found[0]


def names(coded: Coded, keys: tuple[str, ...]) -> set[str]:
    by_key = {a.key: a.name for a in coded.actors}
    return {by_key[k] for k in keys}


def asserted(coded: Coded, type_: str) -> list[Event]:
    return [e for e in coded.events if e.type == type_ and e.factuality == "asserted"]


def test_ambassador_belongs_to_the_sending_state(knowledge: Knowledge) -> None:
    coded = code(
        "On Monday, Libya's Oil Minister Farid Belkacem met with the French Ambassador to Libya, "
        "Karim Oudjani, in Benghazi.", knowledge)
    assert actor(coded, "Oudjani").country == "FRA"
    assert actor(coded, "Belkacem").country == "LBY"
    meeting = asserted(coded, "CONSULT")
    assert len(meeting) == 1
    assert names(coded, meeting[0].source + meeting[0].target) == {"Farid Belkacem", "Karim Oudjani"}
    assert meeting[0].place is not None and meeting[0].place.country == "LBY"


def test_dateline_is_not_the_place_of_the_event(knowledge: Knowledge) -> None:
    coded = code(
        " date 2025-03-14 BEIRUT — Interior Minister Samir Khoury held talks with Qatar's Foreign Minister "
        "Hamad Al Marri in Doha on Thursday, the agency reported.", knowledge)
    (meeting,) = asserted(coded, "CONSULT")
    assert meeting.place is not None and meeting.place.country == "QAT"
    assert meeting.date is not None and meeting.date.iso == "2025-03-13"
    assert actor(coded, "Khoury").country == "LBN"  # an unqualified minister under a BEIRUT dateline


def test_a_request_is_not_the_act_requested(knowledge: Knowledge) -> None:
    coded = code("Lebanon's President Nadim Saab called on France to pressure Israel to withdraw.", knowledge)
    types = {e.type for e in coded.events if e.factuality == "asserted"}
    assert types == {"REQUEST"}
    (request,) = coded.events
    assert names(coded, request.source) == {"Nadim Saab"}
    assert names(coded, request.target) == {"France"}


def test_future_and_negated_meetings_are_not_meetings(knowledge: Knowledge) -> None:
    coded = code(
        "Syria's Foreign Minister Omar Haddad will meet Jordan's King Faisal Al Rimawi next week. "
        "Haddad is not expected to meet Egypt's Foreign Minister Amr Fathi.", knowledge)
    assert asserted(coded, "CONSULT") == []
    assert {e.factuality for e in coded.events if e.type == "CONSULT"} <= {"planned", "negated"}


def test_person_named_inside_a_title_takes_no_part(knowledge: Knowledge) -> None:
    coded = code(
        "General Tarek Mansour met Jules Marchand, Special Envoy of French President Louis Berthier, in Paris.",
        knowledge)
    (meeting,) = asserted(coded, "CONSULT")
    assert "Louis Berthier" not in names(coded, meeting.source + meeting.target)
    assert actor(coded, "Marchand").country == "FRA"


def test_pronoun_and_surname_follow_the_person_introduced(knowledge: Knowledge) -> None:
    coded = code(
        "Saleh Jaber, Deputy Commander of the Libyan National Army (LNA), visited Paris. "
        "During his visit, Jaber met with General Paul Verdier at the Élysée Palace. "
        "He also held discussions with Claire Dufour, the French Special Envoy to Libya.", knowledge)
    meetings = asserted(coded, "CONSULT")
    pairs = [names(coded, m.source + m.target) for m in meetings]
    assert {"Saleh Jaber", "Paul Verdier"} in pairs
    assert {"Saleh Jaber", "Claire Dufour"} in pairs
    assert actor(coded, "Jaber").sector == "MIL"
    assert actor(coded, "Verdier").sector == "MIL"


def test_tripoli_follows_the_document(knowledge: Knowledge) -> None:
    libya = code("Libya's Prime Minister Aziz Trabelsi met the Italian Envoy Marco Fontana in Tripoli.", knowledge)
    lebanon = code(
        "Lebanon's Interior Minister Rami Chidiac met Lebanese Army commander Joseph Haykal in Tripoli, "
        "in northern Lebanon.", knowledge)
    assert asserted(libya, "CONSULT")[0].place.country == "LBY"  # type: ignore[union-attr]
    assert asserted(lebanon, "CONSULT")[0].place.country == "LBN"  # type: ignore[union-attr]


def test_relative_dates_need_a_publication_date(knowledge: Knowledge) -> None:
    dated = code(" date 2025-11-03 Last week, Syria seized a shipment of weapons.", knowledge)
    undated = code("Last week, Syria seized a shipment of weapons.", knowledge)
    (seized,) = asserted(dated, "COERCE")
    assert seized.date is not None and (seized.date.start.isoformat(), seized.date.end.isoformat()) == (
        "2025-10-27", "2025-11-02")
    assert asserted(undated, "COERCE")[0].date is None


def test_repeated_headline_is_read_once(knowledge: Knowledge) -> None:
    text = "Envoy Meets Marshal\n\nEnvoy Meets Marshal\nEnvoy Meets Marshal\nThe talks went well.\n"
    coded = code(text, knowledge)
    assert coded.article.text.count("Envoy Meets Marshal") == 1
    assert not any("Envoy" in a.name for a in coded.actors)


def test_lede_and_detail_are_one_meeting(knowledge: Knowledge) -> None:
    coded = code(
        " date 2025-11-03 Syria and Lebanon held talks on Sunday.\n"
        "Lebanon's Interior Minister Fadi Nassar met Syria's Foreign Minister Walid Kassem in Bahrain.", knowledge)
    (meeting,) = asserted(coded, "CONSULT")
    assert names(coded, meeting.source + meeting.target) == {"Fadi Nassar", "Walid Kassem"}
    assert meeting.date is not None and meeting.date.iso == "2025-11-02"
    assert meeting.place is not None and meeting.place.country == "BHR"


def test_groups_take_country_and_sector_from_their_words(knowledge: Knowledge) -> None:
    coded = code("Israeli soldiers arrested more than 100 Palestinians on Saturday.", knowledge)
    (arrest,) = asserted(coded, "COERCE")
    (source,) = [a for a in coded.actors if a.key in arrest.source]
    assert (source.country, source.sector) == ("ISR", "MIL")
    assert {a.country for a in coded.actors if a.key in arrest.target} == {"PSE"}


def test_promise_is_agree_and_threat_is_threaten(knowledge: Knowledge) -> None:
    promise = code("Finland will give Tanzania a grant of 50 million dollars.", knowledge)
    threat = code("Russia threatened to stop negotiations with the United States.", knowledge)
    assert [e.type for e in promise.events if e.factuality == "asserted"] == ["AGREE"]
    assert [e.type for e in threat.events if e.factuality == "asserted"] == ["THREATEN"]


def test_passive_voice_swaps_source_and_target(knowledge: Knowledge) -> None:
    coded = code("A refugee camp in Burundi was attacked by Congolese militiamen on Friday.", knowledge)
    (attack,) = asserted(coded, "ASSAULT")
    assert {a.country for a in coded.actors if a.key in attack.source} == {"COD"}
