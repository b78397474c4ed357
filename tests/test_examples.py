"""The shipped examples are what the project asks of its users: clean, and in canonical layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcli_lint.config import Config
from mcli_lint.engine.lint import lint_path
from mcli_lint.format import Status, format_path

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_example_is_clean_and_formatted(example: Path) -> None:
    assert lint_path(str(example), Config()) == []
    assert format_path(str(example), Config().limits, write=False).status is Status.UNCHANGED
