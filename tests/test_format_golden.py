"""Golden before/after pairs for fmt: tests/golden_fmt/NAME.in.yaml is formatted to exactly NAME.out.yaml.

Each pair shows one layout rule or one comment placement; review the .out file when it changes. Pairs
named ``sort_keys_*`` are formatted with ``sort-keys`` on (the schema's order); all others keep the
author's order.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml

from mcli_lint.format import format_bytes, format_text
from mcli_lint.format.tokens import comment_texts, scan
from mcli_lint.format.verify import canonical

GOLDEN = Path(__file__).resolve().parent / "golden_fmt"
PAIRS = sorted(p.name.removesuffix(".in.yaml") for p in GOLDEN.glob("*.in.yaml"))


def test_every_input_has_its_output() -> None:
    outputs = sorted(p.name.removesuffix(".out.yaml") for p in GOLDEN.glob("*.out.yaml"))
    assert outputs == PAIRS
    assert len(PAIRS) >= 30


@pytest.mark.parametrize("name", PAIRS)
def test_golden(name: str) -> None:
    before = (GOLDEN / f"{name}.in.yaml").read_bytes()
    expected = (GOLDEN / f"{name}.out.yaml").read_bytes().decode("utf-8")
    result = format_bytes(before, sort_keys=name.startswith("sort_keys_"))
    assert (result.problems, result.refusal) == ((), None)
    assert result.formatted == expected


@pytest.mark.parametrize("name", PAIRS)
def test_golden_output_is_formatted_and_reads_the_same(name: str) -> None:
    sort_keys = name.startswith("sort_keys_")
    before = (GOLDEN / f"{name}.in.yaml").read_text(encoding="utf-8")
    after = (GOLDEN / f"{name}.out.yaml").read_text(encoding="utf-8")
    assert format_text(after, sort_keys=sort_keys).formatted == after
    assert canonical(yaml.safe_load(after)) == canonical(yaml.safe_load(before))
    if sort_keys:
        assert sorted(comment_texts(after)) == sorted(comment_texts(before))
    else:
        assert comment_texts(after) == comment_texts(before)
    assert "%YAML" not in after


def _keys(text: str) -> list[str]:
    tokens = scan(text)
    return [str(t.value) for k, t in itertools.pairwise(tokens) if isinstance(k, yaml.KeyToken)]


@pytest.mark.parametrize("name", [name for name in PAIRS if not name.startswith("sort_keys_")])
def test_without_sort_keys_the_keys_stay_in_the_authors_order(name: str) -> None:
    before = (GOLDEN / f"{name}.in.yaml").read_text(encoding="utf-8")
    after = (GOLDEN / f"{name}.out.yaml").read_text(encoding="utf-8")
    assert _keys(after) == _keys(before)


def test_sort_keys_puts_the_schemas_order_first() -> None:
    after = (GOLDEN / "sort_keys_top_level_order.out.yaml").read_text(encoding="utf-8")
    top = [line.split(":")[0] for line in after.splitlines() if line[:1].isalpha()]
    assert top[:5] == ["name", "image", "command", "compute", "scheduling"]


def test_block_scalar_content_lines_are_written_as_they_were() -> None:
    before = (GOLDEN / "folded_command_over_lines.in.yaml").read_text(encoding="utf-8")
    after = (GOLDEN / "folded_command_over_lines.out.yaml").read_text(encoding="utf-8")
    # The top-level folded command: every line byte for byte, no joining, no rewrapping.
    assert after.split("integrations:")[0] == before.split("integrations:")[0]
    # Nested ones move with their block (4 spaces in became 2), each line otherwise as written.
    assert "    pip_install: >\n        -e .[gpu]\n        --no-deps\n" in after
    assert "  script: |+\n      echo kept\n\n" in after
    assert "  note: |2\n        two more spaces than the block asks for\n" in after
