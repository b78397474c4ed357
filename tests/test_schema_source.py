"""The schema is the only source of field names and enum values: rule docs, messages and helps name
none that it does not have, and a field path they name (`compute.gpus`, `integrations[0].git_branch`)
is one the schema has."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from mcli_lint.compute.clusters import load_clusters
from mcli_lint.engine.lint import lint_text
from mcli_lint.rules import RULES
from mcli_lint.schema import run_schema

ROOT = Path(__file__).parent.parent
GOLDEN = ROOT / "tests" / "golden"

# A backticked name that reads as a field or a field path: `gpus`, `compute.gpus`, `image:`,
# `integrations[0].git_branch`.
FIELD_LIKE = re.compile(r"[a-z][a-z0-9_]*(?:\[\d+\])*(?:\.[a-z0-9_]+(?:\[\d+\])*)*:?")
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


def _resolved(node: Any) -> list[dict[str, Any]]:
    """A schema node and every branch it may take (its $ref, anyOf, oneOf, allOf, then, else), resolved."""
    if not isinstance(node, dict):
        return []
    if "$ref" in node:
        name = node["$ref"].removeprefix("#/definitions/")
        node = {**run_schema()["definitions"][name], **{k: v for k, v in node.items() if k != "$ref"}}
    found = [node]
    for key in ("anyOf", "oneOf", "allOf"):
        for branch in node.get(key, []):
            found += _resolved(branch)
    for key in ("then", "else"):
        found += _resolved(node.get(key))
    return found


FREE = "free"  # a mapping that takes any key (parameters, env_variables...): any path below it is the file's


def _step(nodes: list[dict[str, Any]], part: str) -> list[dict[str, Any]] | str:
    """The schema nodes one step (a key, or `[n]` into a list) below ``nodes``, or FREE."""
    below: list[dict[str, Any]] = []
    for node in (branch for n in nodes for branch in _resolved(n)):
        if part.startswith("["):
            below += _resolved(node.get("items"))
            continue
        properties = node.get("properties", {})
        if part in properties:
            below += _resolved(properties[part])
        elif node.get("type") == "object" and node.get("additionalProperties") is not False:
            return FREE
    return below


def _has_path(parts: list[str]) -> bool:
    """Whether the path is one of the schema's, from the top or from any field (docs say
    `mlflow.experiment_path` inside `experiment_tracker`)."""
    for start in SCHEMA_NODES:
        if not any(parts[0] in branch.get("properties", {}) for branch in _resolved(start)):
            continue  # a path starts at a field of the node, not in a mapping that takes any key
        nodes: list[dict[str, Any]] | str = [start]
        for part in parts:
            nodes = _step(nodes, part) if isinstance(nodes, list) else nodes
        if nodes == FREE or nodes:
            return True
    return False


def _nodes(schema: Any) -> Iterator[dict[str, Any]]:
    if isinstance(schema, dict):
        yield schema
        for value in schema.values():
            yield from _nodes(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _nodes(value)


SCHEMA_NODES = [run_schema(), *(n for n in _nodes(run_schema()) if "properties" in n or "$ref" in n)]


def _unknown_names(text: str, allowed: frozenset[str]) -> list[str]:
    unknown = []
    for token in re.findall(r"`([^`\s]+)`", text):
        if not FIELD_LIKE.fullmatch(token) or token in NOT_FIELD_PATHS:
            continue
        parts = [part for part in re.split(r"\.|(?=\[)", token.rstrip(":")) if part]
        names = [part for part in parts if not part.startswith("[")]
        if any(part not in allowed and part not in NOT_FIELDS for part in names):
            unknown.append(token)
        elif len(parts) > 1 and all(part in SCHEMA_WORDS for part in names) and not _has_path(parts):
            unknown.append(token)  # each name is the schema's, but not in this order
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
    for path in [*sorted(GOLDEN.glob("*.yaml")), *sorted((ROOT / "examples").glob("*.yaml"))]:
        yield path.name, path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "text"), list(_examples()), ids=[name for name, _ in _examples()])
def test_messages_name_only_schema_fields_or_the_files_own_keys(name: str, text: str) -> None:
    try:
        own = frozenset(_keys(yaml.safe_load(text)))
    except Exception:  # a file mcli cannot read (bad values raise KeyError or ValueError too)
        own = frozenset()
    allowed = SCHEMA_WORDS | own
    # With the shipped clusters, so that the MCL3xx rules speak too.
    found = lint_text(text, clusters=load_clusters(ROOT / "examples" / "clusters.json"))
    unknown = [(d.code, token) for d in found for token in _unknown_names(f"{d.message} {d.help or ''}", allowed)]
    assert unknown == []


def test_the_check_catches_a_name_the_schema_does_not_have() -> None:
    assert _unknown_names("use `compute.gpu_count` instead of `gpus`", SCHEMA_WORDS) == ["compute.gpu_count"]


@pytest.mark.parametrize(
    ("text", "unknown"),
    [
        ("`compute.gpus`, `scheduling.priority:`, `integrations[0].git_branch`", []),
        ("`parameters.name.image`, `env_variables.MY_VAR`, `mlflow.experiment_path`", []),
        ("`gpus.compute`, `scheduling.gpus`, `integrations[0].priority`", ["gpus.compute", "scheduling.gpus"]),
        ("`compute[0]`, `name.image`", ["compute[0]", "name.image"]),
    ],
)
def test_the_check_catches_a_path_the_schema_does_not_have(text: str, unknown: list[str]) -> None:
    assert _unknown_names(text, SCHEMA_WORDS) == unknown
