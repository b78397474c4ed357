"""What the environment tells the tool: where a clusters file is, and whether to color (NO_COLOR, FORCE_COLOR)."""

from __future__ import annotations

from collections.abc import Mapping

CLUSTERS_ENV = "MCLI_LINT_CLUSTERS"


def use_color(choice: str, terminal: bool, environ: Mapping[str, str]) -> bool:
    """Whether to color a report: ``--color always`` or ``never`` decides; ``auto`` follows the
    environment as ruff does (``FORCE_COLOR`` set to anything non-empty colors, then ``NO_COLOR`` set
    to anything non-empty does not), else colors a terminal only."""
    if choice != "auto":
        return choice == "always"
    if environ.get("FORCE_COLOR", ""):
        return True
    if environ.get("NO_COLOR", ""):
        return False
    return terminal
