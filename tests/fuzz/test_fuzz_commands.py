"""The fuzz suite: every command, in process, on structure-aware mutations of run files.

Oracles (tests/fuzz/oracles.py): exit 0 or 1, never an internal error; every diagnostic inside the
file; fmt keeps the data; --fix changes data only where it reports; each command within its time.
Runs under the project's Hypothesis profiles: quick by default, `ci` under CI=true, and
HYPOTHESIS_PROFILE=release for the long campaign before a release (README: Reliability).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.mutations import mutated_runs
from tests.fuzz.oracles import (
    assert_ended_well,
    assert_fix_changed_only_what_it_reported,
    assert_fmt_kept_data,
    assert_positions_inside,
    invoke,
)

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
OTHERS = ["fmt", "fix", "infer", "to-python", "to-yaml", "show-source", "github", "stdin"]


def scratch() -> tempfile.TemporaryDirectory[str]:
    directory = tempfile.TemporaryDirectory(prefix="mcli-fuzz-")
    root = Path(directory.name)
    (root / "pyproject.toml").write_text("[project]\nname = 'fuzz'\n")
    shutil.copy(EXAMPLES / "clusters.json", root / "clusters.json")
    return directory


@FUZZ
@given(mutated_runs(), st.sampled_from(OTHERS))
def test_every_command_on_mutated_runs(data: bytes, other: str) -> None:
    with scratch() as name:
        root = Path(name)
        run_file = root / "a.yaml"
        run_file.write_bytes(data)
        code, out, err = invoke(["check", "--format", "json", "a.yaml"], root)
        assert_ended_well(code, err)
        assert_positions_inside(json.loads(out), "a.yaml", data)
        if other == "fmt":
            code, _, err = invoke(["fmt", "a.yaml"], root)
            assert_ended_well(code, err)
            assert_fmt_kept_data(data, run_file.read_bytes())
        elif other == "fix":
            code, _, err = invoke(["check", "--fix", "--format", "json", "a.yaml"], root)
            assert_ended_well(code, err)
            assert_fix_changed_only_what_it_reported(data, run_file.read_bytes(), err, "a.yaml")
        elif other == "infer":
            code, _, err = invoke(["infer", "--write", "--clusters", "clusters.json", "a.yaml"], root)
            assert_ended_well(code, err)
            assert_fmt_kept_data_or_inferred(data, run_file.read_bytes())
        elif other == "to-python":
            code, out, err = invoke(["to-python", "--force", "a.yaml", "-o", "run.py"], root)
            assert_ended_well(code, err)
            if code == 0:
                code, _, err = invoke(["to-yaml", "run.py"], root)
                assert_ended_well(code, err)
        elif other == "to-yaml":
            code, _, err = invoke(["to-yaml", "a.yaml"], root)
            assert_ended_well(code, err)
        elif other == "show-source":
            code, out, err = invoke(["check", "--show-source", "--color", "always", "a.yaml"], root)
            assert_ended_well(code, err)
            assert max(map(len, out.splitlines()), default=0) < 2_000
        elif other == "github":
            code, out, err = invoke(["check", "--format", "github", "a.yaml"], root)
            assert_ended_well(code, err)
            assert "\x1b" not in out
        else:
            code, _, err = invoke(["check", "--format", "sarif", "--stdin-filename", "a.yaml", "a.yaml"], root)
            assert_ended_well(code, err)
        assert not list(root.glob(".*.mcli-fmt")), "a temporary file was left"


def assert_fmt_kept_data_or_inferred(before: bytes, after: bytes) -> None:
    """infer --write adds compute fields and changes nothing else."""
    from tests.fuzz.oracles import mcli_reads, same

    if after == before:
        return
    read, old = mcli_reads(before)
    assert read and isinstance(old, dict)
    read, new = mcli_reads(after)
    assert read and isinstance(new, dict)
    compute = new.pop("compute")
    assert isinstance(compute, dict)
    old_compute = old.pop("compute", None) or {}
    assert same(old, new), "infer --write changed fields other than compute"
    assert all(same(compute[k], v) for k, v in old_compute.items()), "infer --write changed a compute field"
