"""`mcli-lint clusters pull`: the real mcli SDK against a loopback platform, and the file it writes.

The responder (tests/platform_responder.py) answers the SDK's getClusters query in the platform's
shape. Every failure ends in one line on stderr and exit 2, and leaves any file where it was.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml

from mcli_lint.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from mcli_lint.compute.clusters import load_clusters
from tests.cli_helpers import run
from tests.platform_responder import Reply, closed_port, responder, success, unauthorized

ROOT = Path(__file__).resolve().parent.parent
HEAD = "name: run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\n"
STAMP = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"

# What the pull writes for tests/platform_responder.py's clusters, below its three header lines.
PULLED = """\
clusters:
  - name: r1z1
    provider: MosaicML
    allow_fractional: true
    allow_multinode: false
    submission_types: [TRAINING]
    scheduler_enabled: false
    cluster_instances:
      - name: a10-4x
        gpu_type: a10
        gpus: 4
        nodes: 2
        cpus: 48
        memory: 192Gi
        storage: 2Ti
      - name: cpu
        gpu_type: None
        gpus: 0
        nodes: 1
        cpus: 32
        memory: 128Gi
        storage: 1Ti
        node_details:
          - {name: r1z1-cpu-1, is_alive: true, is_schedulable: true}
  - name: r7z2
    provider: Aws
    allow_fractional: false
    allow_multinode: true
    submission_types: [TRAINING, INFERENCE]
    scheduler_enabled: true
    cluster_instances:
      - name: h100-8x
        gpu_type: h100_80gb
        gpus: 8
        nodes: 4
        cpus: 192
        memory: 2Ti
        storage: 28Ti
        gpu_nums: [1, 2, 4, 8, 16, 32]
        node_details:
          - {name: r7z2-h100-1, is_alive: true, is_schedulable: true}
          - {name: r7z2-h100-2, is_alive: false, is_schedulable: true}
          - {name: r7z2-h100-3, is_alive: true, is_schedulable: true}
          - {name: r7z2-h100-4, is_alive: true, is_schedulable: false}
  - name: serve9
    provider: CoreWeave
    allow_fractional: true
    allow_multinode: false
    submission_types: [INFERENCE]
    scheduler_enabled: true
    cluster_instances:
      - name: a10-4x
        gpu_type: a10
        gpus: 4
        nodes: 1
        cpus: 48
        memory: 192Gi
        storage: 2Ti
        gpu_nums: [1, 2, 4]
        node_details:
          - {name: serve9-a10-1, is_alive: true, is_schedulable: true}
"""


@pytest.fixture
def key(work: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The user's mcli configuration, as the environment gives it."""
    monkeypatch.setenv("MOSAICML_API_KEY", "key-123")
    for name in ("MCLI_TIMEOUT", "MCLI_MODE", "MOSAICML_ACCESS_TOKEN_FILE"):
        monkeypatch.delenv(name, raising=False)
    return "key-123"


def header(endpoint: str) -> str:
    return (
        "# The clusters of your organisation, as the platform answered getClusters.\n"
        f"# Pulled by `mcli-lint clusters pull` from {endpoint}\n"
        f"# at {STAMP} \\(mosaicml-cli 0.8.3\\). Pull again to refresh: edits here are lost.\n"
    )


def pull(
    reply: Reply, args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str, str, list[dict[str, object]]]:
    """(exit code, stdout, stderr, endpoint, requests) of `clusters pull ARGS` against a responder."""
    with responder(reply) as platform:
        monkeypatch.setenv("MOSAICML_API_ENDPOINT", platform.endpoint)
        code, out, err = run(["clusters", "pull", *args], capsys)
    return code, out, err, platform.endpoint, platform.requests


# -- success -----------------------------------------------------------------------------------------


def test_pull_writes_a_clusters_file(
    key: str, work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err, endpoint, requests = pull(success(), ["-o", "clusters.yaml"], monkeypatch, capsys)
    assert (code, out) == (EXIT_OK, "")
    assert err == f"mcli-lint: wrote 3 clusters (4 instances) from {endpoint} to clusters.yaml\n"
    text = (work / "clusters.yaml").read_text(encoding="utf-8")
    assert re.fullmatch(header(re.escape(endpoint)) + re.escape(PULLED), text), text
    # The real SDK asked: its getClusters query, with the user's key.
    [request] = requests
    assert request["authorization"] == key
    assert "getClusters" in str(request["query"])
    assert {"gpuNums", "allowedSubmissionTypes", "isAlive", "isSchedulable"} <= set(
        re.findall(r"\w+", str(request["query"]))
    )
    assert oct((work / "clusters.yaml").stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def test_without_output_the_file_goes_to_stdout(
    key: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err, endpoint, _ = pull(success(), [], monkeypatch, capsys)
    assert (code, err) == (EXIT_OK, "")
    assert re.fullmatch(header(re.escape(endpoint)) + re.escape(PULLED), out)


def test_the_pulled_file_is_taken_everywhere_a_clusters_file_is(
    key: str, work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert pull(success(), ["-o", "pulled.yaml"], monkeypatch, capsys)[0] == EXIT_OK
    loaded = load_clusters(work / "pulled.yaml")
    assert loaded.names == ["r1z1", "r7z2", "serve9"]
    (work / "run.yaml").write_text(HEAD + "compute:\n  gpu_type: h100_80gb\n  gpus: 2\n")
    expected = {"cluster": "r7z2", "instance": "h100-8x", "gpu_type": "h100_80gb", "gpus": 2, "nodes": 1}

    def inferred() -> dict[str, object]:
        code, out, _ = run(["infer", "--format", "json", "run.yaml"], capsys)
        assert code == EXIT_OK, out
        result: dict[str, object] = json.loads(out)["results"][0]["compute"]
        return result

    code, out, _ = run(["infer", "--clusters", "pulled.yaml", "--format", "json", "run.yaml"], capsys)
    assert (code, json.loads(out)["results"][0]["compute"]) == (EXIT_OK, expected)
    monkeypatch.setenv("MCLI_LINT_CLUSTERS", "pulled.yaml")
    assert inferred() == expected
    monkeypatch.delenv("MCLI_LINT_CLUSTERS")
    (work / "pyproject.toml").write_text('[tool.mcli-lint]\nclusters = "pulled.yaml"\n')
    assert inferred() == expected


def test_infer_on_the_pulled_file_uses_the_platform_s_facts(
    key: str, work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert pull(success(), ["-o", "pulled.yaml"], monkeypatch, capsys)[0] == EXIT_OK
    runs = {
        # a10 is on r1z1 and on serve9, which takes no training runs: r1z1 it is.
        "a10.yaml": "compute:\n  gpu_type: a10\n  gpus: 2\n",
        # 12 is not in r7z2's gpuNums, though allow_multinode would not have said so either.
        "twelve.yaml": "compute:\n  cluster: r7z2\n  gpus: 12\n",
        # The node the name is one key away from is dead: never suggested.
        "typo.yaml": "compute:\n  cluster: r7z2\n  gpus: 8\n  node_names: [r7z2-h100-22]\n",
        "serve.yaml": "compute:\n  cluster: serve9\n  gpus: 1\n",
    }
    for name, compute in runs.items():
        (work / name).write_text(HEAD + compute)
    code, out, err = run(["check", "--no-show-source", "--clusters", "pulled.yaml", *runs], capsys)
    assert (code, err) == (EXIT_FINDINGS, "")
    assert out == (
        "twelve.yaml:6:9: MCL302 `compute.gpus` is 12, but the platform takes 1, 2, 4, 8, 16, 32 GPUs on instance"
        " h100-8x on r7z2\n"
        "  help: use 8 or 16 GPUs\n"
        "typo.yaml:7:16: MCL304 node 'r7z2-h100-22' is not a node of instance h100-8x on r7z2\n"
        "  help: did you mean 'r7z2-h100-3'? its available nodes: r7z2-h100-1, r7z2-h100-3\n"
        "serve.yaml:5:12: MCL302 `compute.cluster` is 'serve9', which takes no training runs (it takes INFERENCE)\n"
        "  help: clusters that take runs: r1z1, r7z2\n"
        "Found 3 errors and 0 warnings in 4 files.\n"
    )
    code, out, _ = run(["infer", "--clusters", "pulled.yaml", "--format", "json", "a10.yaml"], capsys)
    assert (code, json.loads(out)["results"][0]["compute"]) == (
        EXIT_OK,
        {"cluster": "r1z1", "instance": "a10-4x", "gpu_type": "a10", "gpus": 2, "nodes": 1},
    )


# -- failures: one line, exit 2, nothing written -------------------------------------------------------


def assert_untouched(work: Path) -> None:
    assert (work / "clusters.yaml").read_text() == "clusters: []  # mine\n"
    assert sorted(p.name for p in work.iterdir()) == ["clusters.yaml", "pyproject.toml"]


@pytest.fixture
def existing(work: Path) -> Path:
    path = work / "clusters.yaml"
    path.write_text("clusters: []  # mine\n")
    return path


@pytest.mark.parametrize(
    ("reply", "said"),
    [
        (unauthorized(), "the platform refused the request from {}: Error 401: Invalid API key"),
        # A GraphQL error code the SDK cannot read as a status: the words still tell.
        (
            Reply(body={"errors": [{"message": "Unauthenticated", "extensions": {"code": "UNAUTHENTICATED"}}]}),
            "the platform refused the request from {}: Error 500: Unauthenticated",
        ),
        (Reply(401, raw=b"no"), "the answer from {} is not JSON (HTTP 401 Unauthorized)"),
    ],
    ids=["401 with GraphQL errors", "a GraphQL error code", "401 with a body not JSON"],
)
def test_a_bad_key(
    reply: Reply,
    said: str,
    key: str,
    existing: Path,
    work: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err, endpoint, _ = pull(reply, ["-o", "clusters.yaml"], monkeypatch, capsys)
    assert (code, out) == (EXIT_USAGE, "")
    assert err == f"mcli-lint: {said.format(endpoint)}; set MOSAICML_API_KEY or run `mcli set api-key`\n"
    assert_untouched(work)


def test_an_unreachable_endpoint_fails_at_once(
    key: str, existing: Path, work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    endpoint = closed_port()
    monkeypatch.setenv("MOSAICML_API_ENDPOINT", endpoint)
    started = time.monotonic()
    code, out, err = run(["clusters", "pull", "-o", "clusters.yaml"], capsys)
    # The SDK would retry for minutes: a refused connection ends the wait at once.
    assert time.monotonic() - started < 5
    assert (code, out, err) == (
        EXIT_USAGE,
        "",
        f"mcli-lint: cannot reach the platform at {endpoint}: Connection refused\n",
    )
    assert_untouched(work)


@pytest.mark.parametrize(
    ("reply", "said"),
    [
        (
            Reply(body={"data": {"getClusters": [{"id": "c-1", "provider": "AWS"}]}}),
            "Error 500: Missing fields in response: name",
        ),
        (
            Reply(body={"data": {"clusters": []}}),
            "Error 500: Internal Server Error: Malformed response data raised KeyError.",
        ),
        (Reply(raw=b"<html>gateway</html>"), None),
        (
            Reply(
                body={
                    "data": {
                        "getClusters": [
                            {
                                "id": "c-1",
                                "name": "r1z1",
                                "allowedInstances": [
                                    {"name": "a", "gpuType": "a10", "gpusPerNode": "4", "numNodes": 1, "nodes": []}
                                ],
                            }
                        ]
                    }
                }
            ),
            "`clusters[0].cluster_instances[0].gpus` must be an integer, not a string ('4')",
        ),
        (
            Reply(body={"data": {"getClusters": [{"id": "a", "name": "twin"}, {"id": "b", "name": "twin"}]}}),
            "cluster 'twin' is listed twice",
        ),
    ],
    ids=["a cluster without a name", "no getClusters", "not JSON", "a count that is a string", "a name twice"],
)
def test_a_malformed_answer(
    reply: Reply,
    said: str | None,
    key: str,
    existing: Path,
    work: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err, endpoint, _ = pull(reply, ["-o", "clusters.yaml"], monkeypatch, capsys)
    assert (code, out) == (EXIT_USAGE, "")
    if said is None:
        assert err == f"mcli-lint: the answer from {endpoint} is not JSON (HTTP 200 OK)\n"
    else:
        assert err == f"mcli-lint: the answer from {endpoint} is not what getClusters returns: {said}\n"
    assert_untouched(work)


def test_no_answer_in_time(
    key: str, existing: Path, work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.monotonic()
    reply = Reply(body={"data": {"getClusters": []}}, hold=threading.Event())
    code, out, err, endpoint, _ = pull(reply, ["--timeout", "0.5", "-o", "clusters.yaml"], monkeypatch, capsys)
    assert time.monotonic() - started < 5
    assert (code, out, err) == (
        EXIT_USAGE,
        "",
        f"mcli-lint: no answer from the platform at {endpoint} within 0.5 s\n",
    )
    assert_untouched(work)


def test_mcli_s_own_timeout_setting_is_the_default(
    key: str, existing: Path, work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MCLI_TIMEOUT", "0.25")
    reply = Reply(body={"data": {"getClusters": []}}, hold=threading.Event())
    code, out, err, endpoint, _ = pull(reply, ["-o", "clusters.yaml"], monkeypatch, capsys)
    assert (code, out, err) == (EXIT_USAGE, "", f"mcli-lint: no answer from the platform at {endpoint} within 0.25 s\n")
    assert_untouched(work)


@pytest.mark.parametrize(
    ("args", "env", "said"),
    [
        (["--timeout", "0"], None, "--timeout must be more than 0 seconds, not 0"),
        (["--timeout", "-1"], "5", "--timeout must be more than 0 seconds, not -1"),
        ([], "soon", "$MCLI_TIMEOUT must be a number of seconds, not 'soon'"),
        ([], "nan", "$MCLI_TIMEOUT must be more than 0 seconds, not nan"),
    ],
)
def test_a_timeout_must_be_positive(
    args: list[str],
    env: str | None,
    said: str,
    key: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if env is not None:
        monkeypatch.setenv("MCLI_TIMEOUT", env)
    assert run(["clusters", "pull", *args], capsys) == (EXIT_USAGE, "", f"mcli-lint: {said}\n")


def test_a_file_that_cannot_be_written(
    key: str, work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err, _, _ = pull(success(), ["-o", "missing/clusters.yaml"], monkeypatch, capsys)
    assert (code, out) == (EXIT_USAGE, "")
    assert err == (
        f"mcli-lint: missing/clusters.yaml: not written: cannot create a file in {work / 'missing'}:"
        " No such file or directory\n"
    )
    assert sorted(p.name for p in work.iterdir()) == ["pyproject.toml"]


# -- the SDK's absence and the user's configuration, in a fresh interpreter ---------------------------


def fresh(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("MOSAICML_", "MCLI_"))}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**base, **env}, cwd=ROOT, timeout=120
    )


PULL = "from mcli_lint.cli import main; raise SystemExit(main(['clusters', 'pull']))"


def test_without_mosaicml_cli_it_says_how_to_install_it() -> None:
    done = fresh("import sys; sys.modules['mcli'] = None\n" + PULL, {})
    assert (done.returncode, done.stdout, done.stderr) == (
        EXIT_USAGE,
        "",
        "mcli-lint: clusters pull needs mosaicml-cli, the platform's SDK: pip install 'mcli-lint[platform]'\n",
    )


def test_a_mosaicml_cli_of_another_shape(tmp_path: Path) -> None:
    # A future SDK whose modules moved: the pull says so, rather than that it is not installed.
    (tmp_path / "mcli").mkdir()
    (tmp_path / "mcli" / "__init__.py").write_text("__version__ = '9.0.0'\n")
    done = fresh(f"import sys; sys.path.insert(0, {str(tmp_path)!r})\n" + PULL, {})
    assert (done.returncode, done.stdout, done.stderr) == (
        EXIT_USAGE,
        "",
        "mcli-lint: clusters pull does not know mosaicml-cli 9.0.0: pip install 'mosaicml-cli>=0.8.3'\n",
    )


def test_without_an_api_key(tmp_path: Path) -> None:
    # A configuration directory of its own: no `mcli set api-key` there, and none in the environment.
    done = fresh(PULL, {"MCLI_CONFIG_DIR": str(tmp_path), "MOSAICML_API_ENDPOINT": closed_port()})
    assert (done.returncode, done.stdout, done.stderr) == (
        EXIT_USAGE,
        "",
        "mcli-lint: no API key for the platform: set MOSAICML_API_KEY or run `mcli set api-key`\n",
    )


def test_a_key_set_with_mcli_set_api_key(tmp_path: Path) -> None:
    # `mcli set api-key` keeps the key in mcli's configuration file: the pull finds it there.
    (tmp_path / "mcli_config").write_text(yaml.safe_dump({"MOSAICML_API_KEY": "from-config"}))
    with responder(success()) as platform:
        done = fresh(PULL, {"MCLI_CONFIG_DIR": str(tmp_path), "MOSAICML_API_ENDPOINT": platform.endpoint})
    assert (done.returncode, done.stderr) == (EXIT_OK, "")
    assert done.stdout.endswith(PULLED)
    assert [r["authorization"] for r in platform.requests] == ["from-config"]


def test_other_commands_never_import_the_sdk() -> None:
    code = (
        "import sys\nfrom mcli_lint.cli import main\n"
        "main(['infer', '--clusters', 'examples/clusters.json', 'examples/'])\n"
        "main(['clusters', 'show', 'examples/clusters.json'])\n"
        "print(sorted(m for m in sys.modules if m == 'mcli' or m.startswith('mcli.')))"
    )
    done = fresh(code, {})
    assert done.stdout.splitlines()[-1] == "[]"


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
