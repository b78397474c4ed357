"""Properties of the linter over generated run configs: valid in, no diagnostic out; one mutation in,
exactly the one diagnostic it deserves out, at the right pointer and line."""

from __future__ import annotations

import re
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, Node, SequenceNode

from mcli_lint import schema
from mcli_lint.diagnostics import Diagnostic, json_pointer
from mcli_lint.engine.lint import lint_text
from mcli_lint.loader import load_text
from tests import strategies as gen

MISSING_COMPUTE = "MCL107"


def _show(text: str, diagnostics: list[Diagnostic]) -> str:
    found = "\n".join(
        f"  {d.code} {d.severity.value} {d.pointer} {d.span.start.line}:{d.span.start.column} {d.message}"
        for d in diagnostics
    )
    return f"--- text ---\n{text}\n--- diagnostics ---\n{found}"


def key_line(text: str, path: tuple[object, ...]) -> int:
    """The 1-based line of the last key of ``path`` in ``text``, found with PyYAML's own composer."""
    node: Node | None = yaml.compose(text, Loader=yaml.SafeLoader)
    key: Node | None = None
    for part in path:
        if isinstance(node, MappingNode):
            key, node = next((k, v) for k, v in node.value if k.value == part)
        else:
            assert isinstance(node, SequenceNode) and isinstance(part, int)
            key, node = None, node.value[part]
    assert key is not None, path
    line = key.start_mark.line + 1
    # Guard the guard: the line found is the one that writes the key.
    assert re.search(rf"(^|[\s{{,])(- )*{re.escape(str(path[-1]))}:", text.split("\n")[line - 1]), (line, text)
    return line


def assert_only(text: str, code: str, path: tuple[object, ...], line: int) -> None:
    diagnostics = lint_text(text)
    assert len(diagnostics) == 1, _show(text, diagnostics)
    (found,) = diagnostics
    assert (found.code, found.pointer, found.span.start.line) == (code, json_pointer(path), line), _show(
        text, diagnostics
    )


# ------------------------------------------------------------------------------------------ valid configs


@settings(deadline=None)
@given(gen.rendered_configs())
def test_renderings_read_back_as_the_config(rendered: tuple[dict[str, Any], str]) -> None:
    config, text = rendered
    assert yaml.safe_load(text) == config, text


@settings(deadline=None)
@given(gen.rendered_configs())
def test_valid_configs_have_no_errors(rendered: tuple[dict[str, Any], str]) -> None:
    config, text = rendered
    assert yaml.safe_load(text) == config, text
    diagnostics = lint_text(text)
    expected = [] if "compute" in config else [MISSING_COMPUTE]
    assert [d.code for d in diagnostics] == expected, _show(text, diagnostics)


@settings(deadline=None)
@given(gen.rendered_configs())
def test_loader_reads_what_safe_load_reads(rendered: tuple[dict[str, Any], str]) -> None:
    _, text = rendered
    loaded = load_text(text)
    assert loaded.problems == [], text
    assert loaded.document is not None, text
    assert loaded.document.data == yaml.safe_load(text), text


# ------------------------------------------------------------------------------------------- mutations

_INTEGER_FIELDS = [
    (section, name) for section in ("compute", "scheduling") for name in gen.fields_of_type((section,), "integer")
]
_BOOLEAN_FIELDS = [("scheduling", name) for name in gen.fields_of_type(("scheduling",), "boolean")]
_SECTIONS = ("compute", "scheduling")


def _with_sections(data: st.DataObject) -> dict[str, Any]:
    """A valid config that has ``compute`` (so no MCL107) and ``scheduling``."""
    config: dict[str, Any] = data.draw(gen.run_configs(include=_SECTIONS))
    return config


def test_mutated_fields_exist() -> None:
    # The schema still has the fields the mutations below rely on.
    assert {("compute", "gpus"), ("compute", "nodes"), ("compute", "cpus"), ("scheduling", "max_retries")} <= set(
        _INTEGER_FIELDS
    )
    assert ("scheduling", "preemptible") in _BOOLEAN_FIELDS


# Each mutation breaks a valid config (with compute and scheduling) in one place and returns the code
# expected and the data path of the key it touched.
Mutation = tuple[str, tuple[object, ...]]


def quote_integer(data: st.DataObject, config: dict[str, Any]) -> Mutation:
    field = data.draw(st.sampled_from(_INTEGER_FIELDS), label="integer field")
    section, name = field
    value = data.draw(gen.value_for(schema.properties_at((section,))[name], field))
    config[section][name] = str(value)
    return "MCL103", field


def quote_boolean(data: st.DataObject, config: dict[str, Any]) -> Mutation:
    field = data.draw(st.sampled_from(_BOOLEAN_FIELDS), label="boolean field")
    config[field[0]][field[1]] = data.draw(st.sampled_from(["true", "false"]))
    return "MCL103", field


def _integration_index(data: st.DataObject, config: dict[str, Any], kind: str) -> int:
    items = config.setdefault("integrations", [])
    for index, item in enumerate(items):
        if item["integration_type"] == kind:
            return index
    items.append(data.draw(gen.integrations(kind)))
    return len(items) - 1


def add_unknown_key(data: st.DataObject, config: dict[str, Any]) -> Mutation:
    where = data.draw(st.sampled_from(["top level", "compute", "scheduling", "git_repo integration"]), label="where")
    parent: tuple[object, ...]
    if where == "top level":
        parent, known = (), schema.properties_at(())
    elif where == "git_repo integration":
        parent = ("integrations", _integration_index(data, config, "git_repo"))
        known = schema.integration_schemas()["git_repo"]["properties"]
    else:
        parent, known = (where,), schema.properties_at((where,))
    key = data.draw(gen.identifiers().filter(lambda k: k not in known), label="unknown key")
    mapping: Any = config
    for part in parent:
        mapping = mapping[part]
    mapping[key] = data.draw(st.one_of(st.integers(0, 100), gen.labels()))
    return "MCL102", (*parent, key)


def unquoted_number_gpu_type(data: st.DataObject, config: dict[str, Any]) -> Mutation:
    config["compute"]["gpu_type"] = data.draw(st.integers(-(10**6), 10**6), label="gpu_type")
    # The text YAML reads back is the text written (`3090`): unquoted-string, a warning, not MCL108.
    return "MCL110", ("compute", "gpu_type")


def negative_gpus(data: st.DataObject, config: dict[str, Any]) -> Mutation:
    config["compute"]["gpus"] = data.draw(st.integers(max_value=-1), label="gpus")
    return "MCL104", ("compute", "gpus")


def _check_block(data: st.DataObject, mutate: Any) -> str:
    config = _with_sections(data)
    code, path = mutate(data, config)
    text = gen.block_yaml(config)
    assert_only(text, code, path, key_line(text, path))
    return text


@settings(deadline=None)
@given(st.data())
def test_quoted_integer_is_wrong_type(data: st.DataObject) -> None:
    _check_block(data, quote_integer)


@settings(deadline=None)
@given(st.data())
def test_quoted_boolean_is_wrong_type(data: st.DataObject) -> None:
    _check_block(data, quote_boolean)


@settings(deadline=None)
@given(st.data())
def test_unknown_key_is_reported_at_the_key(data: st.DataObject) -> None:
    _check_block(data, add_unknown_key)


@settings(deadline=None)
@given(st.data())
def test_unquoted_number_as_gpu_type_is_an_unquoted_string(data: st.DataObject) -> None:
    text = _check_block(data, unquoted_number_gpu_type)
    assert re.search(r"^  gpu_type: -?[0-9]+$", text, re.MULTILINE), text


@settings(deadline=None)
@given(st.data())
def test_negative_gpus_is_out_of_range(data: st.DataObject) -> None:
    _check_block(data, negative_gpus)


@settings(deadline=None)
@given(st.data(), st.sampled_from(schema.run_schema()["required"]))
def test_missing_required_field_is_reported_at_line_1(data: st.DataObject, name: str) -> None:
    config = _with_sections(data)
    del config[name]
    assert_only(gen.block_yaml(config), "MCL101", (name,), 1)


@settings(deadline=None)
@given(
    st.data(), st.sampled_from([quote_integer, quote_boolean, add_unknown_key, unquoted_number_gpu_type, negative_gpus])
)
def test_mutations_in_any_style(data: st.DataObject, mutate: Any) -> None:
    # The same mutations in flow style, CRLF, after a comment ...: the position still comes from the text.
    config = _with_sections(data)
    code, path = mutate(data, config)
    text = data.draw(gen.yaml_renderings(config), label="text")
    assert_only(text, code, path, key_line(text, path))
