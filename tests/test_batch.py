"""Many files (engine/batch.py): from PARALLEL_THRESHOLD files on, across a fork pool, with the same
outcomes in the same order as one at a time.

The pool is real (forked workers, pickled jobs and outcomes). Its size follows the CPUs the
process may use, so a one-CPU machine would take the serial path: the tests ask for two workers
(and small chunks, so that order has to be restored).
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from mcli_lint.compute.clusters import Clusters, load_clusters
from mcli_lint.config import Config
from mcli_lint.engine import batch
from mcli_lint.engine.files import Candidate
from tests.cli_helpers import run

ROOT = Path(__file__).resolve().parent.parent
HEAD = "name: run-{i}\nimage: mosaicml/pytorch:latest\ncommand: echo {i}\n"
# Clean and faulty files, each kind a few times over, so outcomes of every shape cross the pool.
KINDS: list[bytes | str] = [
    HEAD + "compute:\n  cluster: r1z1\n  gpus: 8\n",
    HEAD + "compute:\n  gpus: '8'\n  gpu: 2\n",  # wrong type, unknown field
    HEAD + "compute:\n  cluster: r9z9\n  gpus: 8\n",  # unknown cluster (with clusters)
    HEAD + "compute:\n  cluster: r1z1\n  gpus: 3\n",  # unsatisfiable (with clusters)
    HEAD + "env_variables:\n  ENABLED: yes\n  bad-name: 1\n",  # coerced scalar, env name
    HEAD + "name: again\n",  # duplicate key
    "name: [unclosed\n",  # YAML syntax error
    "",  # empty file
    "- a list\n- not a run\n",
    HEAD + "gpu_num: 8\n# mcli-lint: disable=MCL107\n",  # deprecated, a suppression comment
    b"name: caf\xe9\nimage: i\ncommand: c\n",  # not UTF-8: no source lines to keep
    "\ufeff" + HEAD + "scheduling:\n  priority: medium\n",  # BOM, unknown priority
]
COUNT = 5 * len(KINDS)  # 60 files


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """COUNT run files in two folders, in the order ``check`` walks them."""
    top = tmp_path_factory.mktemp("batch")
    paths = []
    for i in range(COUNT):
        kind = KINDS[i % len(KINDS)]
        path = top / ("a" if i % 2 else "b") / f"run{i:03}.yaml"
        path.parent.mkdir(exist_ok=True)
        if isinstance(kind, bytes):
            path.write_bytes(kind)
        else:
            path.write_text(kind.format(i=i), encoding="utf-8")
        paths.append(str(path))
    return sorted(paths)


@pytest.fixture(scope="module")
def clusters() -> Clusters:
    return load_clusters(ROOT / "examples" / "clusters.json")


@pytest.fixture
def two_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "workers", lambda: 2)
    # Small chunks, so both workers get many and their outcomes have to be put back in order.
    monkeypatch.setattr(batch, "CHUNK", 4)


def named(paths: list[str], forced: bool = True) -> list[Candidate]:
    """The files as check would hand them over; forced: linted as runs whatever they hold."""
    return [Candidate(path, named=True, forced=forced) for path in paths]


def serial(paths: list[str], config: Config, clusters: Clusters | None, forced: bool = True) -> list[batch.Outcome]:
    return [batch.lint_one(candidate, config, clusters, sources=True) for candidate in named(paths, forced)]


@pytest.mark.usefixtures("two_workers")
@pytest.mark.parametrize("with_clusters", [False, True], ids=["schema-only", "with-clusters"])
def test_the_pool_gives_what_one_at_a_time_gives_in_the_same_order(
    tree: list[str], clusters: Clusters, with_clusters: bool
) -> None:
    assert len(tree) >= batch.PARALLEL_THRESHOLD
    config, chosen = Config(), clusters if with_clusters else None
    outcomes = batch.lint_many(named(tree), config, chosen, sources=True)
    first = next(outcomes)
    pool = multiprocessing.active_children()
    parallel = [first, *outcomes]
    assert len(pool) == 2  # the outcomes did come from the workers
    assert parallel == serial(tree, config, chosen)
    assert [path for path, _, _, _ in parallel] == tree
    # Every shape came back: clean files, diagnostics with source lines, diagnostics without.
    shapes = {(bool(found), lines is not None) for _, found, lines, _ in parallel}
    assert shapes == {(False, False), (True, True), (True, False)}
    codes = {d.code for _, found, _, _ in parallel for d in found}
    assert {"MCL001", "MCL002", "MCL003", "MCL005", "MCL102", "MCL103", "MCL106", "MCL108", "MCL204"} <= codes
    assert {"MCL301", "MCL302"} <= codes if with_clusters else not codes & {"MCL301", "MCL302"}


@pytest.mark.usefixtures("two_workers")
def test_without_sources_no_lines_cross_the_pool(tree: list[str]) -> None:
    parallel = list(batch.lint_many(named(tree), Config(), None, sources=False))
    assert parallel == [(path, found, None, skipped) for path, found, _, skipped in serial(tree, Config(), None)]


@pytest.mark.usefixtures("two_workers")
def test_verdicts_of_files_that_are_not_runs_cross_the_pool(tree: list[str]) -> None:
    parallel = list(batch.lint_many(named(tree, forced=False), Config(), None, sources=True))
    assert parallel == serial(tree, Config(), None, forced=False)
    skipped = {path.rsplit("/", 1)[-1]: verdict.what for path, _, _, verdict in parallel if verdict is not None}
    # The syntax error has no run fields, the empty file and the list are not mappings; the file
    # that is not UTF-8 was named, so it is linted, to report that.
    assert set(skipped.values()) == {"unknown", "empty", "not-a-mapping"}
    assert len(skipped) == 3 * 5


@pytest.mark.usefixtures("two_workers")
@pytest.mark.parametrize("form", ["text", "json"])
def test_check_prints_the_same_report_either_way(
    tree: list[str], form: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["check", "--format", form, "--show-source", "--clusters", str(ROOT / "examples" / "clusters.json")]
    top = str(Path(tree[0]).parent.parent)
    pooled = run([*args, top], capsys)
    monkeypatch.setattr(batch, "PARALLEL_THRESHOLD", len(tree) + 1)
    assert pooled == run([*args, top], capsys)
    assert pooled[0] == 1 and f"run{COUNT - 1:03}.yaml" in pooled[1]


def test_below_the_threshold_no_worker_starts(tree: list[str], two_workers: None) -> None:
    few = tree[: batch.PARALLEL_THRESHOLD - 1]
    outcomes = batch.lint_many(named(few), Config(), None, sources=True)
    first = next(outcomes)
    assert multiprocessing.active_children() == []
    assert [first, *outcomes] == serial(few, Config(), None)
