"""The --write text edit: where fields go in each layout, how values are spelled, and when it refuses."""

from __future__ import annotations

import re

import pytest
import yaml

from mcli_lint.compute.write import WriteError, scalar, with_compute
from mcli_lint.loader import load_text

VALUES: dict[str, str | int] = {"instance": "a100-8x", "nodes": 2}


def edit(raw: str, values: dict[str, str | int] | None = None) -> str:
    loaded = load_text(raw.replace("\r\n", "\n"))
    assert loaded.document is not None
    return with_compute(raw, loaded.document, VALUES if values is None else values)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "compute:\n  gpus: 16\nname: x\n",
            "compute:\n  gpus: 16\n  instance: a100-8x\n  nodes: 2\nname: x\n",
        ),
        (
            "compute:\n    gpus: 16  # four spaces\n",
            "compute:\n    gpus: 16  # four spaces\n    instance: a100-8x\n    nodes: 2\n",
        ),
        (
            "compute:\n  gpus: 16\n  node_names:\n  - a\n  - b\n\n# next\nname: x\n",
            "compute:\n  gpus: 16\n  node_names:\n  - a\n  - b\n  instance: a100-8x\n  nodes: 2\n\n# next\nname: x\n",
        ),
        (
            "compute:\n  gpus: 16\n  instance:\n  nodes: null # later\n",
            "compute:\n  gpus: 16\n  instance: a100-8x\n  nodes: 2 # later\n",
        ),
        ("compute: {gpus: 16}\n", "compute: {gpus: 16, instance: a100-8x, nodes: 2}\n"),
        ("compute: { gpus: 16, }\n", "compute: { gpus: 16, instance: a100-8x, nodes: 2, }\n"),
        ("compute: {}\n", "compute: {instance: a100-8x, nodes: 2}\n"),
        ("compute: ~\nname: x\n", "compute:\n  instance: a100-8x\n  nodes: 2\nname: x\n"),
        ("{name: x, gpu_num: 16}\n", "{name: x, gpu_num: 16, compute: {instance: a100-8x, nodes: 2}}\n"),
        (
            "name: x\ngpu_num: 16\nimage: y\n",
            "name: x\ngpu_num: 16\ncompute:\n  instance: a100-8x\n  nodes: 2\nimage: y\n",
        ),
        (
            "base: &b {gpus: 16}\ncompute:\n  <<: *b\n",
            "base: &b {gpus: 16}\ncompute:\n  instance: a100-8x\n  nodes: 2\n  <<: *b\n",
        ),
        (
            "compute:\r\n  gpus: 16\r\n",
            "compute:\r\n  gpus: 16\r\n  instance: a100-8x\r\n  nodes: 2\r\n",
        ),
        (
            "\ufeffcompute:\n  gpus: 16\n",
            "\ufeffcompute:\n  gpus: 16\n  instance: a100-8x\n  nodes: 2\n",
        ),
    ],
    ids=[
        "block",
        "four-spaces",
        "after-a-list-before-comments",
        "null-fields",
        "flow",
        "flow-trailing-comma",
        "flow-empty",
        "null-compute",
        "flow-root",
        "after-deprecated",
        "merge-key",
        "crlf",
        "bom",
    ],
)
def test_layouts(raw: str, expected: str) -> None:
    assert edit(raw) == expected


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("a100_80gb", "a100_80gb"),
        ("r1z1", "r1z1"),
        ("none", "none"),
        ("yes", '"yes"'),
        ("null", '"null"'),
        ("3090", '"3090"'),
        ("1e3", '"1e3"'),
        ("y", '"y"'),
        ("a b", '"a b"'),
        ("x: y", '"x: y"'),
        ("#", '"#"'),
        (8, "8"),
    ],
)
def test_values_read_back_the_same(value: str | int, written: str) -> None:
    assert scalar(value) == written
    assert yaml.safe_load(f"k: {written}") == {"k": value}


def test_nothing_to_write_changes_nothing() -> None:
    assert edit("compute:\n  gpus: 8\n", {}) == "compute:\n  gpus: 8\n"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("base: &b {gpus: 16}\ncompute: *b\n", "`compute` is an alias of a mapping written elsewhere; edit it there"),
        ("compute: [1]\n", "`compute` is not a mapping"),
        ("compute:\n  instance: other\n", "a field to write already has a value"),
    ],
)
def test_refusals(raw: str, message: str) -> None:
    with pytest.raises(WriteError, match=f"^{re.escape(message)}$"):
        edit(raw)


def test_a_file_that_changed_since_it_was_read_is_refused() -> None:
    loaded = load_text("compute:\n  gpus: 8\n")
    assert loaded.document is not None
    with pytest.raises(WriteError, match=r"^the file changed while it was being read$"):
        with_compute("compute:\n  gpus: 9\n", loaded.document, VALUES)
