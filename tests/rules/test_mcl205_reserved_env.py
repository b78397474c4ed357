"""MCL205 reserved-env: where it reports, what it says, and what it leaves alone."""

from __future__ import annotations

import pytest

from mcli_lint.rules import mcl205_reserved_env as m205
from mcli_lint.schema import platform_env
from tests.rules.helpers import HEAD, env, findings, where_and_what


def test_the_head_is_clean() -> None:
    assert findings(m205.RULE, HEAD) == []


def test_205_mapping_form_points_at_the_key() -> None:
    assert findings(m205.RULE, env('  MESSAGE: hi\n  WORLD_SIZE: "8"\n')) == [
        (
            8,
            3,
            "`env_variables.WORLD_SIZE` is a variable the platform sets itself; your value will clash with it",
            "remove it, or rename it (e.g. `MY_WORLD_SIZE`) if it is a variable of your own",
        )
    ]


def test_205_list_form_points_at_the_name() -> None:
    assert where_and_what(m205.RULE, env("  - key: RUN_NAME\n    value: x\n")) == [
        (
            7,
            10,
            "`env_variables[0].key` (RUN_NAME) is a variable the platform sets itself; your value will clash with it",
        )
    ]


@pytest.mark.parametrize("name", sorted(platform_env()))
def test_205_every_platform_variable(name: str) -> None:
    assert len(findings(m205.RULE, env(f"  {name}: x\n"))) == 1


@pytest.mark.parametrize("body", ["  world_size: x\n", "  MY_WORLD_SIZE: x\n", "  1: x\n", "  - key: 3\n"])
def test_205_passes(body: str) -> None:
    assert findings(m205.RULE, env(body)) == []
