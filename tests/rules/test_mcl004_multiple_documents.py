"""MCL004 multiple-documents: a second YAML document, at the `---` that starts it."""

from __future__ import annotations

from tests.rules.helpers import HEAD, reported

WORDS = ("more than one YAML document: mcli reads exactly one run per file", "put each run in its own file")


def test_two_runs_in_one_file() -> None:
    assert reported(HEAD + "---\n" + HEAD) == [("MCL004", 6, 1, 6, 2, *WORDS)]


def test_an_empty_second_document_counts() -> None:
    assert reported(HEAD + "---\n") == [("MCL004", 6, 1, 6, 2, *WORDS)]


def test_one_document_with_its_start_and_end_markers_is_fine() -> None:
    assert reported("---\n" + HEAD + "...\n") == []
