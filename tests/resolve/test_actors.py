"""In-document coreference: mentions become actors; hand-built ``Found`` records, no model."""

from __future__ import annotations

from dyad.analyse.found import DESC, ORG, PERSON, Found
from dyad.knowledge.loader import Knowledge
from dyad.resolve.actors import Cluster, _written_as, resolve_actors


def test_an_organisation_is_known_by_its_texts_and_its_acronym() -> None:
    cluster = Cluster("lna", "organization", "Libyan National Army")
    cluster.add(Found(0, 3, ORG, "Libyan National Army", 0, value="LNA"))
    cluster.add(Found(9, 10, ORG, "the Army", 1))
    assert _written_as(cluster, "LNA") and _written_as(cluster, "the Army")
    assert not _written_as(cluster, "Army") and not _written_as(cluster, "")


def test_an_acronym_later_joins_the_organisation(knowledge: Knowledge) -> None:
    found = [Found(0, 3, ORG, "Libyan National Army", 0, value="LNA"), Found(7, 8, ORG, "LNA", 1)]
    actors = resolve_actors(found, knowledge, None)
    assert [a.mentions for a in actors] == [((0, 3), (7, 8))]


def test_a_surname_after_an_unnamed_official_is_nobody(knowledge: Knowledge) -> None:
    """A description's cluster has no name tokens: a later lone surname neither joins it nor fails on it."""
    found = [
        Found(0, 4, DESC, "Taiwan's Vice Foreign Minister", 0, country="TWN", head="minister"),
        Found(9, 10, PERSON, "Zyxwvut", 1, value="surname"),
        Found(12, 14, PERSON, "Ahmed Zyxwvut", 2),
        Found(20, 21, PERSON, "Zyxwvut", 3, value="surname"),
    ]
    actors = resolve_actors(found, knowledge, None)
    assert [(a.name, a.mentions) for a in actors] == [
        ("Taiwan's Vice Foreign Minister", ((0, 4),)),
        ("Ahmed Zyxwvut", ((12, 14), (20, 21))),
    ]
    assert found[1].key is None


def test_clusters_are_distinct_actors_even_when_alike() -> None:
    a, b = Cluster("x", "person", "X"), Cluster("x-2", "person", "X")
    people = [a, b]
    people.remove(b)
    assert people == [a] and a != Cluster("x", "person", "X")
