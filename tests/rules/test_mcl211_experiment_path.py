"""MCL211 experiment-path: where it reports, what it says, and what it leaves alone."""

from __future__ import annotations

import pytest

from mcli_lint.rules import mcl211_experiment_path as m211
from tests.rules.helpers import HEAD, findings


def test_the_head_is_clean() -> None:
    assert findings(m211.RULE, HEAD) == []


def experiment(value: str) -> str:
    return HEAD + f"experiment_tracker:\n  mlflow:\n    experiment_path: {value}\n"


FIELD = "`experiment_tracker.mlflow.experiment_path`"


@pytest.mark.parametrize(
    ("value", "message", "help_text"),
    [
        (
            "my_experiment",
            f"{FIELD} 'my_experiment' is not an absolute workspace path; it must start with '/'",
            "write the full workspace path, e.g. `/Users/<you>/my_experiment` or `/Shared/my_experiment`",
        ),
        (
            "Users/me@example.com/exp",
            f"{FIELD} 'Users/me@example.com/exp' is not an absolute workspace path; it must start with '/'",
            "start it with '/': `/Users/me@example.com/exp`",
        ),
        (
            '" /Shared/exp"',
            f"{FIELD} ' /Shared/exp' is not an absolute workspace path; it must start with '/'",
            "remove the whitespace: `/Shared/exp`",
        ),
        (
            "./exp/run",
            f"{FIELD} './exp/run' is not an absolute workspace path; it must start with '/'",
            "write the full workspace path, starting with '/', e.g. `/Users/me@example.com/my_experiment`",
        ),
        (
            '""',
            f"{FIELD} is empty; it must start with '/'",
            "write the full workspace path, starting with '/', e.g. `/Users/me@example.com/my_experiment`",
        ),
    ],
)
def test_211_relative(value: str, message: str, help_text: str) -> None:
    assert findings(m211.RULE, experiment(value)) == [(8, 22, message, help_text)]


@pytest.mark.parametrize("value", ["/Users/me@example.com/my_experiment", "/Shared/x", "/", "12"])
def test_211_passes(value: str) -> None:
    assert findings(m211.RULE, experiment(value)) == []


@pytest.mark.parametrize(
    "tail",
    ["experiment_tracker: [x]\n", "experiment_tracker:\n  mlflow: x\n", "experiment_tracker:\n  wandb: {}\n"],
)
def test_211_skips_other_shapes(tail: str) -> None:
    assert findings(m211.RULE, HEAD + tail) == []
