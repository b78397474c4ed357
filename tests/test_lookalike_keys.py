"""A key that mixes Latin letters with lookalikes from another script is escaped and its letters named."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcli_lint.commands import EXIT_FINDINGS
from mcli_lint.text import field_name, lookalikes, spell
from tests.cli_helpers import run


def test_a_cyrillic_a_in_name_is_escaped_and_named(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "a.yaml").write_text("n\u0430me: a\nimage: b\ncommand: c\ncompute:\n  g\u0440us: 1\n")
    assert run(["check", "--no-show-source", "a.yaml"], capsys)[:2] == (
        EXIT_FINDINGS,
        "a.yaml:1:1: MCL102 unknown field `n\\u0430me` (U+0430 CYRILLIC SMALL LETTER A) at the top level;"
        " did you mean `name`? `name` is required\n"
        "  help: rename it to `name`\n"
        "a.yaml:5:3: MCL102 unknown field `g\\u0440us` (U+0440 CYRILLIC SMALL LETTER ER) in `compute`;"
        " did you mean `gpus`?\n"
        "  help: rename it to `gpus`\n"
        "Found 2 errors and 0 warnings in 1 file.\n",
    )


@pytest.mark.parametrize("word", ["name", "café", "名前", "Ωμέγα", "gpus_2"])
def test_words_in_one_script_and_accented_latin_are_shown_as_written(word: str) -> None:
    assert (lookalikes(word), spell(word)) == ([], word)


def test_paths_spell_lookalike_keys() -> None:
    assert field_name(("parameters", "\u0430\u0440i_key", 0)) == "parameters.\\u0430\\u0440i_key[0]"
