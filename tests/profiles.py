"""Hypothesis budgets: the quick profile locally, the thorough one under ``CI=true`` (or the one
``HYPOTHESIS_PROFILE`` names). Tests take the active profile's budget; one whose examples cost
much more or less than most scales it, never fixes it."""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, settings

from tests.needs import in_ci

# No deadlines: on a shared or cold machine the first examples of a test (imports, caches) often
# take over the default 200 ms, a flaky failure that says nothing; speed is measured in benchmarks/.
settings.register_profile("quick", max_examples=60, deadline=None)
settings.register_profile(
    "ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
# The long campaign before a release (README: Reliability): HYPOTHESIS_PROFILE=release pytest tests/fuzz
settings.register_profile(
    "release", max_examples=20_000, deadline=None, suppress_health_check=list(HealthCheck), print_blob=True
)


def load() -> None:
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if in_ci() else "quick"))


def scaled(factor: float, **changes: Any) -> settings:
    """The active profile with ``factor`` times its examples (at least one), and ``changes``: for a
    test whose examples cost far more (a subprocess each) or far less than most."""
    return settings(max_examples=max(1, round(settings().max_examples * factor)), **changes)
