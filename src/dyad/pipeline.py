"""The route, end to end: ingest → analyse → resolve → extract → store.

Read this first. ``code_article`` turns one cleaned ``Article`` into a ``Coded`` record (the
unit that is stored); ``code_batch`` is the plain "list of articles → list of results" function
that a process pool, Dask, Ray or Spark can all call; ``ingest`` drives the whole thing for the
CLI and the web app, accounting for every offered document.

>>> from dyad.ingest import article_from_text
>>> coded = code_article(article_from_text("Syria and Lebanon held talks on Sunday.", "a.txt"))
>>> [e.type for e in coded.events]
['CONSULT']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace

from spacy.tokens import Doc

from dyad.analyse.found import COUNTRY, PERSON, Found
from dyad.analyse.lexicon import Lexicon
from dyad.analyse.mentions import find_mentions
from dyad.analyse.nlp import SENTENCES_CUT, make_nlp
from dyad.analyse.tokens import Tokens
from dyad.errors import StoreError
from dyad.extract.events import Context, EventExtractor
from dyad.extract.triggers import Triggers
from dyad.ingest import CsvOptions, Limits, iter_documents, record_limits
from dyad.knowledge.loader import Knowledge
from dyad.resolve.actors import resolve_actors
from dyad.resolve.dates import find_dates
from dyad.resolve.linking import link_documents
from dyad.store import Store
from dyad.store.rows import Packed, pack
from dyad.types import Actor, Article, Coded, DateMention, IngestSummary, Mention, Rejection, Sentence


def code_article(
    article: Article, knowledge: Knowledge | None = None, model: str | None = None, limits: Limits = Limits()
) -> Coded:
    """Analyse one article: mentions, actors, dates and events, all with offsets into its text.

    Over-long sentences are cut at ``limits.max_sentence_tokens``; the article's notes then say so.
    """
    knowledge = knowledge or Knowledge.load()
    nlp = make_nlp(model, limits.max_sentence_tokens)
    doc = nlp(article.text)
    tokens = Tokens.of(doc)  # the token columns every rule reads, built once
    skip = _dateline_tokens(doc, article)
    hits = Lexicon.build(nlp, knowledge).hits(doc)
    found = find_mentions(doc, hits, knowledge, skip)
    default = _dateline_country(article, knowledge)
    actors = resolve_actors(found, knowledge, default)
    sentences = _sentences(tokens)
    dates = _dates(sentences, article)
    weights = _country_weights(found, default)
    context = Context(doc, article, found, knowledge, dates, weights, actors)
    events = EventExtractor(context).run(Triggers.build(nlp, knowledge))
    actors = _with_countries(actors, {k for e in events for k in e.source + e.target}, knowledge)
    cut = limits.sentences_cut(doc.user_data.get(SENTENCES_CUT, 0))
    article = replace(article, notes=article.notes + (cut,)) if cut else article
    return Coded(article, sentences, _mentions(tokens, found), tuple(actors), tuple(events), tuple(dates))


def code_batch(articles: Sequence[Article], model: str | None = None, limits: Limits = Limits()) -> list[Coded]:
    """The unit of parallel work: a plain function over a list of articles (picklable in and out)."""
    knowledge = Knowledge.load()
    return [code_article(a, knowledge, model, limits) for a in articles]


def pack_batch(articles: Sequence[Article], model: str | None = None, limits: Limits = Limits()) -> list[Packed]:
    """``code_batch`` with every record packed into the rows the store writes (``dyad.store.rows.pack``):
    what the engines send back to the single writer, cheaper to send and to store than ``Coded``."""
    return [pack(c) for c in code_batch(articles, model, limits)]


# Coded documents stored per transaction: a commit per document cost as much as storing it.
STORE_BATCH = 64


def ingest(
    paths: Sequence[str],
    store: Store,
    csv: CsvOptions | None = None,
    model: str | None = None,
    progress: Callable[[IngestSummary], None] | None = None,
    limits: Limits = Limits(),
) -> IngestSummary:
    """Read, code and store every document under ``paths``; every offered document is counted, and
    every stored one that hit a limit is listed in ``IngestSummary.limited``."""
    summary = IngestSummary()
    knowledge = Knowledge.load()
    new_ids: list[str] = []
    pending: list[Packed] = []
    try:
        for article in new_articles(iter_documents(paths, csv, limits), store, summary, progress):
            pending.append(pack(code_article(article, knowledge, model, limits)))
            if len(pending) == STORE_BATCH:
                new_ids += store_batch(pending, store, summary)
                pending = []
            if progress is not None:
                progress(summary)
        new_ids += store_batch(pending, store, summary)
    except BaseException:
        _keep_coded(pending, store, summary)
        raise
    if progress is not None:
        progress(summary)
    if new_ids:
        link_documents(store, new_ids)
    return summary


def new_articles(
    items: Iterable[Article | Rejection], store: Store, summary: IngestSummary,
    progress: Callable[[IngestSummary], None] | None = None,
) -> Iterator[Article]:
    """The articles to code; rejections and duplicates are counted (and rejections stored) here."""
    seen: set[str] = set()  # ids of this run: a corpus may hold the same text twice
    for item in items:
        summary.read += 1
        if isinstance(item, Rejection):
            store.add_rejection(item)
            summary.rejected.append(item)
        elif item.id in seen or store.has_document(item.id):
            summary.duplicate += 1
        else:
            seen.add(item.id)
            yield item
            continue
        if progress is not None:
            progress(summary)


def _keep_coded(pending: Sequence[Packed], store: Store, summary: IngestSummary) -> None:
    """On an error or an interrupt, store what was coded before it, one document at a time, up to
    the first that cannot be stored: the documents a run had finished are never lost to a batch."""
    for packed in pending:
        try:
            store_batch([packed], store, summary)
        except StoreError:
            return


def store_batch(batch: Sequence[Packed], store: Store, summary: IngestSummary) -> list[str]:
    """Store ``batch`` in one transaction and count it in ``summary``; the ids of the new documents."""
    new_ids: list[str] = []
    for packed, keys in zip(batch, store.add_packed_many(batch), strict=True):
        if keys is None:
            summary.duplicate += 1  # stored meanwhile by another writer
            continue
        new_ids.append(packed.id)
        summary.new += 1
        summary.events += len(packed.events)
        record_limits(summary, packed)
    return new_ids


def store_all(coded: Iterable[Coded], store: Store) -> None:
    batch = list(coded)
    ids = [c.article.id for c, keys in zip(batch, store.add_coded_many(batch), strict=True) if keys is not None]
    if ids:
        link_documents(store, ids)


# --- small steps of code_article ------------------------------------------------------------
def _dateline_tokens(doc: Doc, article: Article) -> set[int]:
    """Tokens that are never mentions: the dateline (where the story was filed) and the headline.

    A title-case headline ("French Envoy Discusses Counter-Terrorism with Haftar") reads like a
    string of names, and it repeats what the body says.
    """
    spans = [article.dateline_span] if article.dateline_span else []
    if article.title and article.text.startswith(article.title):
        spans.append((0, len(article.title)))
    tokens: set[int] = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            tokens.update(range(span.start, span.end))
    return tokens


def _dateline_country(article: Article, knowledge: Knowledge) -> str | None:
    """The country a story was filed from: a default for unqualified officials, never a place."""
    if not article.dateline:
        return None
    name = article.dateline.split(",")[-1].strip()
    country = knowledge.geo.country(name)
    if country:
        return country
    place = knowledge.geo.resolve(article.dateline.split(",")[0].strip().title())
    return place.country if place else None


def _dates(sentences: Sequence[Sentence], article: Article) -> list[DateMention]:
    found: list[DateMention] = []
    for sent in sentences:
        found += find_dates(sent.text, article.published, offset=sent.start)
    return found


def _country_weights(found: list[Found], default: str | None) -> Counter[str]:
    # A capital used as a metonym ("Tripoli") is itself ambiguous: it must not vote for its country.
    weights: Counter[str] = Counter(
        f.country for f in found if f.country and f.label in (COUNTRY, PERSON) and not f.metonym
    )
    if default:
        weights[default] += 2
    return weights


def _with_countries(actors: list[Actor], keys: set[str], knowledge: Knowledge) -> list[Actor]:
    """Country actors that events name only through a place ("visit Beirut")."""
    have = {a.key for a in actors}
    for key in sorted(keys - have):
        info = knowledge.geo.country_info(key)
        if info is not None:
            actors.append(Actor(key, info.name, "country", key))
    return actors


def _sentences(tokens: Tokens) -> tuple[Sentence, ...]:
    bounds = zip(tokens.sent_starts, tokens.sent_ends, strict=True)
    spans = [(tokens.idx[start], tokens.end_char(end - 1)) for start, end in bounds]
    return tuple(Sentence(n, start, end, tokens.text[start:end]) for n, (start, end) in enumerate(spans))


def _mentions(tokens: Tokens, found: list[Found]) -> tuple[Mention, ...]:
    return tuple(
        Mention(
            start=tokens.idx[f.start], end=tokens.end_char(f.end - 1), text=f.text, label=f.label,
            sentence=f.sentence, country=f.country, sector=f.sector, role=f.role, key=f.key,
        )
        for f in found
    )
