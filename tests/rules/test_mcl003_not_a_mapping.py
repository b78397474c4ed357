"""MCL003 not-a-mapping: a file whose top level is not a mapping of run fields, or is empty."""

from __future__ import annotations

import pytest

from tests.rules.helpers import HEAD, reported

MAPPING = "a run file is a mapping: `name:`, `image:`, `command:`, `compute:` …"


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_an_empty_file(text: str) -> None:
    assert reported(text) == [("MCL003", 1, 1, 1, 1, "the file is empty", None)]


def test_a_null_document() -> None:
    assert reported("~\n") == [("MCL003", 1, 1, 1, 1, "the file is empty: its only document is null", None)]


@pytest.mark.parametrize(("text", "kind"), [("just some text\n", "string"), ("- a\n- b\n", "list"), ("42\n", "number")])
def test_a_top_level_that_is_not_a_mapping(text: str, kind: str) -> None:
    assert reported(text) == [
        ("MCL003", 1, 1, 1, 2, f"the top level is a {kind}, not a mapping of run fields", MAPPING)
    ]


def test_a_mapping_is_not_reported() -> None:
    assert reported(HEAD, "MCL003") == []
