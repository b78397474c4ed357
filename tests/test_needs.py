"""The test suite's own rules: what a missing tool or registry does (tests/needs.py), and every
Hypothesis test under the profiles (tests/profiles.py)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import settings

from tests import needs
from tests.profiles import scaled

TESTS = Path(__file__).resolve().parent


@pytest.mark.parametrize(
    ("value", "ci"), [(None, False), ("", False), ("0", False), ("false", False), ("true", True), ("1", True)]
)
def test_ci_is_any_value_but_empty_zero_or_false(monkeypatch: pytest.MonkeyPatch, value: str | None, ci: bool) -> None:
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    assert needs.in_ci() is ci


def test_a_missing_tool_skips_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        needs.require("mcli-lint-no-such-tool", "the test runs it")
    assert str(skipped.value) == "mcli-lint-no-such-tool is not installed: the test runs it"


def test_a_missing_tool_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception) as failed:
        needs.require("mcli-lint-no-such-tool", "the test runs it")
    assert str(failed.value) == "mcli-lint-no-such-tool is not installed: the test runs it (CI=true: required here)"


def test_a_present_tool_is_found() -> None:
    assert Path(needs.require("git", "unused")).name == "git"


def test_an_unreachable_registry_is_recognised_in_npms_own_words(monkeypatch: pytest.MonkeyPatch) -> None:
    npm = needs.require("npm", "this test runs it against a closed port")
    monkeypatch.delenv("CI", raising=False)
    done = subprocess.run(
        [npm, "view", "left-pad", "version", "--registry", "http://127.0.0.1:9/", "--fetch-retries=0"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0 and needs.offline(done.stdout + done.stderr), done.stderr
    with pytest.raises(pytest.skip.Exception) as skipped:
        needs.fetched(done, "left-pad")
    assert str(skipped.value) == "cannot download left-pad: the package registry is unreachable"


@pytest.mark.parametrize(
    ("output", "unreachable"),
    [
        # pip without retries, as pre-commit shows it when the index cannot be reached
        ("ERROR: Could not find a version that satisfies the requirement hatchling>=1.20 (from versions: none)", True),
        # pip with retries
        (
            "WARNING: Retrying (Retry(total=4)) after connection broken by 'NewConnectionError(\"Failed to establish "
            "a new connection: [Errno -3] Temporary failure in name resolution\")'",
            True,
        ),
        # uv, as pre-commit-uv shows it
        (
            "error: Failed to fetch: `https://pypi.org/simple/pyyaml/`\n  cause: client error (Connect)\n"
            "  cause: dns error\n  cause: failed to lookup address information: Name or service not known",
            True,
        ),
        ("error: No solution found when resolving dependencies: hatchling>=99 cannot be used", False),
        ("npm error code EAI_AGAIN\nnpm error request to https://registry.npmjs.org/x failed", True),
        ("npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/x", False),
        ("ERROR: No matching distribution found for hatchling>=99 (from versions: 1.20.0, 1.21.0)", False),
    ],
)
def test_what_counts_as_an_unreachable_registry(output: str, unreachable: bool) -> None:
    assert needs.offline(output) is unreachable


def test_a_download_that_fails_for_another_reason_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    refused = subprocess.CompletedProcess(["npm"], 1, "", "npm error code E404\nnpm error 404 Not Found - GET x\n")
    with pytest.raises(pytest.fail.Exception) as failed:
        needs.fetched(refused, "x")
    assert str(failed.value).startswith("downloading x failed (exit 1):\nnpm error code E404\n")
    needs.fetched(subprocess.CompletedProcess(["npm"], 0, "", ""), "x")  # success: nothing raised


def test_the_active_profile_is_the_quick_one_locally_and_the_thorough_one_in_ci() -> None:
    profile = os.environ.get("HYPOTHESIS_PROFILE", "ci" if needs.in_ci() else "quick")
    assert settings().max_examples == {"quick": 60, "ci": 300}[profile]
    assert settings().deadline is None
    assert scaled(5).max_examples == 5 * settings().max_examples
    assert scaled(1 / 1000).max_examples == 1


def test_no_test_fixes_its_own_example_budget() -> None:
    fixed = [
        f"{path.relative_to(TESTS)}:{number}"
        for path in sorted(TESTS.rglob("*.py"))
        if path.name != "profiles.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"max_examples\s*=(?!=)", line)
    ]
    assert fixed == []
