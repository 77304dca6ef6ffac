"""The vectorised language decision is py3langid's, for any text."""
from __future__ import annotations

import pathlib
import random

import numpy
import py3langid

from digest import langscore

FIXTURES = pathlib.Path(__file__).resolve().parent / "fixtures"


def _fixture_paragraphs() -> list[str]:
    texts: list[str] = []
    for path in sorted(FIXTURES.rglob("*.txt")):
        raw = path.read_bytes().decode("utf-8", errors="replace")
        texts += [p.strip() for p in raw.split("\n\n") if p.strip()]
    return texts


def _odd_texts() -> list[str]:
    rnd = random.Random(7)
    noise = ["".join(chr(rnd.randrange(1, 0x3000)) for _ in range(rnd.randrange(1, 60))) for _ in range(300)]
    return ["", "a", "ab", "Ünïcödé", "SHOUTED HEADLINE IN CAPITALS", "日本語の段落です。", "Привет, мир!",
            "Wij gaan graag met u in gesprek over de uitdagingen.", "Der Bürgermeister eröffnete die Brücke.",
            "El alcalde inauguró el puente nuevo ayer.", "x" * 500, *noise]


def test_the_model_is_an_aho_corasick_automaton():
    assert langscore.automaton_mismatches(langscore.load()) == 0


def test_same_language_as_py3langid_alone_and_in_batches():
    texts = _fixture_paragraphs() + _odd_texts()
    expected = [py3langid.classify(t)[0] for t in texts]
    assert langscore.classify_many(texts) == expected
    assert [langscore.classify_many([t])[0] for t in texts[:200]] == expected[:200]
    assert {"en", "nl", "de", "es"} <= set(expected) and len(set(expected)) > 20   # many scripts and languages


def test_a_prepared_model_gives_py3langid_answers_and_a_missing_one_falls_back(tmp_path, monkeypatch):
    texts = _fixture_paragraphs()[:300] + _odd_texts()
    expected = [py3langid.classify(t)[0] for t in texts]
    monkeypatch.setattr(langscore, "prepared_dir", lambda: tmp_path / "model")
    assert langscore._load_prepared() is None            # nothing prepared: the build falls back
    assert langscore.prepare() == tmp_path / "model"
    prepared = langscore._load_prepared()
    assert prepared is not None and isinstance(prepared.table, numpy.memmap)
    assert prepared.classify_many(texts) == expected
    (tmp_path / "model" / "table.npy").write_bytes(b"truncated")
    assert langscore._load_prepared() is None            # a damaged copy is not used either
