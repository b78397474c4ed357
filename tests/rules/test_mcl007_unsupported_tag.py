"""MCL007 unsupported-tag: a tag mcli's safe loader refuses, at the tag."""

from __future__ import annotations

from tests.rules.helpers import HEAD, reported

REMOVE = "remove the tag; run files hold plain data"


def test_a_python_tag() -> None:
    assert reported(HEAD + "parameters:\n  x: !!python/name:os.system\n") == [
        ("MCL007", 7, 6, 7, 7, "tag !!python/name:os.system is not one mcli's safe loader accepts", REMOVE)
    ]


def test_a_local_tag_on_a_mapping() -> None:
    assert reported(HEAD + "parameters: !custom {a: 1}\n") == [
        ("MCL007", 6, 13, 6, 14, "tag !custom is not one mcli's safe loader accepts", REMOVE)
    ]


def test_a_standard_tag_is_accepted() -> None:
    assert reported(HEAD + "parameters:\n  x: !!str 1\n") == []
