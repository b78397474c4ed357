"""MCL006 resource-limit: input that would take the loader past its limits, refused where it starts."""

from __future__ import annotations

from tests.rules.helpers import HEAD, reported

QUOTE = "quote it if it is text; no run field holds such a number"


def test_an_alias_inside_itself() -> None:
    assert reported(HEAD + "parameters: &a [*a]\n") == [
        ("MCL006", 6, 17, 6, 18, "alias *a refers to a collection that contains it", None)
    ]


def test_nesting_too_deep() -> None:
    text = HEAD + "parameters: " + "[" * 120 + "]" * 120 + "\n"
    assert reported(text) == [("MCL006", 6, 76, 6, 77, "nesting deeper than 64 levels", None)]


def test_a_number_too_long_to_read() -> None:
    assert reported(HEAD + "parameters:\n  a: " + "9" * 5000 + "\n") == [
        ("MCL006", 7, 6, 7, 7, "a number written with more than 4300 characters", QUOTE)
    ]


def test_the_same_number_quoted_is_text() -> None:
    assert reported(HEAD + 'parameters:\n  a: "' + "9" * 5000 + '"\n') == []
