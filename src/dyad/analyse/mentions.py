"""Mention finding: persons, organisations, countries, groups, places and descriptions in a Doc.

The lexicon gives what dyad knows by name; capitalised runs give what it does not; role phrases
give persons their country and sector; sector nouns with a demonym give groups ("Israeli
soldiers" → ISR MIL). Nothing inside the dateline ("BEIRUT —") is a mention: it says where the
story was filed.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from spacy.tokens import Doc, Span

from dyad.analyse.found import COUNTRY, DESC, GROUP, ORG, PERSON, PLACE, Found
from dyad.analyse.lexicon import Hit
from dyad.analyse.names import is_acronym, looks_like_person, name_runs, org_run
from dyad.analyse.roles import left_phrase, read_role, right_phrase
from dyad.analyse.tokens import Tokens
from dyad.knowledge.loader import Knowledge, Org

_GROUP_LINK = frozenset({"in", "of", "from", "throughout", "across"})
# A word before a sector noun that makes it a group: a possessor ("Poland's parliament") or a determiner.
_GROUP_MARKS = frozenset({"'s", "’s", "the", "its", "their"})


class MentionFinder:
    """Finds the mentions of one Doc; construct once per document."""

    def __init__(self, doc: Doc, hits: list[Hit], knowledge: Knowledge, skip: set[int]) -> None:
        self.doc, self.knowledge = doc, knowledge
        # Most documents have no dateline to skip: then every hit stays, without a test each.
        self.hits = [h for h in hits if skip.isdisjoint(range(h.start, h.end))] if skip else list(hits)
        self.by_token = {i: h for h in self.hits for i in range(h.start, h.end)}
        self.orgs = _orgs_by_name(knowledge)
        self.skip = skip
        self.used: set[int] = set()  # tokens already inside a role phrase or group
        self.found: list[Found] = []
        self.embedded_spans: list[tuple[int, int]] = []
        self.tokens = Tokens.of(doc)
        # Read once: ``doc.ents`` scans every token each time it is asked for (and is empty without a model).
        self.ents = doc.ents

    def org_of(self, name: str) -> Org | None:
        return self.orgs.get(name)

    def run(self) -> list[Found]:
        # A capitalised sector word inside a name belongs to the name: "the Syrian Interior Ministry".
        named_sectors = {
            i for h in self.hits if h.label == "SECTOR" and self.tokens.texts[h.start][:1].isupper()
            and not self.tokens.is_sent_start(h.start) for i in range(h.start, h.end)
        }
        covered = (set(self.by_token) - named_sectors) | self.skip
        runs = _with_model_entities(self.ents, name_runs(self.tokens, covered, self.knowledge), covered)
        self._names(runs)
        self._mark_embedded()
        self._acronyms()
        self._groups()
        self._rest()
        return sorted(self.found, key=lambda f: f.start)

    def _mark_embedded(self) -> None:
        """Persons named inside another's apposition ("… of French President Emmanuel Macron")."""
        if not self.embedded_spans:  # most documents: no apposition holds a title
            return
        for f in self.found:
            if f.label == PERSON and any(s <= f.start < e for s, e in self.embedded_spans):
                f.embedded = True

    # --- names ------------------------------------------------------------------------------
    def _names(self, runs: list[tuple[int, int]]) -> None:
        model_orgs = {(ent.start, ent.end) for ent in self.ents if ent.label_ == "ORG"}
        if model_orgs:  # only with a statistical NER
            for start, end in runs:
                if (start, end) in model_orgs:
                    self._add(Found(start, end, ORG, self.tokens.span_text(start, end), self._sent(start)))
            runs = [r for r in runs if r not in model_orgs]
        people = [(s, e) for s, e in runs if not self._as_org(s, e)]
        name_tokens = {i for s, e in people for i in range(s, e)}
        model_people = {(e.start, e.end) for e in self.ents if e.label_ in ("PERSON", "PER")}
        for start, end in people:
            before = self.by_token.get(start - 1)
            right_end, right_hits = right_phrase(self.tokens, end, self.by_token)
            is_person = (
                looks_like_person(self.tokens, start, end, before, self.knowledge) or bool(right_hits)
                or (start, end) in model_people
            )
            if not is_person:
                self._unknown(start, end)
                continue
            self._person(start, end, right_end, right_hits, name_tokens)

    def _as_org(self, start: int, end: int) -> bool:
        found = org_run(self.tokens, start, end, self.knowledge)
        if found is None:
            return False
        stop, sector = found
        text = self.tokens.span_text(start, stop)
        country = self._country_left(start)
        self._add(Found(start, stop, ORG, text, self._sent(start), country=country, sector=sector))
        self.used.update(range(start, stop))
        return True

    def _person(self, start: int, end: int, right_end: int, right: list[Hit], names: set[int]) -> None:
        begin, left = left_phrase(self.tokens, start, self.by_token, names)
        role = read_role(self.tokens, begin, start, left, self.org_of) if left else None
        if role is None and right:
            role = read_role(self.tokens, end + 1, right_end, right, self.org_of)
        outer = (min(begin, start), max(end, right_end if right else end))
        name = self.tokens.span_text(start, end)
        person = Found(start, end, PERSON, name, self._sent(start), outer=outer)
        if role is not None:
            person.role, person.country, person.sector = role.text, role.country, role.sector
        self._add(person)
        self.used.update(range(*outer))
        if right:  # persons named inside the apposition ("… of French President Emmanuel Macron")
            self.embedded_spans.append((end, right_end))

    def _unknown(self, start: int, end: int) -> None:
        if end - start != 1:  # a longer run that names no known kind of thing is left out
            return
        text = self.tokens.texts[start]
        if is_acronym(text):
            self._add(Found(start, end, ORG, text, self._sent(start)))
        else:
            # A lone surname ("Haftar", "Soler's", "Dumoulin later met …"): a person if the document
            # introduced one so; coreference drops it otherwise.
            self._add(Found(start, end, PERSON, text, self._sent(start), value="surname"))

    def _acronyms(self) -> None:
        """"Libyan National Army (LNA)": the acronym in parentheses is the organisation's alias."""
        for f in self.found:
            if f.label == ORG and f.end + 2 < len(self.tokens) and self.tokens.texts[f.end] == "(":
                acro = self.tokens.texts[f.end + 1]
                if is_acronym(acro) and self.tokens.texts[f.end + 2] == ")":
                    f.value = f.value or acro
                    f.outer = (f.outer[0], f.end + 3)

    # --- groups, countries, places, descriptions -------------------------------------------
    def _groups(self) -> None:
        hits = [h for h in self.hits if h.label == "SECTOR" and h.start not in self.used]
        i = 0
        while i < len(hits):
            first = hits[i]
            end = first.end
            while i + 1 < len(hits) and hits[i + 1].start == end:  # "rebel leaders": the modifier decides
                i += 1
                end = hits[i].end
            self._group(first, end)
            i += 1

    def _group(self, first: Hit, end: int) -> None:
        start, country = first.start, None
        if not self._group_noun(first, end):
            return
        for j in range(first.start - 1, max(first.start - 4, -1), -1):
            hit = self.by_token.get(j)
            if hit is not None and hit.label == "COUNTRY":
                start, country = hit.start, hit.value
                break
            if hit is not None or not self.tokens.is_lower[j]:
                break
        if country is None and end + 1 < len(self.tokens) and self.tokens.lowers[end] in _GROUP_LINK:
            nxt = self.by_token.get(end + 1) or self.by_token.get(end + 2)
            if nxt is not None and nxt.label in ("COUNTRY", "PLACE"):
                country, end = self._place_country(nxt), nxt.end
        text = self.tokens.span_text(start, end)
        self._add(Found(start, end, GROUP, text, self._sent(start), country=country, sector=first.sector))
        self.used.update(range(start, end))
        self._coordinated_groups(start, first, end)

    def _coordinated_groups(self, start: int, first: Hit, end: int) -> None:
        """"Hungarian and Romanian officials": each demonym makes its own group of that sector."""
        while start >= 2 and self.tokens.lowers[start - 1] in ("and", ","):
            hit = self.by_token.get(start - 2)
            if hit is None or hit.label != "COUNTRY" or hit.start in self.used:
                return
            text = f"{self.tokens.span_text(hit.start, hit.end)} {self.tokens.span_text(first.start, end)}"
            self._add(Found(hit.start, hit.end, GROUP, text, self._sent(hit.start), country=hit.value,
                            sector=first.sector, outer=(hit.start, hit.end)))
            self.used.update(range(hit.start, start))
            start = hit.start

    def _group_noun(self, first: Hit, end: int) -> bool:
        """"military" in "military cooperation" is an adjective, not a group: a bare singular
        sector word counts only with a demonym, a determiner, or as a plural ("rebels")."""
        previous = self.tokens.lowers[first.start - 1] if first.start > 0 else ""
        # The tests in the order that settles most sector words soonest.
        if self.tokens.lowers[end - 1].endswith("s") or previous in _GROUP_MARKS:  # "rebels", "the army"
            return True
        if first.start > 0 and (self.tokens.texts[first.start - 1][:1].isupper() or previous == ")"):
            return True  # named: "Syrian army", "(SDF) fighters"
        if end < len(self.tokens) and self.tokens.lowers[end] in _GROUP_LINK:  # "regime in Syria"
            return True
        before = self.by_token.get(first.start - 1)
        return before is not None and before.label == "COUNTRY"

    def _rest(self) -> None:
        for hit in self.hits:
            if hit.start in self.used:
                if hit.label == "ORG":  # "General Commander of the LNA": an actor, not a participant here
                    self._org(hit).embedded = True
                continue
            # The text is cut where a mention is made: a sector word left over here makes none.
            if hit.label == "ORG":
                self._org(hit)
            elif hit.label == "COUNTRY":
                self._country(hit)
            elif hit.label == "PLACE":
                text = self.tokens.span_text(hit.start, hit.end)
                self._add(Found(hit.start, hit.end, PLACE, text, self._sent(hit.start), value=hit.value))
            elif hit.label == "TITLE" and hit.extra != "honorific":
                self._description(hit, self._sent(hit.start))

    def _country(self, hit: Hit) -> None:
        """A country named by itself, or the people it names."""
        sent = self._sent(hit.start)
        if self._named_people(hit):
            # "Iraqi Kurds", "Bosnian Serbs": a people of that country, civilians unless said otherwise
            end = hit.end + 1
            text = self.tokens.span_text(hit.start, end)
            self._add(Found(hit.start, end, GROUP, text, sent, country=hit.value, sector="CVL"))
            self.used.add(hit.end)
            return
        text = self.tokens.span_text(hit.start, hit.end)
        if self._people_of(hit):
            # "Palestinians", "Iraqis": a nationality in the plural names its people, civilians
            self._add(Found(hit.start, hit.end, GROUP, text, sent, country=hit.value, sector="CVL"))
        else:
            metonym = hit.extra == "metonym"
            self._add(Found(hit.start, hit.end, COUNTRY, text, sent, country=hit.value, value=hit.value,
                            metonym=metonym, sector="GOV" if metonym else None))

    def _named_people(self, hit: Hit) -> bool:
        nxt = hit.end
        if nxt >= len(self.tokens):
            return False
        text = self.tokens.texts[nxt]
        return (
            hit.extra == "demonym" and text[:1].isupper() and text.endswith("s")
            and self.tokens.is_alpha[nxt] and nxt not in self.by_token and nxt not in self.used
        )

    def _people_of(self, hit: Hit) -> bool:
        last = self.tokens.texts[hit.end - 1]
        # A demonym in the plural ("Algerians", "Palestinians") is never the adjective ("Algerian").
        return hit.extra == "demonym" and last.endswith("s") and not last.endswith("ss")

    def _org(self, hit: Hit) -> Found:
        org = self.orgs[hit.value]
        text = self.tokens.span_text(hit.start, hit.end)
        found = Found(hit.start, hit.end, ORG, text, self._sent(hit.start), name=org.name, country=org.country,
                      sector=org.sector, value=org.name)
        self._add(found)
        return found

    def _description(self, hit: Hit, sent: int) -> None:
        """A title with no name: "the Syrian minister", "Taiwan's Vice Foreign Minister"."""
        start, country = hit.start, None
        prev = self.by_token.get(hit.start - 1) or self.by_token.get(hit.start - 2)
        end = hit.end
        if prev is not None and prev.label == "COUNTRY" and prev.end >= hit.start - 1:
            start, country = prev.start, prev.value
        elif end + 1 < len(self.tokens) and self.tokens.lowers[end] == "of":  # "the president of Armenia"
            after = self.by_token.get(end + 1) or self.by_token.get(end + 2)
            if after is not None and after.label == "COUNTRY":
                country, end = after.value, after.end
        text = self.tokens.span_text(start, end)
        head = hit.value.split()[-1]
        self._add(Found(start, end, DESC, text, sent, country=country, sector=hit.sector or None, head=head))
        self.used.update(range(start, end))

    # --- helpers ------------------------------------------------------------------------------
    def _country_left(self, start: int) -> str | None:
        if start > 1 and self.tokens.lowers[start - 1] in ("'s", "’s"):
            start -= 1  # "Ivory Coast's Supreme Court"
        hit = self.by_token.get(start - 1)
        if hit is not None and hit.label == "COUNTRY":
            return hit.value
        return None

    def _place_country(self, hit: Hit) -> str | None:
        if hit.label == "COUNTRY":
            return hit.value
        place = self.knowledge.geo.resolve(self.tokens.span_text(hit.start, hit.end))
        return place.country if place else None

    def _sent(self, i: int) -> int:
        return self.tokens.sentence[i]

    def _add(self, found: Found) -> None:
        self.found.append(found)


def _with_model_entities(
    ents: Sequence[Span], runs: list[tuple[int, int]], covered: set[int]
) -> list[tuple[int, int]]:
    """Add the PERSON and ORG entities of an optional statistical NER (``--spacy-model``) to the
    name runs (in text order, as ``name_runs`` gives them).

    Rules still decide what a span is (title, apposition, organisation head word); a model
    entity only proposes spans the capitalisation rules missed or cut differently.
    """
    if not ents:  # dyad's own pipeline has no NER
        return runs
    taken = {i for s, e in runs for i in range(s, e)}
    extra = [
        (ent.start, ent.end)
        for ent in ents
        if ent.label_ in ("PERSON", "PER", "ORG") and not set(range(ent.start, ent.end)) & (taken | covered)
    ]
    return sorted(runs + extra)


@cache
def _orgs_by_name(knowledge: Knowledge) -> dict[str, Org]:
    """Organisations by name, built once per ``Knowledge`` (it is identity-hashed and never changes)."""
    return {o.name: o for o in knowledge.orgs}


def find_mentions(doc: Doc, hits: list[Hit], knowledge: Knowledge, skip: set[int]) -> list[Found]:
    """All mentions of ``doc`` (tokens in ``skip`` — the dateline — are never mentions)."""
    return MentionFinder(doc, hits, knowledge, skip).run()
