"""The real client (mosaicml-cli 0.8.3) is the oracle for how a run file is read and what it warns."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from mcli.models.run_config import RunConfig
from mcli.utils.utils_yaml import load_yaml

from mcli_lint.engine.lint import lint_text
from mcli_lint.loader import load_path, load_text
from mcli_lint.rules import describe

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("tests/golden/*.yaml")])


def mcli_reads(path: Path) -> object:
    """What mcli's own loader returns, or the exception type it stops with."""
    try:
        return load_yaml(path)
    except (Exception, SystemExit) as error:  # mcli asserts, raises YAML errors, or exits
        return type(error)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_loader_reads_what_mcli_reads(path: Path) -> None:
    ours = load_path(str(path))
    theirs = mcli_reads(path)
    fatal = [describe(p).code for p in ours.problems if p.fatal]
    if isinstance(theirs, type):
        assert fatal, f"mcli fails with {theirs.__name__} but the loader accepts {path.name}"
    elif fatal == ["MCL006"]:
        pass  # mcli loads alias bombs (it shares the objects); refusing them is the point
    elif fatal == ["MCL003"]:
        assert theirs == {}, "only an empty file reads as {} to mcli"
    else:
        assert ours.document is not None and not fatal
        assert ours.document.data == theirs


SCALARS = st.sampled_from(
    [
        "yes",
        "No",
        "on",
        "OFF",
        "y",
        "010",
        "0o17",
        "0x1F",
        "1:30",
        "1_000",
        "1e-4",
        "1.0e-4",
        "1.5",
        ".inf",
        "-.NaN",
        "~",
        "null",
        "2024-01-05",
        "2024-01-05 10:00:00",
        "'010'",
        '"yes"',
        "abc",
        "0b101",
        "+1",
        "-0",
        "1.",
        ".5",
        "True",
        "=",
        "<<x",
    ]
)
KEYS = st.sampled_from(["a", "b", "on", "yes", "1", "true", "010", "key"])


@st.composite
def documents(draw: st.DrawFn, depth: int = 0) -> str:
    """Small block-style YAML documents mixing the scalars YAML 1.1 and 1.2 disagree on."""
    lines = []
    indent = "  " * depth
    for key in draw(st.lists(KEYS, min_size=1, max_size=4, unique=True)):
        kind = draw(st.sampled_from(["scalar", "scalar", "list", "map"] if depth < 2 else ["scalar"]))
        if kind == "scalar":
            lines.append(f"{indent}{key}: {draw(SCALARS)}")
        elif kind == "list":
            lines.append(f"{indent}{key}:")
            lines.extend(f"{indent}  - {draw(SCALARS)}" for _ in range(draw(st.integers(1, 3))))
        else:
            lines.append(f"{indent}{key}:")
            lines.append(draw(documents(depth + 1)))
    return "\n".join(lines)


@given(documents())
def test_generated_documents_read_like_mcli(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("doc") / "run.yaml"
    path.write_text(text + "\n")
    ours = load_path(str(path))
    theirs = mcli_reads(path)
    if isinstance(theirs, type):
        assert any(p.fatal for p in ours.problems)
    else:
        assert ours.document is not None
        assert ours.document.data == theirs == yaml.safe_load(text)
        # Duplicate keys: mcli keeps the last silently; MCL002 fires exactly when a key repeats.
        assert bool([p for p in ours.problems if describe(p).code == "MCL002"]) == _repeats(ours.document.root)


def _repeats(node: object) -> bool:
    from yaml.nodes import MappingNode, SequenceNode

    if isinstance(node, MappingNode):
        keys = [yaml.safe_load(yaml.serialize(k)) for k, _ in node.value]
        seen: list[object] = []
        for key in keys:
            if key in seen:
                return True
            seen.append(key)
        return any(_repeats(v) for _, v in node.value)
    if isinstance(node, SequenceNode):
        return any(_repeats(v) for v in node.value)
    return False


def mcli_warnings(text: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "run.yaml"
    path.write_text(text)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        RunConfig.from_file(path)
    return [str(w.message) for w in caught]


UNKNOWN = """\
name: run
image: mosaicml/pytorch:latest
command: echo hi
enviroment_variables: {A: b}
compute:
  gpu: 8
  nodes: 1
  clustr: c
scheduling:
  priorty: low
  max_retries: 1
"""


def test_unknown_fields_match_what_mcli_warns_about(tmp_path: Path) -> None:
    said = " ".join(mcli_warnings(UNKNOWN, tmp_path))
    theirs = set(re.findall(r"'((?:compute|scheduling)\.\w+)'", said))
    theirs |= {f for f in re.findall(r"unknown fields ([\w, ]+) which", said)[0].split(", ")}
    ours = {d.pointer.strip("/").replace("/", ".") for d in lint_text(UNKNOWN) if d.code == "MCL102"}
    assert ours == theirs == {"enviroment_variables", "compute.gpu", "compute.clustr", "scheduling.priorty"}


DEPRECATED = """\
name: run
image: mosaicml/pytorch:latest
command: echo hi
cluster: c
gpu_type: a100_80gb
gpu_num: 8
cpus: 4
env_variables:
  - key: A
    value: b
"""


def test_deprecations_match_what_mcli_warns_about(tmp_path: Path) -> None:
    said = mcli_warnings(DEPRECATED, tmp_path)
    theirs = {m.split('"')[1] for m in said if m.startswith("Field ")}
    if any("env_variables as a list" in m for m in said):
        theirs.add("env_variables")
    ours = {d.pointer.strip("/") for d in lint_text(DEPRECATED) if d.code == "MCL106"}
    assert ours == theirs == {"cluster", "gpu_type", "gpu_num", "cpus", "env_variables"}


# The seed page documents experiment_tracker; mosaicml-cli 0.8.3's RunConfig does not take it yet.
KNOWN_GAP = "! Encountered unknown fields experiment_tracker which were not used in creating the request"


def test_examples_load_in_mcli_without_warnings(tmp_path: Path) -> None:
    for example in sorted(ROOT.glob("examples/*.yaml")):
        said = mcli_warnings(example.read_text(), tmp_path)
        assert [m for m in said if m != KNOWN_GAP] == [], example.name
        assert load_text(example.read_text()).problems == []
