"""The disk cache of built knowledge and lexicons: found again only for the same inputs, never stale."""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from dyad.analyse import lexicon
from dyad.analyse.nlp import make_nlp
from dyad.knowledge import built, loader
from dyad.knowledge.loader import DATA, Knowledge


class Builder:
    """A build function that counts its calls."""

    def __init__(self, value: object = "built") -> None:
        self.value = value
        self.calls = 0

    def __call__(self, built_from: str) -> object:
        self.calls += 1
        self.built_from = built_from
        return self.value


def key(value: str) -> Callable[[], str]:
    return lambda: value


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("DYAD_CACHE_DIR", str(cache))
    return cache


def test_built_once_then_read_back(folder: Path) -> None:
    build = Builder({"a": 1})
    assert built.load_or_build("thing", key("k1"), dict, build) == {"a": 1}
    assert built.load_or_build("thing", key("k1"), dict, build) == {"a": 1}
    assert build.calls == 1
    assert [p.name for p in folder.iterdir()] == ["thing-k1.pickle"]
    assert folder.stat().st_mode & 0o777 == 0o700


def test_another_key_is_built_again(folder: Path) -> None:
    build = Builder()
    built.load_or_build("thing", key("k1"), str, build)
    built.load_or_build("thing", key("k2"), str, build)
    assert build.calls == 2


@pytest.mark.parametrize("content", [b"not a pickle", pickle.dumps(["a list, not a str"]), b""])
def test_unreadable_or_foreign_file_is_rebuilt_and_replaced(folder: Path, content: bytes) -> None:
    folder.mkdir(mode=0o700)
    (folder / "thing-k1.pickle").write_bytes(content)
    build = Builder()
    assert built.load_or_build("thing", key("k1"), str, build) == "built"
    assert build.calls == 1
    assert pickle.loads((folder / "thing-k1.pickle").read_bytes()) == "built"


def test_a_cut_file_is_reported(folder: Path, caplog: pytest.LogCaptureFixture) -> None:
    folder.mkdir(mode=0o700)
    (folder / "thing-k1.pickle").write_bytes(pickle.dumps("x" * 100)[:20])
    with caplog.at_level(logging.WARNING, logger="dyad.knowledge"):
        built.load_or_build("thing", key("k1"), str, Builder())
    assert "cannot read the cached thing-k1.pickle" in caplog.text


@pytest.mark.parametrize("setting", ["off", "", "0"])
def test_off_builds_every_time_and_writes_nothing(setting: str, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYAD_CACHE_DIR", setting)
    monkeypatch.chdir(tmp_path)
    build = Builder()
    built.load_or_build("thing", key("k1"), str, build)
    built.load_or_build("thing", key("k1"), str, build)
    assert build.calls == 2
    assert list(tmp_path.iterdir()) == []


def test_default_folder_is_under_the_user_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DYAD_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert built.cache_folder() == tmp_path / "dyad"


def test_a_folder_that_cannot_be_made_only_costs_a_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "file").write_text("in the way")
    monkeypatch.setenv("DYAD_CACHE_DIR", str(tmp_path / "file" / "cache"))
    build = Builder()
    with caplog.at_level(logging.WARNING, logger="dyad.knowledge"):
        assert built.load_or_build("thing", key("k1"), str, build) == "built"
    assert "cannot keep thing-k1.pickle" in caplog.text
    assert build.calls == 1


def test_a_folder_others_may_write_is_never_read(folder: Path) -> None:
    folder.mkdir()
    (folder / "thing-k1.pickle").write_bytes(pickle.dumps("planted"))
    os.chmod(folder, 0o777)
    build = Builder()
    assert built.load_or_build("thing", key("k1"), str, build) == "built"
    assert pickle.loads((folder / "thing-k1.pickle").read_bytes()) == "planted"  # not written either


def test_only_the_newest_files_of_a_kind_are_kept(folder: Path) -> None:
    for n in range(5):
        built.load_or_build("thing", key(f"k{n}"), str, Builder())
        os.utime(folder / f"thing-k{n}.pickle", (n, n))  # one second apart, oldest first
    built.load_or_build("other", key("k"), str, Builder())
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["other-k.pickle", "thing-k2.pickle", "thing-k3.pickle", "thing-k4.pickle"]


def test_folder_digest_sees_names_and_contents(tmp_path: Path) -> None:
    (tmp_path / "titles.tsv").write_text("envoy\t-\tdiplomat\n")
    first = built.folder_digest(tmp_path)
    (tmp_path / "titles.tsv").write_text("envoy\tGOV\tdiplomat\n")
    second = built.folder_digest(tmp_path)
    (tmp_path / "titles.tsv").rename(tmp_path / "titles2.tsv")
    assert len({first, second, built.folder_digest(tmp_path)}) == 3


def test_cached_knowledge_is_the_knowledge_built(folder: Path) -> None:
    fresh = loader._load.__wrapped__(DATA)  # built: the cache folder is empty
    again = loader._load.__wrapped__(DATA)  # read back
    assert fresh is not again and fresh.built_from == again.built_from != ""
    assert list(folder.glob("knowledge-*.pickle"))
    assert again.codes == fresh.codes and again.titles == fresh.titles and again.orgs == fresh.orgs
    assert again.geo.resolve("Tripoli", {"LBN": 3.0}) == fresh.geo.resolve("Tripoli", {"LBN": 3.0})
    assert list(again.geo.place_terms()) == list(fresh.geo.place_terms())


def test_own_data_folder_changes_the_key(folder: Path, tmp_path: Path) -> None:
    own = tmp_path / "own"
    own.mkdir()
    (own / "titles.tsv").write_text("envoy\t-\tdiplomat\n")
    first = loader._load.__wrapped__(own)
    (own / "titles.tsv").write_text("envoy\t-\tdiplomat\nconsul\t-\tdiplomat\n")
    second = loader._load.__wrapped__(own)
    assert first.built_from != second.built_from
    assert "consul" in second.titles and "consul" not in first.titles


def test_lexicon_cached_per_knowledge_and_tokenizer(folder: Path, knowledge: Knowledge) -> None:
    nlp = make_nlp()
    first = lexicon._build.__wrapped__(nlp, knowledge)
    again = lexicon._build.__wrapped__(nlp, knowledge)
    assert len(list(folder.glob("lexicon-*.pickle"))) == 1
    doc = nlp("French President Emmanuel Macron met Libyan National Army officers in Tripoli.")
    assert again.hits(doc) == first.hits(doc)
    other = make_nlp(max_sentence_tokens=50)  # another pipeline object, the same tokenizer settings
    lexicon._build.__wrapped__(other, knowledge)
    assert len(list(folder.glob("lexicon-*.pickle"))) == 1
    other.tokenizer.add_special_case("Macron", [{"ORTH": "Mac"}, {"ORTH": "ron"}])
    lexicon._build.__wrapped__(other, knowledge)
    assert len(list(folder.glob("lexicon-*.pickle"))) == 2


def test_knowledge_changed_with_replace_gets_its_own_lexicon(folder: Path, knowledge: Knowledge) -> None:
    nlp = make_nlp()
    lexicon._build.__wrapped__(nlp, knowledge)  # the shipped knowledge's lexicon, now in the cache
    mine = replace(knowledge, sector_nouns={**knowledge.sector_nouns, "zorblaxers": "REB"})
    assert mine.built_from == ""  # other knowledge: not what the digest stands for
    hits = lexicon._build.__wrapped__(nlp, mine).hits(nlp("The zorblaxers attacked the town."))
    assert [(h.label, h.value) for h in hits] == [("SECTOR", "REB")]
    assert len(list(folder.glob("lexicon-*.pickle"))) == 1  # hand-made knowledge is never cached


def test_inputs_changed_during_the_build_are_not_kept(folder: Path) -> None:
    digests = iter(["before", "after"])
    build = Builder()
    assert built.load_or_build("thing", lambda: next(digests), str, build) == "built"
    assert build.built_from == "before" and not list(folder.glob("*.pickle"))


def test_the_build_learns_its_key_and_nothing_with_the_cache_off(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build = Builder()
    built.load_or_build("thing", key("k1"), str, build)
    assert build.built_from == "k1"
    monkeypatch.setenv("DYAD_CACHE_DIR", "off")
    built.load_or_build("thing", key("k1"), str, build)
    assert build.built_from == ""


def test_inputs_that_cannot_be_read_mean_no_cache(folder: Path) -> None:
    def unreadable() -> str:
        raise PermissionError("data folder")

    build = Builder()
    assert built.load_or_build("thing", unreadable, str, build) == "built"
    assert build.built_from == "" and not folder.exists()


def test_a_link_in_the_cache_is_not_followed(folder: Path, tmp_path: Path) -> None:
    folder.mkdir(mode=0o700)
    (tmp_path / "elsewhere.pickle").write_bytes(pickle.dumps("planted"))
    (folder / "thing-k1.pickle").symlink_to(tmp_path / "elsewhere.pickle")
    assert built.load_or_build("thing", key("k1"), str, Builder()) == "built"


def test_a_file_others_may_write_is_not_read(folder: Path) -> None:
    folder.mkdir(mode=0o700)
    (folder / "thing-k1.pickle").write_bytes(pickle.dumps("planted"))
    os.chmod(folder / "thing-k1.pickle", 0o666)
    assert built.load_or_build("thing", key("k1"), str, Builder()) == "built"


def test_a_file_read_counts_as_recently_used(folder: Path) -> None:
    built.load_or_build("thing", key("k1"), str, Builder())
    os.utime(folder / "thing-k1.pickle", (0, 0))
    built.load_or_build("thing", key("k1"), str, Builder())
    assert (folder / "thing-k1.pickle").stat().st_mtime > 0


def test_files_left_half_written_are_cleared_once_old(folder: Path) -> None:
    folder.mkdir(mode=0o700)
    (folder / "old.part").write_bytes(b"x")
    (folder / "recent.part").write_bytes(b"x")
    os.utime(folder / "old.part", (0, 0))
    built.load_or_build("thing", key("k1"), str, Builder())
    assert sorted(p.name for p in folder.iterdir()) == ["recent.part", "thing-k1.pickle"]
