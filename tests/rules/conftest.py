"""Fixtures of the rule tests: mcli itself, as the oracle some rules are compared with."""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest

from tests.needs import unavailable


@pytest.fixture(scope="module")
def reference() -> ModuleType:
    """mcli 0.8.3's string functions, from the installed test extra; under CI a missing oracle fails."""
    try:
        return importlib.import_module("mcli.utils.utils_string_functions")
    except ImportError as error:
        unavailable(f"mosaicml-cli (the oracle) is not importable: {error}")
