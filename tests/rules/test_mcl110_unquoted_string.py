"""MCL110 unquoted-string: a string field written as a number or boolean that reads back as the same
text, and the fix that quotes it."""

from __future__ import annotations

import pytest

from mcli_lint.config import Config
from mcli_lint.diagnostics import Applicability
from mcli_lint.engine.fix import fix_text
from tests.rules.helpers import HEAD, fixed_alone, only_finding, reported

TOP = "name: run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\n"


@pytest.mark.parametrize(
    ("value", "kind", "end"), [("true", "a boolean", 14), ("0.5", "a number", 13), ("42", "an integer", 12)]
)
def test_env_values_written_as_other_types(value: str, kind: str, end: int) -> None:
    assert reported(HEAD + f"env_variables:\n  DEBUG: {value}\n") == [
        (
            "MCL110",
            7,
            10,
            7,
            end,
            f"`env_variables.DEBUG` is a string written as {kind}: mcli sends `{value}` unquoted",
            f'quote it: "{value}"',
        )
    ]


def test_a_gpu_type_written_as_a_number() -> None:
    assert reported(TOP + "compute:\n  gpus: 8\n  gpu_type: 3090\n") == [
        (
            "MCL110",
            6,
            13,
            6,
            17,
            "`compute.gpu_type` is a string written as an integer: mcli sends `3090` unquoted",
            'quote it: "3090"',
        )
    ]


def test_the_fix_quotes_it_and_keeps_the_comment() -> None:
    outcome = fix_text(HEAD + "env_variables:\n  DEBUG: true  # verbose logs\n", Config(), unsafe=True)
    assert (outcome.text, outcome.fixed) == (
        HEAD + 'env_variables:\n  DEBUG: "true"  # verbose logs\n',
        ("MCL110 /env_variables/DEBUG",),
    )


# ------------------------------------------------------------------------- the fix


def test_mcl110_quotes_a_number_that_keeps_its_text() -> None:
    text = TOP + "env_variables:\n  HF_HUB_ENABLE_HF_TRANSFER: 1\n"
    fix = only_finding(text, "MCL110").fix
    assert fix is not None and (fix.title, fix.applicability) == ('Quote it: "1"', Applicability.UNSAFE)
    assert fixed_alone(text, "MCL110") == text.replace(": 1\n", ': "1"\n')
