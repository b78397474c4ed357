"""MCL103 wrong-type: a value of the wrong type, at the value, with how to write the right one."""

from __future__ import annotations

import pytest

from mcli_lint.diagnostics import Applicability
from tests.rules.helpers import HEAD, fixed_alone, only_finding, reported

TOP = "name: run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\n"


def test_a_whole_float_where_an_integer_belongs() -> None:
    assert reported(TOP + "compute:\n  gpus: 8.0\n") == [
        ("MCL103", 5, 9, 5, 12, "`compute.gpus` must be an integer, not a number (8.0)", "write 8")
    ]


def test_a_quoted_boolean() -> None:
    assert reported(HEAD + "scheduling:\n  preemptible: 'true'\n") == [
        (
            "MCL103",
            7,
            16,
            7,
            22,
            "`scheduling.preemptible` must be a boolean (true or false), not a string ('true')",
            "remove the quotes: true",
        )
    ]


def test_a_mapping_where_a_list_belongs() -> None:
    assert reported(HEAD + "integrations:\n  integration_type: git_repo\n") == [
        (
            "MCL103",
            7,
            3,
            7,
            29,
            "`integrations` must be a list, not a mapping",
            "write a list: start each item with `- `",
        )
    ]


def test_no_hint_when_there_is_nothing_to_unquote() -> None:
    assert reported("name: [a]\nimage: b\ncommand: c\ncompute:\n  gpus: 1\n") == [
        ("MCL103", 1, 7, 1, 10, "`name` must be a string, not a list", None)
    ]


# ------------------------------------------------------------------------- the fix


@pytest.mark.parametrize(
    ("value", "after"),
    [('"8"', "8"), ("' 8 '", "8"), ("8.0", "8"), ("'+8'", "+8")],
    ids=["quoted", "spaces", "float", "sign"],
)
def test_mcl103_writes_the_number(value: str, after: str) -> None:
    text = TOP + f"compute:\n  gpus: {value}  # all of them\n"
    fix = only_finding(text, "MCL103").fix
    assert fix is not None and (fix.title, fix.applicability) == (f"Write {after}", Applicability.UNSAFE)
    assert fixed_alone(text, "MCL103") == TOP + f"compute:\n  gpus: {after}  # all of them\n"


def test_mcl103_writes_the_boolean() -> None:
    text = TOP + 'scheduling:\n  preemptible: "True"\n'
    assert fixed_alone(text, "MCL103") == TOP + "scheduling:\n  preemptible: true\n"


def test_mcl103_offers_nothing_yaml_would_read_otherwise() -> None:
    # `010` unquoted is 8 to YAML 1.1, and `1e3` a string: no fix says otherwise.
    assert only_finding(TOP + 'compute:\n  gpus: "010"\n', "MCL103").fix is None
    assert only_finding(TOP + "compute:\n  gpus: [8]\n", "MCL103").fix is None
