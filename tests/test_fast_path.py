"""libyaml's fast path reads exactly what PyYAML's pure loader (mcli's) reads, wherever it is used.

For every text ``fast_path.eligible`` admits, the fast loader either steps aside (returns None)
or produces the same problems, the same data and the same source of every scalar and key.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from mcli_lint.loader import Limits, LoadResult, load_fast, load_text
from mcli_lint.loader.fast_path import depth_bound, eligible
from mcli_lint.rules import describe
from tests.needs import unavailable
from tests.profiles import scaled
from tests.strategies import run_configs, yaml_renderings


@pytest.fixture(autouse=True, scope="module")
def _libyaml() -> None:
    if not yaml.__with_libyaml__:
        unavailable("PyYAML was built without libyaml: there is no fast path to compare")


PIECES = [
    "a",
    "b",
    "key",
    ":",
    ": ",
    " ",
    "  ",
    "\n",
    "- ",
    "-",
    "[",
    "]",
    "{",
    "}",
    ", ",
    ",",
    "?",
    "#",
    " # c",
    "'",
    '"',
    "\\",
    "&x ",
    "*x",
    "<<: ",
    "|",
    ">",
    "|-",
    ">+",
    "---",
    "...",
    "0",
    "1",
    "010",
    "1:30",
    "1e-4",
    "yes",
    "on",
    "~",
    "null",
    "2024-01-05",
    ".5",
    "\u00e9",
    "\u65e5",
    "\U0001f600",
    "\t",
    "!",
    "%",
    "=",
    "\ufeff",
    "\u2028",
    "\x85",
    "@",
    "`",
]


def same(a: Any, b: Any) -> bool:
    """Equality that treats NaN as equal to itself and tells 1 from True."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def assert_same_reading(text: str) -> None:
    limits = Limits()
    fast = load_fast(text, limits)
    if fast is None:
        return
    pure = load_text(text, limits, fast=False)
    assert fast.problems == pure.problems, text
    assert (fast.document is None) == (pure.document is None), text
    if fast.document is None or pure.document is None:
        return
    assert same(fast.document.data, pure.document.data), text
    assert list(fast.document.scalars()) == list(pure.document.scalars()), text
    for path, _, _ in pure.document.scalars():
        for at_key in (False, True):
            assert fast.document.locate(path, at_key) == pure.document.locate(path, at_key), (text, path)


# Token soups: a few milliseconds each, and disagreements are rare in them: five times the profile.
@scaled(5)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_pieces_read_the_same(text: str) -> None:
    if eligible(text):
        assert_same_reading(text)


@st.composite
def commented_renderings(draw: st.DrawFn) -> str:
    text = draw(yaml_renderings(draw(run_configs())))
    lines = text.replace("\r\n", "\n").split("\n")
    for _ in range(draw(st.integers(0, 3))):
        where = draw(st.integers(0, len(lines) - 1))
        lines.insert(where, " " * draw(st.integers(0, 4)) + "# " + draw(st.text("abc é:-#", max_size=10)))
    return "\n".join(lines)


@given(commented_renderings())
def test_run_files_read_the_same(text: str) -> None:
    # Only tabs, tags, complex keys, block-scalar headers glued to a `#` (looked for anywhere, quoted
    # text included) and \u escapes (which may spell a lone surrogate) send a generated run file to
    # the pure loader.
    assert (
        eligible(text)
        or any(sign in text for sign in ("\t", "!", "?", "\\u", "\\U"))
        or re.search(r"[|>][0-9+-]*#", text)
    )
    assert_same_reading(text)


@scaled(5)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_depth_bound_is_an_upper_bound(text: str) -> None:
    if not eligible(text):
        return
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return
    assert depth(root) <= depth_bound(text), text


def depth(node: object, seen: frozenset[int] = frozenset()) -> int:
    from yaml.nodes import MappingNode, SequenceNode

    if node is None or id(node) in seen:
        return 0
    inner = seen | {id(node)}
    if isinstance(node, MappingNode):
        return 1 + max((max(depth(k, inner), depth(v, inner)) for k, v in node.value), default=0)
    if isinstance(node, SequenceNode):
        return 1 + max((depth(v, inner) for v in node.value), default=0)
    return 0


@pytest.mark.parametrize(
    "text",
    [
        "a: &a [1, 2]\nb: *a\n",
        "base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n",
        "a: 1\na: 2\n",
        "on: 1\nyes: 2\n",
        "a:\nb: ''\nc: ~\n",
        "k: |\n  line\n  two\nf: >-\n  folded\n  text\n",
        "l:\n- a\n- - b\n  - c\n- {x: [1, {y: z}]}\n",
        "é: 日本\n\U0001f600: x\n",
        "---\nname: x\n",
        "name: x\n...\n",
        "- 1\n",
        "a: [1, 2\n",
        "n: [0, 8, 010, 0x1F, 1_000, +5, -3, 1:30, 0b11, 9" + "9" * 5000 + "]\n",
        "b: [true, True, TRUE, false, yes, No, on, OFF, ~, null, '', 1.5, .inf, -.NaN, 1e5, 2024-01-05]\n",
    ],
)
def test_hand_picked_texts_read_the_same(text: str) -> None:
    assert eligible(text)
    assert_same_reading(text)


@pytest.mark.parametrize(
    "text",
    [
        "a:\tb\n",
        "a: !!str 1\n",
        "? a\n: b\n",
        "%YAML 1.1\n---\na: 1\n",
        "a: |#\n  x\n",
        "---\n",
        "a: b\u2028c\n",
        "a: [1..inf? ]\n",  # PyYAML ends a flow plain scalar at `?`, libyaml does not
        "a: {b: , c: }\n",  # empty flow values are placed differently
    ],
)
def test_divergent_constructs_take_the_pure_path(text: str) -> None:
    assert not eligible(text)


def test_limits_on_the_fast_path_send_files_to_the_pure_loader() -> None:
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n" for p, c in zip("abcde", "bcdef", strict=True)
    )
    assert eligible(laughs)
    assert load_fast(laughs, Limits()) is None
    result: LoadResult = load_text(laughs)
    assert [describe(p).code for p in result.problems] == ["MCL006"]
    # A tree (no anchors) over a limit is answered from libyaml's tree, as the pure loader answers.
    deep = "a: " + "[" * 70 + "]" * 70 + "\n"
    fast = load_fast(deep, Limits())
    assert fast is not None and fast.problems == load_text(deep, fast=False).problems
    assert [describe(p).code for p in load_text(deep).problems] == ["MCL006"]
