"""Inline suppression: ``# mcli-lint: disable=MCL205`` on the line, or alone on the line above."""

from __future__ import annotations

import re

from mcli_lint.rules import find

_DIRECTIVE = re.compile(r"(?:^|\s)#\s*mcli-lint:\s*disable=([A-Za-z0-9_,\- ]+)")


def suppressed_lines(text: str) -> dict[int, frozenset[str]]:
    """1-based line -> codes disabled on it."""
    result: dict[int, set[str]] = {}
    if "mcli-lint:" not in text:
        return {}
    for number, line in enumerate(text.split("\n"), start=1):
        match = _DIRECTIVE.search(line)
        if match is None:
            continue
        codes = set()
        for item in match.group(1).split(","):
            rule = find(item.strip())
            if rule is not None:
                codes.add(rule.code)
        result.setdefault(number, set()).update(codes)
        if line.lstrip().startswith("#"):
            result.setdefault(number + 1, set()).update(codes)
    return {line: frozenset(codes) for line, codes in result.items()}
