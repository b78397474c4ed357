"""The pulled clusters file's text: its header, and YAML that reads back as exactly the data pulled."""

from __future__ import annotations

import datetime
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from mcli_lint.compute.clusters import check_data, load_clusters
from mcli_lint.compute.platform import Pulled
from mcli_lint.compute.pulled_file import render
from tests.profiles import scaled

WHEN = datetime.datetime(2026, 11, 28, 20, 15, 7, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))


def test_header_and_layout() -> None:
    data = {
        "clusters": [
            {
                "name": "yes",  # YAML 1.1 would read it as true unquoted
                "provider": "AWS",
                "allow_fractional": False,
                "allow_multinode": True,
                "submission_types": ["TRAINING"],
                "scheduler_enabled": True,
                "cluster_instances": [
                    {
                        "name": "a: b",
                        "gpu_type": "010",
                        "gpus": 8,
                        "nodes": 1,
                        "gpu_nums": [8],
                        "node_details": [{"name": "#n", "is_alive": True, "is_schedulable": False}],
                    }
                ],
            }
        ]
    }
    text = render(Pulled(data, "https://example.test/graphql\n# injected", "0.8.3"), WHEN)
    assert text == (
        "# The clusters of your organisation, as the platform answered getClusters.\n"
        "# Pulled by `mcli-lint clusters pull` from https://example.test/graphql\\n# injected\n"
        "# at 2026-11-28T18:15:07Z (mosaicml-cli 0.8.3). Pull again to refresh: edits here are lost.\n"
        "clusters:\n"
        "  - name: 'yes'\n"
        "    provider: AWS\n"
        "    allow_fractional: false\n"
        "    allow_multinode: true\n"
        "    submission_types: [TRAINING]\n"
        "    scheduler_enabled: true\n"
        "    cluster_instances:\n"
        "      - name: 'a: b'\n"
        "        gpu_type: '010'\n"
        "        gpus: 8\n"
        "        nodes: 1\n"
        "        gpu_nums: [8]\n"
        "        node_details:\n"
        "          - {name: '#n', is_alive: true, is_schedulable: false}\n"
    )
    assert yaml.safe_load(text) == data


def test_line_breaks_yaml_would_fold_are_escaped() -> None:
    data = {"clusters": [{"name": "a\x85b\u2028c", "cluster_instances": []}]}
    text = render(Pulled(data, "e", "0.8.3"), WHEN)
    assert text.splitlines()[4] == '  - name: "a\\Nb\\Lc"'

    assert yaml.safe_load(text) == data


NAMES = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=12)


@st.composite
def pulled_data(draw: st.DrawFn) -> dict[str, Any]:
    def node(name: str) -> dict[str, Any]:
        return {"name": name, "is_alive": draw(st.booleans()), "is_schedulable": draw(st.booleans())}

    def instance(name: str) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "name": name,
            "gpu_type": draw(NAMES),
            "gpus": draw(st.integers(0, 16)),
            "nodes": draw(st.integers(0, 64)),
        }
        if draw(st.booleans()):
            entry["cpus"] = draw(st.integers(0, 256))
            entry["memory"] = draw(NAMES)
        counts = draw(st.lists(st.integers(0, 512), max_size=6))
        if counts:
            entry["gpu_nums"] = counts
        nodes = draw(st.lists(NAMES, max_size=3))
        if nodes:
            entry["node_details"] = [node(n) for n in nodes]
        return entry

    clusters = []
    for name in draw(st.lists(NAMES, max_size=3, unique=True)):
        cluster: dict[str, Any] = {
            "name": name,
            "provider": draw(NAMES),
            "allow_fractional": draw(st.booleans()),
            "allow_multinode": draw(st.booleans()),
        }
        types = draw(st.lists(st.sampled_from(["TRAINING", "INFERENCE", "FINETUNING"]), max_size=2))
        if types:
            cluster["submission_types"] = types
        cluster["scheduler_enabled"] = draw(st.booleans())
        cluster["cluster_instances"] = [instance(n) for n in draw(st.lists(NAMES, max_size=3, unique=True))]
        clusters.append(cluster)
    return {"clusters": clusters}


def as_json(data: Any) -> str:
    """JSON with every character escaped but those past U+FFFF, raw: the loader reads JSON as YAML,
    which has no surrogate pairs, and refuses raw control characters."""
    escaped = json.dumps(data)
    return re.sub(r"\\ud[89ab][0-9a-f]{2}\\ud[c-f][0-9a-f]{2}", lambda m: str(json.loads(f'"{m[0]}"')), escaped)


# A whole clusters file per example, rendered, written and read back two ways: a quarter of the profile.
@scaled(1 / 4)
@given(pulled_data())
def test_the_file_reads_back_as_the_data(data: dict[str, Any]) -> None:
    assert check_data(data) is None
    text = render(Pulled(data, "http://127.0.0.1:1/graphql", "0.8.3"), WHEN)
    assert yaml.safe_load(text) == data
    with tempfile.TemporaryDirectory() as scratch:
        pulled, answer = Path(scratch) / "pulled.yaml", Path(scratch) / "answer.json"
        pulled.write_text(text, encoding="utf-8")
        answer.write_text(as_json(data), encoding="utf-8")
        assert load_clusters(pulled).clusters == load_clusters(answer).clusters
