"""`check --fix` on whole, realistic run files: golden inputs (tests/golden_fix/NAME.yaml) and what the
safe fixes (NAME.safe.yaml) and all fixes (NAME.unsafe.yaml) make of them, byte for byte. Review the
diff when one changes: `python -m tests.test_fix_golden` rewrites them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mcli_lint.config import Config
from mcli_lint.engine.fix import fix_text

GOLDEN = Path(__file__).parent / "golden_fix"
INPUTS = sorted(p for p in GOLDEN.glob("*.yaml") if p.name.count(".") == 1)


def fixed(path: Path, unsafe: bool) -> str:
    text = path.read_text(encoding="utf-8")
    return fix_text(text, Config(), str(path), unsafe=unsafe).text or text


def test_there_are_golden_files() -> None:
    assert len(INPUTS) >= 3


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("source", INPUTS, ids=lambda p: p.stem)
def test_fixed_file_is_the_golden_one(source: Path, unsafe: bool) -> None:
    expected = source.with_name(f"{source.stem}.{'unsafe' if unsafe else 'safe'}.yaml").read_text(encoding="utf-8")
    assert fixed(source, unsafe) == expected
    # One run is enough: fixing the result again changes nothing.
    assert fix_text(expected, Config(), unsafe=unsafe).text is None


if __name__ == "__main__":
    for source in INPUTS:
        for kind, unsafe in (("safe", False), ("unsafe", True)):
            source.with_name(f"{source.stem}.{kind}.yaml").write_text(fixed(source, unsafe), encoding="utf-8")
    sys.exit(0)
