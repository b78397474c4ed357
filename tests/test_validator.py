"""The compiled validator is the schema's, up to date, and agrees with jsonschema (the reference)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mcli_lint.schema.errors import detailed_errors, is_valid
from tests.strategies import run_configs

ROOT = Path(__file__).resolve().parent.parent


def test_generated_validator_is_up_to_date() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_validator.py"), "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False),
    st.sampled_from([8.0, -1.5, 0.0]),
    st.text(max_size=5),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    """A valid config with a few values anywhere replaced by anything."""
    config = draw(run_configs())
    for _ in range(draw(st.integers(0, 3))):
        target: Any = config
        path = []
        while isinstance(target, (dict, list)) and target and draw(st.booleans()):
            key = draw(st.sampled_from(sorted(target, key=str) if isinstance(target, dict) else range(len(target))))
            path.append(key)
            if not isinstance(target[key], (dict, list)) or not target[key]:
                break
            target = target[key]
        if isinstance(target, dict):
            target[draw(st.sampled_from([*target, "extra", "gpus", "integration_type"]))] = draw(VALUES)
        elif isinstance(target, list) and target:
            target[draw(st.integers(0, len(target) - 1))] = draw(VALUES)
    return config


@given(mutated())
def test_compiled_validator_agrees_with_jsonschema(config: dict[str, Any]) -> None:
    assert is_valid(config) == (detailed_errors(config) == [])


def test_integers_exclude_floats_and_booleans() -> None:
    base = {"name": "a", "image": "b", "command": "c"}
    assert is_valid({**base, "compute": {"gpus": 8}})
    assert not is_valid({**base, "compute": {"gpus": 8.0}})
    assert not is_valid({**base, "compute": {"gpus": True}})
    assert detailed_errors({**base, "compute": {"gpus": 8.0}})[0].keyword == "type"
