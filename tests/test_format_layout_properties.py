"""fmt on real-shaped run files, written the way people write them (generated text, not a dumper's output):
2, 3 or 4 spaces, sequences indented or not, odd spacing after `:` and `-`, trailing whitespace, blank
lines, block scalars of every style, comments between keys, at the end of a block (commented-out keys),
as a key's only value, at line ends, in the header and trailer.

Properties: fmt accepts every such file, keeps what PyYAML (so mcli) reads, keeps the author's key order,
keeps every comment in order and in the block it was written in, and one pass is enough.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import yaml
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from mcli_lint.format import format_text
from mcli_lint.format.tokens import comment_texts, scan
from mcli_lint.format.verify import canonical
from tests.profiles import scaled

_KEYS = ["name", "image", "command", "compute", "gpus", "cluster", "run_name", "parameters", "lr", "x_y", "path"]
_SCALARS = ["bash", "8", "yes", "1.10", "010", '"quoted # not a comment"', "'single'", "two words", "~", "a:b"]
_WORDS = ["echo hi", "cd /workspace", "  indented more", "# not a comment", "pip install -e .", "a: b"]
_BLOCK_HEADERS = ["|", "|-", "|+", ">", ">-"]


@dataclass
class _Style:
    indent: int
    indentless: bool
    comments: list[str] = field(default_factory=list)

    def comment(self, draw: st.DrawFn) -> str:
        text = f"# c{len(self.comments)}" + draw(st.sampled_from(["", " gpu_type: a100", " note", "#"]))
        self.comments.append(text)
        return text


def _space(draw: st.DrawFn) -> str:
    return " " * draw(st.sampled_from([1, 1, 1, 2, 3]))


def _eol(draw: st.DrawFn, style: _Style) -> str:
    comment = draw(st.booleans()) and draw(st.booleans())
    trailing = " " * draw(st.sampled_from([0, 0, 0, 2]))
    return (_space(draw) + style.comment(draw) if comment else "") + trailing


def _block_scalar(draw: st.DrawFn, style: _Style, column: int) -> list[str]:
    header = draw(st.sampled_from(_BLOCK_HEADERS))
    eol = _space(draw) + style.comment(draw) if draw(st.booleans()) and draw(st.booleans()) else ""
    at = " " * (column + style.indent + draw(st.sampled_from([0, 0, 2])))
    body = [
        at + word if word else "" for word in draw(st.lists(st.sampled_from([*_WORDS, ""]), min_size=1, max_size=4))
    ]
    if not body[0].strip() or body[0][len(at)] == " ":  # the first line sets the block's indentation
        body[0] = at + "first"
    return [header + eol, *body]


def _value(draw: st.DrawFn, style: _Style, column: int, depth: int) -> list[str]:
    """A value's text: its first element goes after `key:` (it may be empty), the rest are lines."""
    kind = draw(st.sampled_from(["scalar", "scalar", "null", "block", "map", "seq"] if depth < 3 else ["scalar"]))
    if kind == "scalar":
        return [_space(draw) + draw(st.sampled_from(_SCALARS)) + _eol(draw, style)]
    if kind == "null":
        lines = [_eol(draw, style)]
        if draw(st.booleans()):  # a comment as the key's only "value"
            lines.append(" " * (column + style.indent) + style.comment(draw))
        return lines
    if kind == "block":
        first, *rest = _block_scalar(draw, style, column)
        return [" " + first, *rest]
    if kind == "map":
        return [_eol(draw, style), *_mapping(draw, style, column + style.indent, depth + 1)]
    dash = column if style.indentless else column + style.indent
    lines = [_eol(draw, style)]
    for _ in range(draw(st.integers(1, 3))):
        after = _space(draw)
        if draw(st.booleans()):
            lines.append(" " * dash + "-" + after + draw(st.sampled_from(_SCALARS)) + _eol(draw, style))
        else:
            item = _mapping(draw, style, dash + 1 + len(after), depth + 1, own_comments=False)
            item[0] = " " * dash + "-" + after + item[0].lstrip(" ")
            lines += item
    return lines


def _mapping(draw: st.DrawFn, style: _Style, column: int, depth: int, own_comments: bool = True) -> list[str]:
    lines: list[str] = []
    keys = draw(st.lists(st.sampled_from(_KEYS), min_size=1, max_size=4, unique=True))
    for number, key in enumerate(keys):
        if number or own_comments:
            if draw(st.booleans()) and draw(st.booleans()):
                lines.append("")
            if draw(st.booleans()) and draw(st.booleans()):
                lines.append(" " * column + style.comment(draw))
        first, *rest = _value(draw, style, column, depth)
        lines.append(" " * column + key + draw(st.sampled_from(["", "", " "])) + ":" + first)
        lines += rest
    if draw(st.booleans()) and draw(st.booleans()):  # commented-out keys at the end of the block
        lines.append(" " * column + style.comment(draw))
        lines.append(" " * column + style.comment(draw))
    return lines


@st.composite
def real_shaped(draw: st.DrawFn) -> tuple[str, list[str]]:
    style = _Style(draw(st.sampled_from([2, 3, 4])), draw(st.booleans()))
    lines = [style.comment(draw), ""] if draw(st.booleans()) else []
    lines += _mapping(draw, style, 0, 0)
    if draw(st.booleans()):
        lines.append(style.comment(draw))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "\n", "", "\n\n"])), style.comments


def _loads(text: str) -> object:
    return yaml.safe_load(text)


def comment_blocks(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Each full-line comment with the keys of the blocks it sits in, by indentation: the enclosing keys
    (and `-` items) are the lines above it that are less indented."""
    out: list[tuple[str, tuple[str, ...]]] = []
    stack: list[tuple[int, str]] = []
    in_block_scalar_above = -1
    for line in text.split("\n"):
        stripped = line.lstrip(" ")
        column = len(line) - len(stripped)
        if not stripped or column > in_block_scalar_above >= 0:
            continue
        in_block_scalar_above = -1
        while stack and stack[-1][0] >= column:
            stack.pop()
        if stripped.startswith("#"):
            out.append((stripped.rstrip(), tuple(name for _, name in stack)))
            continue
        at = column
        while stripped.startswith("-"):
            stack.append((at, "-"))
            rest = stripped[1:].lstrip(" ")
            at += len(stripped) - len(rest)
            stripped = rest
        key = stripped.split(":", 1)[0].strip()
        stack.append((at, key))
        if stripped.split("#", 1)[0].rstrip().endswith(tuple(_BLOCK_HEADERS)) or any(
            f": {h} " in stripped or stripped.endswith(f": {h}") for h in _BLOCK_HEADERS
        ):
            in_block_scalar_above = at
    return out


def _keys(text: str) -> list[str]:
    tokens = scan(text)
    return [str(t.value) for k, t in itertools.pairwise(tokens) if isinstance(k, yaml.KeyToken)]


@scaled(1 / 3, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(real_shaped())
def test_real_shaped_files_keep_data_order_and_comments_in_their_block_in_one_pass(case: tuple[str, list[str]]) -> None:
    text, comments = case
    result = format_text(text)
    assert (result.problems, result.refusal) == ((), None), text
    out = result.formatted
    assert out is not None
    assert canonical(_loads(out)) == canonical(_loads(text)), out
    assert _keys(out) == _keys(text)
    assert comment_texts(out) == comment_texts(text) == [c for c in comment_texts(text) if c in comments]
    assert comment_blocks(out) == comment_blocks(text), (text, out)
    assert format_text(out).formatted == out, (text, out)
    assert not any(line != line.rstrip() for line in out.split("\n")), out
    assert out.endswith("\n") or out.rstrip(" ").endswith((*_WORDS, "first"))


@scaled(1 / 3, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(real_shaped())
def test_sort_keys_keeps_data_and_comments_and_settles(case: tuple[str, list[str]]) -> None:
    text, _ = case
    result = format_text(text, sort_keys=True)
    assert (result.problems, result.refusal) == ((), None), text
    out = result.formatted
    assert out is not None
    assert canonical(_loads(out)) == canonical(_loads(text)), out
    assert sorted(comment_texts(out)) == sorted(comment_texts(text))
    assert format_text(out, sort_keys=True).formatted == out, (text, out)


def test_comment_blocks_reads_indentation_as_intended() -> None:
    text = "compute:\n  gpus: 8\n  # gpu_type: a100\nitems:\n  - a: 1\n    # in the item\n# top\n"
    assert comment_blocks(text) == [
        ("# gpu_type: a100", ("compute",)),
        ("# in the item", ("items", "-")),
        ("# top", ()),
    ]
