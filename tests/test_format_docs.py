"""docs/fmt.md's example is real: its first YAML block formats to exactly its second."""

from __future__ import annotations

import re
from pathlib import Path

from mcli_lint.format import format_text

DOC = Path(__file__).resolve().parent.parent / "docs" / "fmt.md"


def test_the_documented_example_is_what_fmt_does() -> None:
    before, after = re.findall(r"^```yaml\n(.*?)^```$", DOC.read_text(encoding="utf-8"), re.S | re.M)[:2]
    assert format_text(before).formatted == after
    assert format_text(after).formatted == after
