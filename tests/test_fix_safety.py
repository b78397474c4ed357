"""A fix is safe exactly when mosaicml-cli 0.8.3 sends the same request before and after it (the
oracle runs mcli's own `mcli run -f` path up to the network call)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcli_lint.config import Config
from mcli_lint.engine.fix import fix_key, fix_text
from mcli_lint.engine.lint import lint_text
from tests.mcli_oracle import submit

HEAD = "name: run\nimage: bash\ncommand: echo hi\n"
COMPUTE = "compute:\n  gpus: 8\n"

CASES = [
    ("MCL401", HEAD + COMPUTE + "env_variables:\n  A: b  # mcli-lint: disable=MCL205\n"),
    ("MCL106", HEAD + COMPUTE + "env_variables:\n  - key: A\n    value: b\n  - key: B\n    value: yes\n"),
    ("MCL106", HEAD + "gpu_num: 8\n"),
    ("MCL106", HEAD + "cluster: r1z1\n" + COMPUTE),
    ("MCL108", HEAD + COMPUTE + "env_variables:\n  A: yes\n"),
    ("MCL110", HEAD + COMPUTE + "env_variables:\n  A: 1\n"),
    ("MCL103", HEAD + 'compute:\n  gpus: "8"\n'),
    ("MCL102", HEAD + "compute:\n  gpus: 8\n  clustr: r1z1\n"),
    ("MCL102", "run_name: run\nimage: bash\ncommand: echo hi\n" + COMPUTE),
    ("MCL102", HEAD + "platform: r1z1\n" + COMPUTE),
    ("MCL203", "name: run\nimage: Ubuntu:22.04\ncommand: echo hi\n" + COMPUTE),
    ("MCL210", HEAD + COMPUTE + "scheduling:\n  priority: Low\n"),
    ("MCL105", HEAD + COMPUTE + "integrations:\n  - integration_type: pip_package\n    packages: [numpy]\n"),
]


@pytest.mark.parametrize(("code", "text"), CASES, ids=[f"{c}-{i}" for i, (c, _) in enumerate(CASES)])
def test_safe_means_mcli_sends_the_same_request(
    code: str, text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (problem,) = [d for d in lint_text(text) if d.code == code and d.fix is not None and d.fix.available]
    assert problem.fix is not None
    after = fix_text(text, Config(), only=frozenset({fix_key(problem)})).text
    assert after is not None and after != text
    (tmp_path / "before.yaml").write_text(text)
    (tmp_path / "after.yaml").write_text(after)
    before_sent = submit(tmp_path / "before.yaml", monkeypatch)
    after_sent = submit(tmp_path / "after.yaml", monkeypatch)
    assert after_sent.body is not None
    assert (before_sent.body == after_sent.body) is problem.fix.safe, (before_sent.body, after_sent.body)
