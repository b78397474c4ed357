"""The schema is the only source of field names and enum values: rule docs and messages name none
that it does not have."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from mcli_lint.engine.lint import lint_text
from mcli_lint.rules import RULES
from mcli_lint.schema import run_schema

GOLDEN = Path(__file__).parent / "golden"

# A backticked name that reads as a field or a field path: `gpus`, `compute.gpus`, `image:`.
FIELD_LIKE = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*:?")
# Backticked words in the docs that are not fields: YAML 1.1 scalars, a deliberate typo shown as
# an example, Python and digest words.
NOT_FIELDS = frozenset({"yes", "no", "on", "off", "true", "false", "null", "enviroment_variables", "sha256"})
NOT_FIELD_PATHS = frozenset({"yaml.safe_load"})


def _walk(schema: Any) -> Iterator[str]:
    """Every property name, enum value, const and example string anywhere in the schema."""
    if isinstance(schema, dict):
        yield from schema.get("properties", {})
        for key in ("enum", "examples", "x-platform-set"):
            yield from (str(value) for value in schema.get(key, []) or [])
        # Old names and aliases mcli still meets in run files are the schema's words too.
        for key in ("x-old-names", "x-aliases"):
            yield from schema.get(key, {})
        if "const" in schema:
            yield str(schema["const"])
        for value in schema.values():
            yield from _walk(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _walk(value)


SCHEMA_WORDS = frozenset(_walk(run_schema()))


def _unknown_names(text: str, allowed: frozenset[str]) -> list[str]:
    unknown = []
    for token in re.findall(r"`([^`\s]+)`", text):
        if not FIELD_LIKE.fullmatch(token) or token in NOT_FIELD_PATHS:
            continue
        parts = [part for part in token.rstrip(":").split(".") if part]
        unknown += [token for part in parts if part not in allowed and part not in NOT_FIELDS]
    return unknown


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_rule_docs_name_only_schema_fields(rule: Any) -> None:
    prose = re.sub(r"```.*?```", "", rule.doc, flags=re.S)
    assert _unknown_names(prose, SCHEMA_WORDS) == []


def _keys(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield str(key)
            yield from _keys(value)
    elif isinstance(data, list):
        for value in data:
            yield from _keys(value)


def _examples() -> Iterator[tuple[str, str]]:
    for rule in RULES:
        for index, block in enumerate(re.findall(r"```yaml\n(.*?)```", rule.doc, flags=re.S)):
            yield f"{rule.code}-{index}", block
    for path in sorted(GOLDEN.glob("*.yaml")):
        yield path.name, path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "text"), list(_examples()), ids=[name for name, _ in _examples()])
def test_messages_name_only_schema_fields_or_the_files_own_keys(name: str, text: str) -> None:
    try:
        own = frozenset(_keys(yaml.safe_load(text)))
    except Exception:  # a file mcli cannot read (bad values raise KeyError or ValueError too)
        own = frozenset()
    allowed = SCHEMA_WORDS | own
    unknown = [(d.code, token) for d in lint_text(text) for token in _unknown_names(d.message, allowed)]
    assert unknown == []


def test_the_check_catches_a_name_the_schema_does_not_have() -> None:
    assert _unknown_names("use `compute.gpu_count` instead of `gpus`", SCHEMA_WORDS) == ["compute.gpu_count"]
