"""MCL214 unusual-value: a value the platform accepts but that is unlikely to be meant."""

from __future__ import annotations

from tests.rules.helpers import HEAD, reported

WHY = "the platform accepts it, but it is unlikely to be what you mean"


def test_negative_retries() -> None:
    assert reported(HEAD + "scheduling:\n  max_retries: -3\n") == [
        (
            "MCL214",
            7,
            16,
            7,
            18,
            f"`scheduling.max_retries` is -3; it should be at least 0: {WHY}",
            "write a value at least 0, or remove the line for the default",
        )
    ]


def test_a_zero_max_duration() -> None:
    assert reported(HEAD + "scheduling:\n  max_duration: 0\n") == [
        (
            "MCL214",
            7,
            17,
            7,
            18,
            f"`scheduling.max_duration` is 0; it should be greater than 0: {WHY}",
            "write a value greater than 0, or remove the line for the default",
        )
    ]


def test_usual_values() -> None:
    assert reported(HEAD + "scheduling:\n  max_retries: 0\n  max_duration: 1.5\n") == []
