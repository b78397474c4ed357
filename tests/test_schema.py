"""The schema is valid draft-07, written for people, and agrees with the real client's models."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_type_hints

import jsonschema
import pytest

from mcli_lint.schema import definition, integration_schemas, integration_types, resolve, run_schema, schema_path

ROOT = Path(__file__).resolve().parent.parent


def test_schema_passes_the_draft07_metaschema() -> None:
    schema = run_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)


def test_the_source_checkout_uses_the_top_level_schema() -> None:
    assert json.loads(schema_path().read_text()) == json.loads((ROOT / "schema" / "run.schema.json").read_text())


def properties(schema: dict[str, Any], where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    for name, spec in schema.get("properties", {}).items():
        yield f"{where}.{name}", spec
        yield from properties(resolve(spec), f"{where}.{name}")
    for key in ("items", "additionalProperties"):
        sub = schema.get(key)
        if isinstance(sub, dict):
            yield from properties(resolve(sub), f"{where}[]")
    for branch in schema.get("anyOf", []):
        yield from properties(resolve(branch), where)


def every_property() -> list[tuple[str, dict[str, Any]]]:
    schema = run_schema()
    found = list(properties(schema))
    for name, spec in schema["definitions"].items():
        found.extend(properties(spec, f"#{name}"))
    return found


@pytest.mark.parametrize(("where", "spec"), every_property(), ids=[w for w, _ in every_property()])
def test_every_property_is_described_for_people(where: str, spec: dict[str, Any]) -> None:
    for key in ("title", "description", "markdownDescription"):
        assert isinstance(spec.get(key), str) and spec[key].strip(), f"{where} lacks {key}"
    if "enum" in spec:
        assert len(spec.get("enumDescriptions", [])) == len(spec["enum"])


def test_schema_agrees_with_the_real_client() -> None:
    """Every field mcli's RunConfig, ComputeConfig and SchedulingConfig take is in the schema."""
    from dataclasses import fields

    from mcli.models.run_config import RunConfig
    from mcli.utils.utils_config import ComputeConfig, SchedulingConfig

    schema = run_schema()
    run_fields = {f.name for f in fields(RunConfig) if not f.name.startswith("_")}
    assert run_fields <= set(schema["properties"])
    assert set(get_type_hints(ComputeConfig)) == set(definition("compute")["properties"])
    assert set(get_type_hints(SchedulingConfig)) | {"watchdogEnabled"} == set(definition("scheduling")["properties"])


def test_integration_branches_cover_every_type() -> None:
    assert sorted(integration_schemas()) == sorted(integration_types())
    for kind, spec in integration_schemas().items():
        assert next(iter(spec["properties"])) == "integration_type"
        assert spec["properties"]["integration_type"] == {**spec["properties"]["integration_type"], "const": kind}
        assert spec["additionalProperties"] is False


def test_examples_and_defaults_in_the_schema_are_valid() -> None:
    validator = jsonschema.Draft7Validator(run_schema())
    for snippet in run_schema().get("defaultSnippets", []):
        assert list(validator.iter_errors(snippet["body"])) == []


def test_every_replaced_field_is_deprecated_for_editors_and_rules_alike() -> None:
    # One definition of "deprecated": the schema's x-deprecated message; a replacement implies it.
    from mcli_lint.schema import deprecated_fields, is_deprecated

    properties = run_schema()["properties"]
    assert deprecated_fields() == {
        "cluster": "compute.cluster",
        "gpu_type": "compute.gpu_type",
        "gpu_num": "compute.gpus",
        "cpus": "compute.cpus",
    }
    assert all(is_deprecated(properties[name]) for name in deprecated_fields())
    assert [name for name, spec in properties.items() if is_deprecated(spec)] == list(deprecated_fields())
