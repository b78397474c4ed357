"""A tree over a limit is refused at libyaml's speed, at the very node and in the words of the pure loader."""

from __future__ import annotations

import time
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from mcli_lint.loader import Limits, load_text
from mcli_lint.loader.fast_path import eligible

scalars = st.one_of(st.integers(-5, 5), st.text("ab", max_size=2), st.booleans(), st.none())
trees = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text("kxyz", min_size=1, max_size=2), children, max_size=4)
    ),
    max_leaves=30,
)


@given(
    st.dictionaries(st.sampled_from(["name", "parameters", "x"]), trees, min_size=1),
    st.booleans(),
    st.integers(1, 40),
    st.integers(1, 6),
)
def test_fast_and_pure_refuse_at_the_same_node(data: dict[str, Any], flow: bool, nodes: int, depth: int) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow)
    limits = Limits(max_nodes=nodes, max_depth=depth)
    fast, pure = load_text(text, limits), load_text(text, limits, fast=False)
    assert eligible(text)
    assert fast.problems == pure.problems
    assert (fast.document is None) == (pure.document is None)


def test_a_5_mb_flow_list_just_over_max_nodes_is_refused_in_about_a_second() -> None:
    text = (
        "name: a\nparameters:\n  x: ["
        + ", ".join(["abcdefghijklmnopqrstuvwxyz0123456789abcdefghijk"] * 100_000)
        + "]\n"
    )
    began = time.perf_counter()
    loaded = load_text(text)
    elapsed = time.perf_counter() - began
    [problem] = loaded.problems
    assert (problem.kind, problem.span.start.line, problem.facts) == ("too-many-nodes", 3, {"limit": 100000})
    # The 100 001st node: the root, name and its value, parameters, its mapping, x, the list, then items.
    item = 100_001 - 7
    assert (
        problem.span.start.column
        == len("  x: [") + (item - 1) * len("abcdefghijklmnopqrstuvwxyz0123456789abcdefghijk, ") + 1
    )
    assert elapsed < 3.0
