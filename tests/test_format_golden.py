"""Golden before/after pairs for fmt: tests/golden_fmt/NAME.in.yaml is formatted to exactly NAME.out.yaml.

Each pair shows one layout rule or one comment placement; review the .out file when it changes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mcli_lint.format import format_bytes, format_text
from mcli_lint.format.comments import comment_texts
from mcli_lint.format.verify import canonical

GOLDEN = Path(__file__).resolve().parent / "golden_fmt"
PAIRS = sorted(p.name.removesuffix(".in.yaml") for p in GOLDEN.glob("*.in.yaml"))


def test_every_input_has_its_output() -> None:
    outputs = sorted(p.name.removesuffix(".out.yaml") for p in GOLDEN.glob("*.out.yaml"))
    assert outputs == PAIRS
    assert len(PAIRS) >= 20


@pytest.mark.parametrize("name", PAIRS)
def test_golden(name: str) -> None:
    before = (GOLDEN / f"{name}.in.yaml").read_bytes()
    expected = (GOLDEN / f"{name}.out.yaml").read_bytes().decode("utf-8")
    result = format_bytes(before)
    assert (result.problems, result.refusal) == ((), None)
    assert result.formatted == expected


@pytest.mark.parametrize("name", PAIRS)
def test_golden_output_is_formatted_and_reads_the_same(name: str) -> None:
    before = (GOLDEN / f"{name}.in.yaml").read_text(encoding="utf-8")
    after = (GOLDEN / f"{name}.out.yaml").read_text(encoding="utf-8")
    assert format_text(after).formatted == after
    assert canonical(yaml.safe_load(after)) == canonical(yaml.safe_load(before))
    assert comment_texts(after) == comment_texts(before)
    assert "%YAML" not in after
