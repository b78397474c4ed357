"""What some tests need from the machine (a program, the network, libyaml): skipped, saying why, when
it is absent, and a failure under ``CI=true``, where a skip would hide an untested feature."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from typing import NoReturn

import pytest

# How npm, pip and uv say they could not reach the registry (as opposed to any other failure). pip
# without retries says only that no version was found: the packages these tests install exist.
_OFFLINE = re.compile(
    r"\b(ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNREFUSED|ECONNRESET|ENETUNREACH|EHOSTUNREACH)\b"
    r"|network request to .* failed"
    r"|Temporary failure in name resolution|Failed to establish a new connection|Network is unreachable"
    # uv (pre-commit-uv builds the hook environments with it)
    r"|client error \(Connect\)|failed to lookup address information"
    r"|\(from versions: none\)"
)


def in_ci() -> bool:
    """Whether this is a CI run: ``CI`` set to anything but empty, ``0`` or ``false``."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false")


def unavailable(reason: str) -> NoReturn:
    """Skip the test with ``reason``; under CI, fail it with the same words."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: required here)", pytrace=False)
    pytest.skip(reason)


def require(tool: str, reason: str) -> str:
    """The path of the program ``tool``, else skip (fail under CI): ``tool`` is not installed: ``reason``."""
    found = shutil.which(tool)
    if found is None:
        unavailable(f"{tool} is not installed: {reason}")
    return found


def offline(output: str) -> bool:
    """Whether a package client's output says the registry could not be reached."""
    return _OFFLINE.search(output) is not None


def fetched(done: subprocess.CompletedProcess[str], what: str) -> None:
    """Check a download's outcome: a network failure skips (fails under CI), any other failure fails."""
    if done.returncode == 0:
        return
    output = done.stdout + done.stderr
    if offline(output):
        unavailable(f"cannot download {what}: the package registry is unreachable")
    pytest.fail(f"downloading {what} failed (exit {done.returncode}):\n{output}", pytrace=False)


def npm(args: list[str], what: str, timeout: float = 600) -> None:
    """Run the machine's npm to download ``what`` (``args`` after ``npm``), failing fast when offline."""
    program = require("npm", f"{what} is downloaded from the npm registry")
    # npm's defaults retry for minutes on a dropped connection; one retry in a minute is plenty here.
    done = subprocess.run(
        [program, *args, "--fetch-retries=1", "--fetch-timeout=60000", "--no-audit", "--no-fund"],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    fetched(done, what)
