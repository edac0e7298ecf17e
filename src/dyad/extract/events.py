"""Event extraction: triggers, factuality and arguments become PLOVER events with date and place.

For each sentence: find triggers, read their factuality, find source and target, resolve
pronouns ("he met …") and plural references ("the duo", "the two nations"), then date the event
(an expression in the sentence; else one earlier in the same paragraph; else the publication
date) and place it ("in Benghazi", "at the Élysée Palace"; never the dateline). Events that
restate one another inside the article are merged (see ``merge.py``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from dyad.analyse.found import COUNTRY, PERSON, PLACE, Found
from dyad.analyse.tokens import Tokens
from dyad.extract import arguments as args
from dyad.extract.merge import Draft, merge_drafts
from dyad.extract.modality import read
from dyad.extract.triggers import TriggerMatch, Triggers
from dyad.knowledge.loader import Knowledge, TriggerRule
from dyad.types import Actor, Article, DateMention, Event, Place, When

_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "to"})
_BEFORE_PLACE = _PLACE_PREPS | {"the"}  # "in Benghazi", "in the Gaza Strip"
_PLACE_PREPS_NOT_TO = _PLACE_PREPS - {"to"}  # "to" leads to a place, never to a country's name
_PLACE_TARGETED = frozenset({"PROTEST", "COERCE", "ASSAULT", "MOBILIZE", "RETREAT", "CONCEDE"})


@dataclass
class Context:
    doc: Doc
    article: Article
    found: list[Found]
    knowledge: Knowledge
    dates: list[DateMention]
    country_weights: Counter[str]
    actors: list[Actor]


class EventExtractor:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.tokens = Tokens.of(ctx.doc)
        self.modality = ctx.knowledge.modality
        self.reporting = frozenset(self.modality.reporting)  # "said", "told": tested at every token of a clause
        # Everything an event looks at is in its own sentence (or its paragraph, for dates): index
        # mentions and dates by sentence once, so coding time stays linear in the article's length.
        sent_of = self.tokens.sentence
        self.parts_by_sent: dict[int, list[args.Part]] = {}
        for part in args.participants(ctx.found):
            self.parts_by_sent.setdefault(sent_of[part.start], []).append(part)
        self.found_by_sent: dict[int, list[Found]] = {}
        for f in ctx.found:
            self.found_by_sent.setdefault(sent_of[f.start], []).append(f)
        self.dates = sorted((d for d in ctx.dates if d.when), key=lambda d: d.start)
        self.date_starts = [d.start for d in self.dates]
        self.parts: list[args.Part] = []
        self.found_here: list[Found] = []
        self.drafts: list[Draft] = []
        self.key_country = {a.key: a.country for a in ctx.actors}
        self.key_label = {f.key: f.label for f in ctx.found if f.key}
        # A place named once is often the place of several events: look each name up once.
        self.located: dict[tuple[str, bool, str | None, str], Place | None] = {}
        # Where the headline ends (0 without one): it repeats the story, and is read at every trigger.
        title = ctx.article.title or ""
        self.headline_end = len(title) if title and ctx.article.text.startswith(title) else 0
        # Half the articles quote nobody: no trigger of theirs can stand inside a quotation.
        self.has_quotes = "“" in self.tokens.text or '"' in self.tokens.text
        # Every plural reference ``_plural`` knows, to pass over most words with one test.
        self.plurals = ("the latter", "the former", *self.modality.plural_people, *self.modality.plural_countries)

    def run(self, triggers: Triggers) -> list[Event]:
        for group in triggers.find(self.doc):
            if self._in_headline(group[0].start):
                continue
            for match in group:
                if self._code(match):
                    break
        return [self._event(d) for d in merge_drafts(self.drafts, self.key_label, self.key_country)]

    def _in_headline(self, token: int) -> bool:
        return self.tokens.idx[token] < self.headline_end

    # --- one trigger -------------------------------------------------------------------------
    def _code(self, match: TriggerMatch) -> bool:
        """Code one trigger; False when its reading or its arguments say it is no event."""
        sentence = self.tokens.sentence[match.start]
        self.parts = self.parts_by_sent.get(sentence, [])
        self.found_here = self.found_by_sent.get(sentence, [])
        if self.has_quotes and _quoted(self.tokens, match.start):
            return False  # words inside a quotation are what someone said, not an act the article reports
        if not _objects_ok(self.tokens, match):
            return False  # checked before the reading: a quarter of the triggers end here, cheaply
        code = self.ctx.knowledge.codes[match.rule.code]
        reading = read(self.tokens, match, code.plover, self.modality)
        if reading.skip:
            return False
        sources, targets = self._arguments(match)
        if not sources or self._modifier_use(match):
            return False  # nobody did it: a description, not an event we can attribute
        for source, target in _pairs(sources, targets):
            self._draft(match, code.code, reading.factuality, source, target)
            if reading.recode:
                self._draft(match, reading.recode, "asserted", source, target)
        return True

    def _arguments(self, match: TriggerMatch) -> tuple[list[str], list[str]]:
        tokens, rule = self.tokens, match.rule
        sent_start, sent_end = tokens.sent_bounds(match.start)
        begin = args.clause_start(tokens, sent_start, match.start, self.reporting)
        if rule.between:
            both = args.between(tokens, self.parts, match.end, self._stop(match, sent_end))
            return [p.key for p in both[:1]], [p.key for p in both[1:]]
        multiword = match.end - match.start > 1 and not rule.passive_by  # "were engaged in …" is no passive
        if not rule.nominal and not multiword and args.is_passive(tokens, match.start):
            # "was attacked by X": X did it. Without an agent nobody is coded as the source.
            agents = args.by_phrase(tokens, self.parts, match.end, match.end + 4)
            if not agents:
                return [], []
            victims = args.passive_subject(self.parts, begin, match.start)
            return [p.key for p in agents], [p.key for p in victims]
        aux = match.start > 0 and tokens.lowers[match.start - 1] in ("has", "have", "had")
        if not rule.nominal and not aux and args.by_phrase(tokens, self.parts, match.end, match.end + 2):
            return [], []  # "a statement released by the LNA": a participle describing a noun
        if rule.speaker:
            return self._reported_demand(match, sent_start)
        sources = [p.key for p in args.subject(tokens, self.parts, begin, match.start, rule.nominal)]
        sources = self._pronoun(match.start, begin) or sources
        if not sources and begin > sent_start and tokens.lowers[begin - 1] in ("but", "and", ";"):
            # "Benin opened its borders …, but was still refusing …": the sentence's subject goes on
            sources = [p.key for p in args.subject(tokens, self.parts, sent_start, begin, True)]
        stop = None
        if not sources and rule.nominal:
            stop = self._stop(match, sent_end)
            sources = [p.key for p in args.by_phrase(tokens, self.parts, match.end, stop)]
        if not sources:
            return [], []  # over half the triggers that get here: dropped by ``_code``, targets unsought
        stop = self._stop(match, sent_end) if stop is None else stop
        targets = self._targets(match, stop) or self._where_target(match, stop, rule)
        return _dedupe(sources), [t for t in _dedupe(targets) if t not in sources]

    def _stop(self, match: TriggerMatch, sent_end: int) -> int:
        """Where the trigger's arguments end: a trailing ", X said", a ";" or a relative clause."""
        tokens = self.tokens
        return min(args.reporting_tail(tokens, sent_end, match.end, self.reporting),
                   _clause_end(tokens, sent_end, match.end))

    def _reported_demand(self, match: TriggerMatch, sent_start: int) -> tuple[list[str], list[str]]:
        """"Russia said that Sudan must return …": a demand by the speaker on the one who must."""
        tokens, reporting = self.tokens, self.reporting
        said = [i for i in range(sent_start, match.start) if tokens.lowers[i] in reporting]
        if not said:
            return [], []
        speakers = args.subject(tokens, self.parts, sent_start, said[-1], False)
        addressees = args.subject(tokens, self.parts, said[-1] + 1, match.start, False)
        return [p.key for p in speakers], [p.key for p in addressees]

    def _where_target(self, match: TriggerMatch, stop: int, rule: TriggerRule) -> list[str]:
        """A protest or a crackdown with no named target is aimed at the country where it happens
        ("ethnic Albanians demonstrated in Serbia"): the PLOVER convention."""
        if rule.reciprocal or self.ctx.knowledge.codes[rule.code].plover not in _PLACE_TARGETED:
            return []
        for f in self.found_here:
            if match.end <= f.start < stop and f.label in (PLACE, COUNTRY):
                country = f.country if f.label == COUNTRY else self._place_country(f)
                return [self._country_key(country)] if country else []
        return []

    def _modifier_use(self, match: TriggerMatch) -> bool:
        """"a US offer", "a United Nations appeal": an actor used as a modifier makes the word a noun."""
        before = [p for p in self.parts if p.end == match.start]
        return bool(before) and before[0].start > 0 and self.tokens.lowers[before[0].start - 1] in ("a", "an")

    def _targets(self, match: TriggerMatch, stop: int) -> list[str]:
        if match.rule.target_is_place:
            place = self._visited(match.end, stop)
            if place:
                return [place]
        parts = [p for p in self.parts if not (match.rule.nominal and _after_by(self.tokens, p))]
        return [p.key for p in args.objects(self.tokens, parts, match.end, stop, match.rule.prep)]

    def _visited(self, after: int, stop: int) -> str | None:
        """"visit Beirut", "a visit to Paris": the host country is the target."""
        for f in self.found_here:
            if after <= f.start < min(stop, after + 4) and f.label in (PLACE, COUNTRY):
                country = f.country if f.label == COUNTRY else self._place_country(f)
                return self._country_key(country) if country else None
        return None

    # --- references ------------------------------------------------------------------------
    def _pronoun(self, trigger: int, begin: int) -> list[str]:
        """A pronoun or plural reference just before the trigger, resolved; [] if none.

        Only the words after the last name before the trigger are read: a name standing closer to
        the verb than any pronoun is the subject (``_last_named`` finds it once, not per word).
        """
        for i in range(trigger - 1, max(begin - 1, trigger - 6, _last_named(self.parts, trigger)), -1):
            word = self.tokens.lowers[i]
            if word in args.PRONOUNS and self.tokens.texts[i][0].isalpha():
                return self._resolve_pronoun(word, i)
            phrase = self.tokens.span_text(max(0, i - 2), i + 1).lower()
            plural = self._plural(phrase, i) if phrase.endswith(self.plurals) else []
            if plural:
                return plural
        return []

    def _resolve_pronoun(self, word: str, at: int) -> list[str]:
        sent_start = self.tokens.sent_bounds(at)[0]
        wanted = {PERSON} if word in ("he", "she") else {"ORG", COUNTRY, "GROUP"}
        earlier = [p for p in self.parts if sent_start <= p.start < at and p.label in wanted]
        if earlier:
            return [earlier[-1].key]
        last = self._last_sources(wanted)
        return last[:1] if word in ("he", "she", "it") else last

    def _plural(self, phrase: str, at: int) -> list[str]:
        if phrase.endswith("the latter") or phrase.endswith("the former"):
            before = [p for p in self.parts if p.end <= at - 1 and p.start >= self.tokens.sent_bounds(at)[0]]
            pick = -1 if phrase.endswith("latter") else -2
            return [before[pick].key] if len(before) >= abs(pick) else []
        if phrase.endswith(self.modality.plural_people):
            return self._last_participants()
        if phrase.endswith(self.modality.plural_countries):
            return [self._country_key(c) for c, _ in self.ctx.country_weights.most_common(2)]
        return []

    def _last_sources(self, labels: set[str]) -> list[str]:
        for draft in reversed(self.drafts):
            keys = [k for k in draft.sources if self.key_label.get(k) in labels]
            if keys:
                return keys
        return []

    def _last_participants(self) -> list[str]:
        return list(self.drafts[-1].sources + self.drafts[-1].targets) if self.drafts else []

    def _country_key(self, iso3: str) -> str:
        """The key of the country actor for ``iso3`` (countries are keyed by their code)."""
        self.key_label.setdefault(iso3, COUNTRY)
        self.key_country.setdefault(iso3, iso3)
        return iso3

    # --- date and place -----------------------------------------------------------------------
    def _draft(self, match: TriggerMatch, code: str, factuality: str, source: list[str], target: list[str]) -> None:
        plover = self.ctx.knowledge.codes[code].plover
        if plover == "CONSULT" and len(set(source) | set(target)) < 2:
            return  # a meeting needs two parties
        tokens = self.tokens
        sentence = tokens.sentence[match.start]
        chars = (tokens.idx[tokens.sent_starts[sentence]], tokens.end_char(tokens.sent_ends[sentence] - 1))
        when, explicit = self._when(chars, match)
        draft = Draft(
            code=code, plover=plover, factuality=factuality, sources=tuple(source), targets=tuple(target),
            sentence=sentence, start=chars[0], end=chars[1],
            trigger=(tokens.idx[match.start], tokens.end_char(match.end - 1)),
            when=when, explicit_date=explicit, place=self._place(match), confidence=_confidence(source, target),
        )
        self.drafts.append(draft)

    def _when(self, chars: tuple[int, int], match: TriggerMatch) -> tuple[When | None, bool]:
        """The event's date: the nearest date in its sentence (characters ``chars``), else the
        paragraph's last earlier date, else the publication date."""
        inside = self.dates[bisect_left(self.date_starts, chars[0]):bisect_left(self.date_starts, chars[1])]
        if inside:
            anchor = self.tokens.idx[match.start]
            best = min(inside, key=lambda d: abs(d.start - anchor))
            return best.when, True
        earlier = self._paragraph_date(chars[0])
        if earlier is not None:
            return earlier, True
        published = self.ctx.article.published
        return (When(published, published, "day", "published"), False) if published else (None, False)

    def _paragraph_date(self, sent_char: int) -> When | None:
        text = self.ctx.article.text
        para_start = text.rfind("\n", 0, sent_char) + 1
        before = self.dates[bisect_left(self.date_starts, para_start):bisect_left(self.date_starts, sent_char)]
        return before[-1].when if before else None

    def _place(self, match: TriggerMatch) -> Place | None:
        spots = [f for f in self.found_here if f.label in (PLACE, COUNTRY)]
        spots = [f for f in spots if f.start > 0 and self.tokens.lowers[f.start - 1] in _BEFORE_PLACE]
        spots = [f for f in spots if self._place_prep(f)]
        if not spots:
            return None
        best = min(spots, key=lambda f: (f.start < match.start, abs(f.start - match.start)))
        return self._locate(best)

    def _place_prep(self, f: Found) -> bool:
        before = self.tokens.lowers[f.start - 1]
        if before == "the" and f.start > 1:
            before = self.tokens.lowers[f.start - 2]
        return before in _PLACE_PREPS_NOT_TO or (before == "to" and f.label == PLACE)

    def _locate(self, f: Found) -> Place | None:
        key = (f.label, f.metonym, f.country, f.text)  # all that the place depends on in this article
        if key not in self.located:
            self.located[key] = self._lookup_place(f)
        return self.located[key]

    def _lookup_place(self, f: Found) -> Place | None:
        geo = self.ctx.knowledge.geo
        if f.label == COUNTRY and not f.metonym and f.country:
            info = geo.country_info(f.country)
            return Place(info.name if info else f.country, f.country, kind="country")
        return geo.resolve(f.text, self.ctx.country_weights)

    def _place_country(self, f: Found) -> str | None:
        place = self._locate(f)
        return place.country if place else None

    def _event(self, d: Draft) -> Event:
        code = self.ctx.knowledge.codes[d.code]
        return Event(
            type=code.plover, mode=code.mode, cameo=code.code, quad_class=code.quad, goldstein=code.goldstein,
            factuality=d.factuality,  # type: ignore[arg-type]
            source=d.sources, target=d.targets, sentence=d.sentence, start=d.start, end=d.end,
            trigger=d.trigger, date=d.when, place=d.place, confidence=d.confidence,
        )


def _clause_end(tokens: Tokens, sent_end: int, after: int) -> int:
    texts, lowers = tokens.texts, tokens.lowers
    for i in range(after, sent_end):
        relative = texts[i] == "," and i + 1 < sent_end and lowers[i + 1] in ("which", "who", "while", "but")
        if texts[i] == ";" or relative:
            return i
    return sent_end


def _quoted(tokens: Tokens, token: int) -> bool:
    """Inside quotation marks: an open curly quote not yet closed, or an odd number of straight ones."""
    before = tokens.span_text(tokens.sent_bounds(token)[0], token)
    if before.count("“") > before.count("”"):
        return True
    return before.count('"') % 2 == 1


def _objects_ok(tokens: Tokens, match: TriggerMatch) -> bool:
    """A trigger restricted to some objects ("withdraw troops") needs one within six tokens."""
    if match.start > 0 and tokens.texts[match.start - 1] in ("-", "‐"):
        return False  # "cease-fire", "anti-war": part of a compound word
    if not match.rule.objects:
        return True
    after = set(tokens.lowers[match.end:match.end + 6])
    return bool(after & set(match.rule.objects))


def _last_named(parts: list[args.Part], before: int) -> int:
    """The last token before ``before`` that lies inside one of ``parts`` (-1 if none)."""
    return max((min(p.end, before) - 1 for p in parts if p.start < before and p.start < p.end), default=-1)


def _after_by(tokens: Tokens, part: args.Part) -> bool:
    return part.start > 0 and tokens.lowers[part.start - 1] == "by"


def _dedupe(keys: list[str]) -> list[str]:
    return list(dict.fromkeys(keys))


def _pairs(sources: list[str], targets: list[str]) -> list[tuple[list[str], list[str]]]:
    """One event per target ("he met A and B" is two meetings, as ICEWS and the gold code it)."""
    if len(targets) <= 1:
        return [(sources, targets)]
    return [(sources, [t]) for t in targets]


def _confidence(source: list[str], target: list[str]) -> float:
    return _CONFIDENCE[bool(source), bool(target)]


# The four confidences, rounded once rather than at every event.
_CONFIDENCE = {
    (s, t): round(0.5 + (0.2 if s else 0) + (0.2 if t else 0), 2) for s in (False, True) for t in (False, True)
}

