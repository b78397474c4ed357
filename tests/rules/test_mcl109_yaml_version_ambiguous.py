"""MCL109 yaml-version-ambiguous: a plain value YAML 1.1 (mcli) and YAML 1.2 tools read differently."""

from __future__ import annotations

from tests.rules.helpers import HEAD, reported


def parameters(body: str) -> str:
    return HEAD + "parameters:\n" + body


def test_an_octal_and_an_underscored_number() -> None:
    assert reported(parameters("  a: 0o17\n  b: 1_000\n")) == [
        (
            "MCL109",
            7,
            6,
            7,
            10,
            "`0o17` is the string '0o17' to mcli (YAML 1.1) but the number 15 to YAML 1.2 tools",
            'write 15 for the number, or "0o17" for the string',
        ),
        (
            "MCL109",
            8,
            6,
            8,
            11,
            "`1_000` is 1000 to mcli (YAML 1.1) but a string to YAML 1.2 tools",
            'write 1000, or "1_000" for the string',
        ),
    ]


def test_a_yes_and_a_sexagesimal() -> None:
    assert reported(parameters("  flag: yes\n  t: 1:30\n")) == [
        (
            "MCL109",
            7,
            9,
            7,
            12,
            "`yes` is true to mcli (YAML 1.1) but the string 'yes' to YAML 1.2 tools",
            'write true, or "yes" for the string',
        ),
        (
            "MCL109",
            8,
            6,
            8,
            10,
            "`1:30` is 90 to mcli (YAML 1.1) but a string to YAML 1.2 tools",
            'write 90, or "1:30" for the string',
        ),
    ]


def test_values_both_versions_agree_on() -> None:
    assert reported(parameters("  a: 15\n  b: true\n  c: '1:30'\n  d: 0.0001\n")) == []
