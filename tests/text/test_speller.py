"""The compiled speller gives pyspellchecker's own answers (`SpellChecker(distance=1)`), read
from the compiled lexicon file instead of the package's word list."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.budget import examples

from followthrough.text import lexicons
from followthrough.text.speller import CompiledSpeller, PackageSpeller


@functools.cache
def _both() -> tuple[CompiledSpeller, PackageSpeller]:
    small, words, _ = lexicons._read_cached()
    assert words.compiled, "the test machine writes the compiled file"
    fast = CompiledSpeller(words, small["letters"], small["longest"], small["frequent_floor"])
    return fast, PackageSpeller()


SLIPS = [
    "recieve", "oppertunity", "definately", "Adeyemi", "tommorow", "untill", "dissapointing",
    "teh", "a", "I", "!", "3.5", "nan", "Infinity", "colour", "organisation", "xyzzyq", "ok",
    "it's", "don't", "Ngā", "résumé", "interveiw", "grateful", "greatful", "a" * 40, "", "e-mail",
]  # fmt: skip


@pytest.mark.parametrize("word", SLIPS)
def test_the_same_candidates_as_the_package(word: str) -> None:
    fast, package = _both()
    assert fast.candidates(word) == package.candidates(word)
    assert (word in fast) == (word in package)


def test_the_same_counts_and_frequent_floor() -> None:
    fast, package = _both()
    sample = ["the", "receive", "opportunity", "zymurgy", "colour", "notaword"]
    assert fast.counts(sample) == package.counts(sample)
    assert fast.count("the") == package.count("the") > 0
    assert fast.floor == package.floor > 0


@settings(max_examples=examples(60, 400), deadline=None)
@given(st.text(alphabet=st.sampled_from("abcdeilnorstuyAEIOU'-.1 "), min_size=0, max_size=12))
def test_any_word_gets_the_packages_candidates(word: str) -> None:
    fast, package = _both()
    assert fast.candidates(word) == package.candidates(word)

