"""MCL204 env-name: where it reports, what it says, and what it leaves alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcli_lint.rules import mcl204_env_name as m204
from tests.rules.helpers import HEAD, env, findings


def test_the_head_is_clean() -> None:
    assert findings(m204.RULE, HEAD) == []


NAME_RULE = "use letters, digits and '_', not starting with a digit"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "  MY-VAR: x\n",
            (
                7,
                3,
                "`env_variables.MY-VAR` is not a valid environment variable name: it contains '-'",
                f"{NAME_RULE}, e.g. `MY_VAR`",
            ),
        ),
        (
            "  2FAST: x\n",
            (
                7,
                3,
                "`env_variables.2FAST` is not a valid environment variable name: it starts with a digit",
                f"{NAME_RULE}, e.g. `_2FAST`",
            ),
        ),
        (
            "  my var.x: x\n",
            (
                7,
                3,
                "`env_variables.my var.x` is not a valid environment variable name: it contains ' ', '.'",
                f"{NAME_RULE}, e.g. `my_var_x`",
            ),
        ),
        (
            '  "": x\n',
            (7, 3, "`env_variables` has an empty variable name", f"{NAME_RULE}, e.g. `_`"),
        ),
        (
            '  "A\\u200bB": x\n',
            (
                7,
                3,
                "`env_variables.A\\u200bB` is not a valid environment variable name: it contains '\\u200b'",
                f"{NAME_RULE}, e.g. `A_B`",
            ),
        ),
        (
            "  1: x\n",
            (
                7,
                3,
                "`env_variables` has the key `1`, which YAML reads as an integer, not an environment variable name",
                f"{NAME_RULE}, e.g. `_1`",
            ),
        ),
        (
            "  yes: x\n",
            (
                7,
                3,
                "`env_variables` has the key `yes`, which YAML reads as a boolean, not an environment variable name",
                'quote it to keep it a name: "yes"',
            ),
        ),
        (
            "  - key: MY-VAR\n    value: x\n",
            (
                7,
                10,
                "`env_variables[0].key` 'MY-VAR' is not a valid environment variable name: it contains '-'",
                f"{NAME_RULE}, e.g. `MY_VAR`",
            ),
        ),
    ],
)
def test_204_invalid_names(body: str, expected: tuple[int, int, str, str]) -> None:
    assert findings(m204.RULE, env(body)) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        "  MY_VAR: x\n  _x: y\n  a1: z\n",
        "  - key: MY_VAR\n    value: x\n",
        "  - key: 1\n    value: x\n",  # a non-string `key` is a type error, reported elsewhere
        "  - not-a-mapping\n",
        "  {}\n",
    ],
)
def test_204_passes(body: str) -> None:
    assert findings(m204.RULE, env(body)) == []


@given(st.from_regex(r"[A-Za-z_][A-Za-z0-9_]*", fullmatch=True))
def test_204_valid_names(name: str) -> None:
    assert m204.is_env_name(name)
