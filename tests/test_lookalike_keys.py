"""A key that mixes Latin letters with lookalikes from another script is escaped and its letters named
(MCL102's words for such a key: tests/rules/test_mcl102_unknown_field.py)."""

from __future__ import annotations

import pytest

from mcli_lint.text import field_name, lookalikes, spell


@pytest.mark.parametrize("word", ["name", "café", "名前", "Ωμέγα", "gpus_2"])
def test_words_in_one_script_and_accented_latin_are_shown_as_written(word: str) -> None:
    assert (lookalikes(word), spell(word)) == ([], word)


def test_paths_spell_lookalike_keys() -> None:
    assert field_name(("parameters", "\u0430\u0440i_key", 0)) == "parameters.\\u0430\\u0440i_key[0]"
