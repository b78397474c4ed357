"""A pulled clusters file's text: a header saying where and when it came from, then the clusters as YAML."""

from __future__ import annotations

import datetime
from typing import Any

import yaml

from mcli_lint.compute.platform import Pulled
from mcli_lint.text import escape


class _Flow(dict[str, Any]):
    """A mapping written on one line: a node."""


class _FlowList(list[Any]):
    """A list written on one line: submission types, GPU counts."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Lists indented under their key, as in the project's documentation and examples.
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # PyYAML writes NEL and the Unicode line and paragraph separators raw in plain or single-quoted
    # text, where a reader folds them into spaces: double quotes write them as escapes.
    style = '"' if any(c in data for c in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(_Flow, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True))
_Dumper.add_representer(_FlowList, lambda d, data: d.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True))


def render(pulled: Pulled, when: datetime.datetime) -> str:
    stamp = when.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    header = (
        "# The clusters of your organisation, as the platform answered getClusters.\n"
        f"# Pulled by `mcli-lint clusters pull` from {escape(pulled.endpoint)}\n"
        f"# at {stamp} (mosaicml-cli {escape(pulled.sdk_version)}). Pull again to refresh: edits here are lost.\n"
    )
    body = yaml.dump(
        _styled(pulled.data), Dumper=_Dumper, sort_keys=False, default_flow_style=False, allow_unicode=True, width=100
    )
    return header + body


def _styled(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        styled = {k: _styled(v, k) for k, v in value.items()}
        return _Flow(styled) if key == "node" else styled
    if isinstance(value, list):
        if key in ("submission_types", "gpu_nums"):
            return _FlowList(value)
        item = "node" if key == "node_details" else ""
        return [_styled(v, item) for v in value]
    return value
