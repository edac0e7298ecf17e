"""Field-level checks of a gold file: one actor, one event or negative, one list of pairs.

Each function takes ``where`` (e.g. ``"document 'a.txt', event 2"``) so its GoldError names the
exact place; unknown keys are errors because a misspelt ``"directed"`` would silently score wrong.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from dyad.errors import GoldError
from dyad.evaluate.gold import KINDS, GoldActor, GoldEvent
from dyad.evaluate.intervals import gold_interval, period

_ACTOR_KEYS = {"name", "kind", "country", "sector", "role", "aliases"}
_EVENT_KEYS = {"type", "actors", "directed", "date", "place", "core", "note"}
_NEGATIVE_KEYS = {"type", "actors", "directed", "date", "place_country", "note"}
_TYPE = re.compile(r"[A-Z]+")
_COUNTRY = re.compile(r"[A-Z]{3}")  # ISO 3166 alpha-3, or a CAMEO code such as IGO


def fields(body: Any, where: str, allowed: Collection[str], required: Collection[str]) -> dict[str, Any]:
    """``body`` as an object with only ``allowed`` keys and every ``required`` one."""
    if not isinstance(body, dict):
        raise GoldError(f"{where}: expected an object, found {type(body).__name__}")
    unknown = sorted(set(body) - set(allowed))
    if unknown:
        raise GoldError(f"{where}: unknown key {unknown[0]!r} (allowed: {', '.join(sorted(allowed))})")
    missing = sorted(set(required) - set(body))
    if missing:
        raise GoldError(f"{where}: missing key {missing[0]!r}")
    return body


def parse_actor(key: str, body: Any, where: str) -> GoldActor:
    """One entry of a document's ``actors``; a ``country`` actor must carry its code."""
    raw = fields(body, where, _ACTOR_KEYS, required={"name", "kind"})
    name, kind = _text(raw["name"], f"{where}, name"), raw["kind"]
    if kind not in KINDS:
        raise GoldError(f"{where}: kind must be one of {', '.join(KINDS)}, found {kind!r}")
    country = _code(raw.get("country"), f"{where}, country")
    if kind == "country" and country is None:
        raise GoldError(f"{where}: an actor of kind country needs its country code")
    sector = _optional_text(raw.get("sector"), f"{where}, sector")
    role = _optional_text(raw.get("role"), f"{where}, role")
    aliases = strings(raw.get("aliases") or [], f"{where}, aliases")
    return GoldActor(key, name, kind, country, sector, role, aliases)


def parse_event(body: Any, actors: dict[str, GoldActor], where: str, index: int, negative: bool) -> GoldEvent:
    """One entry of ``events``; with ``negative``, of ``negative`` (``"any"`` type, ``place_country``)."""
    raw = fields(body, where, _NEGATIVE_KEYS if negative else _EVENT_KEYS, required={"type", "actors"})
    keys = strings(raw["actors"], f"{where}, actors")
    if not keys:
        raise GoldError(f"{where}: actors must name at least one actor key")
    for key in keys:
        if key not in actors:
            raise GoldError(f"{where}: actor {key!r} is not among the document's actors")
    try:
        when = gold_interval(raw.get("date"))
    except (ValueError, TypeError) as exc:
        raise GoldError(f"{where}: bad date {raw.get('date')!r}: {exc}") from exc
    place = raw.get("place_country") if negative else _place(raw.get("place"), f"{where}, place")
    return GoldEvent(
        types=_types(raw["type"], where, allow_any=negative), actors=keys,
        directed=_flag(raw, "directed", False, where), date=when,
        place_country=_code(place, f"{where}, place country"), core=_flag(raw, "core", True, where),
        note=_note(raw.get("note"), f"{where}, note"), index=index)


def parse_published(value: Any, where: str) -> str | None:
    """The publication date: ``YYYY-MM-DD`` (or a coarser period), or null."""
    if value is None:
        return None
    try:
        period(value)
    except (ValueError, TypeError) as exc:
        raise GoldError(f"{where}: bad published date: {exc}") from exc
    return str(value)


def pairs(raw: Any, actors: dict[str, GoldActor], where: str) -> tuple[tuple[str, str], ...]:
    """A document's ``different``: pairs of its own actor keys."""
    if not isinstance(raw, list):
        raise GoldError(f"{where}: must be a list of [key, key] pairs")
    found: list[tuple[str, str]] = []
    for pair in raw:
        keys = strings(pair, where)
        if len(keys) != 2 or any(key not in actors for key in keys):
            raise GoldError(f"{where}: {pair!r} is not a pair of this document's actor keys")
        found.append((keys[0], keys[1]))
    return tuple(found)


def strings(raw: Any, where: str) -> tuple[str, ...]:
    """A list of non-empty strings."""
    if not isinstance(raw, list) or not all(isinstance(s, str) and s.strip() for s in raw):
        raise GoldError(f"{where}: must be a list of non-empty strings, found {raw!r}")
    return tuple(raw)


def _types(raw: Any, where: str, allow_any: bool) -> tuple[str, ...]:
    if allow_any and raw == "any":
        return ()
    listed = [raw] if isinstance(raw, str) else raw
    if not isinstance(listed, list) or not listed or not all(isinstance(t, str) and _TYPE.fullmatch(t)
                                                             for t in listed):
        extra = ' or "any"' if allow_any else ""
        raise GoldError(f"{where}: type must be a PLOVER type in capitals or a list of them{extra}, "
                        f"found {raw!r}")
    return tuple(listed)


def _place(raw: Any, where: str) -> str | None:
    if raw is None:
        return None
    place = fields(raw, where, {"name", "country"}, required={"country"})
    return place["country"]  # type: ignore[no-any-return]


def _flag(raw: dict[str, Any], key: str, default: bool, where: str) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        raise GoldError(f"{where}: {key} must be true or false, found {value!r}")
    return value


def _code(value: Any, where: str) -> str | None:
    if value is not None and not (isinstance(value, str) and _COUNTRY.fullmatch(value)):
        raise GoldError(f"{where}: a country code is three capital letters (ISO 3166 alpha-3), "
                        f"found {value!r}")
    return value


def _note(value: Any, where: str) -> str:
    if value is not None and not isinstance(value, str):
        raise GoldError(f"{where}: must be a string, found {value!r}")
    return value or ""


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise GoldError(f"{where}: must be a non-empty string, found {value!r}")
    return value


def _optional_text(value: Any, where: str) -> str | None:
    return None if value is None else _text(value, where)
