"""Golden files: every case's full text report (codes, lines, columns, messages, help), exactly.

Regenerate after a reviewed change with ``MCLI_LINT_UPDATE_GOLDEN=1 pytest tests/test_golden.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mcli_lint.config import Config
from mcli_lint.engine.lint import lint_loaded
from mcli_lint.loader import load_path
from mcli_lint.report import summarize, text

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p for p in GOLDEN.iterdir() if p.suffix in (".yaml", ".yml"))


def render(case: Path) -> str:
    diagnostics = lint_loaded(case.name, load_path(str(case)), Config())
    return text.render(diagnostics, summarize(1, diagnostics))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden(case: Path) -> None:
    expected_file = case.with_suffix(".out")
    actual = render(case)
    if os.environ.get("MCLI_LINT_UPDATE_GOLDEN"):
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.exists(), f"no golden output for {case.name}: run with MCLI_LINT_UPDATE_GOLDEN=1"
    assert actual == expected_file.read_text(encoding="utf-8")


def test_every_golden_output_has_its_case() -> None:
    outputs = {p.stem for p in GOLDEN.glob("*.out")}
    assert outputs == {c.stem for c in CASES}
