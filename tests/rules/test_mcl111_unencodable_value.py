"""MCL111 unencodable-value: a value or key mcli cannot send as JSON, or sends as something else."""

from __future__ import annotations

from tests.rules.helpers import HEAD, reported

CRASH = "mcli 0.8.3 crashes (TypeError) turning the run into JSON"


def parameters(body: str) -> str:
    return HEAD + "parameters:\n" + body


def test_a_timestamp() -> None:
    assert reported(parameters("  t: 2024-01-05 10:00:00\n")) == [
        (
            "MCL111",
            7,
            6,
            7,
            25,
            f"`parameters.t` is a timestamp: {CRASH}",
            'quote it to send the text: "2024-01-05 10:00:00"',
        )
    ]


def test_binary_data_and_a_set() -> None:
    assert reported(parameters("  blob: !!binary aGk=\n  s: !!set {a, b}\n")) == [
        ("MCL111", 7, 9, 7, 22, f"`parameters.blob` is binary data: {CRASH}", 'quote it to send the text: "aGk="'),
        ("MCL111", 8, 6, 8, 18, f"`parameters.s` is a set: {CRASH}", "write text, a number or a list"),
    ]


def test_not_a_number() -> None:
    assert reported(parameters("  v: .nan\n")) == [
        (
            "MCL111",
            7,
            6,
            7,
            10,
            "`parameters.v` is .nan: JSON has no NaN or infinity,"
            " so mcli 0.8.3 sends a request the platform cannot read",
            'write a finite number, or quote it to send the text: ".nan"',
        )
    ]


def test_a_key_json_turns_into_text() -> None:
    assert reported(parameters("  1: a\n")) == [
        (
            "MCL111",
            7,
            3,
            7,
            4,
            'the key `1` in `parameters` is read by YAML 1.1 as an integer; JSON sends it as the text "1"',
            'quote the key: "1"',
        )
    ]


def test_quoted_values_are_sent_as_text() -> None:
    assert reported(parameters("  t: '2024-01-05'\n  '1': a\n  v: '.nan'\n")) == []
