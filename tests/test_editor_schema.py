"""The schema works in a real editor: Red Hat's yaml-language-server, spoken to over LSP stdio.

The server (an npm package) is installed once into pytest's cache with the machine's npm and run
with the machine's Node.js; without Node.js, npm or the registry the tests are skipped and say why
(under ``CI=true`` they fail instead: tests/needs.py). Run files point at
``schema/run.schema.json`` with the ``# yaml-language-server: $schema=`` modeline, as users do.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mcli_lint.schema import integration_types, priorities, schema_path
from tests.needs import npm, require

PACKAGE = "yaml-language-server@1.25.0"  # 2.x needs Node.js >= 22; the machine has 20.
WAIT = 60.0
SETTINGS = {"yaml": {"validate": True, "completion": True, "hover": True, "yamlVersion": "1.1"}}


class Server:
    """A minimal LSP client: Content-Length framed JSON-RPC over the server's stdin/stdout."""

    def __init__(self, command: list[str], workspace: Path) -> None:
        self.workspace = workspace
        self.opened = 0
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if not line:
                return
            self.messages.put(json.loads(stream.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def _next(self, deadline: float) -> dict[str, Any]:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("yaml-language-server did not answer in time")
        try:
            message = self.messages.get(timeout=remaining)
        except queue.Empty:
            raise TimeoutError("yaml-language-server did not answer in time") from None
        if message.get("method") == "textDocument/publishDiagnostics":
            self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
        elif "method" in message and "id" in message:
            # Server-to-client requests (configuration, capability registration): answer them.
            items = message.get("params", {}).get("items", [])
            result: Any = [SETTINGS.get(i.get("section", "")) for i in items] if items else None
            self._send({"id": message["id"], "result": result})
        return message

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        ident = self.next_id
        self._send({"id": ident, "method": method, "params": params})
        deadline = time.monotonic() + WAIT
        while True:
            message = self._next(deadline)
            if message.get("id") == ident and "method" not in message:
                assert "error" not in message, message["error"]
                return message.get("result")

    def wait_for_diagnostics(self, uri: str) -> list[dict[str, Any]]:
        deadline = time.monotonic() + WAIT
        while uri not in self.diagnostics:
            self._next(deadline)
        return self.diagnostics[uri]

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.process.wait(timeout=5)
        except (TimeoutError, OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait(timeout=5)
            for pipe in (self.process.stdin, self.process.stdout, self.process.stderr):
                if pipe is not None:
                    pipe.close()


@pytest.fixture(scope="module")
def server_bin(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    require("node", "yaml-language-server runs on Node.js")
    store = getattr(request.config, "cache", None)
    cache = Path(store.mkdir("yaml-language-server")) if store is not None else tmp_path_factory.mktemp("yamlls")
    script = cache / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
    installed = cache / "node_modules" / "yaml-language-server" / "package.json"
    version = PACKAGE.rpartition("@")[2]
    if not installed.exists() or json.loads(installed.read_text())["version"] != version:
        npm(["install", "--prefix", str(cache), "--no-save", PACKAGE], PACKAGE)
    return script


@pytest.fixture(scope="module")
def server(server_bin: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    workspace = tmp_path_factory.mktemp("workspace")
    lsp = Server([require("node", "yaml-language-server runs on Node.js"), str(server_bin), "--stdio"], workspace)
    try:
        lsp.request(
            "initialize",
            {
                "processId": None,
                "rootUri": workspace.as_uri(),
                "capabilities": {
                    "textDocument": {
                        "completion": {"completionItem": {"snippetSupport": True, "documentationFormat": ["markdown"]}},
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "publishDiagnostics": {},
                    },
                    "workspace": {"configuration": False},
                },
            },
        )
        lsp.notify("initialized", {})
        lsp.notify("workspace/didChangeConfiguration", {"settings": SETTINGS})
        yield lsp
    finally:
        lsp.close()


MODELINE = f"# yaml-language-server: $schema={schema_path().as_uri()}\n"


def open_run(server: Server, text: str) -> str:
    """Open a run file (modeline first) under a fresh name; its URI."""
    server.opened += 1
    uri = (server.workspace / f"run{server.opened}.yaml").as_uri()
    item = {"uri": uri, "languageId": "yaml", "version": 1, "text": MODELINE + text}
    server.notify("textDocument/didOpen", {"textDocument": item})
    return uri


def summary(diagnostics: list[dict[str, Any]]) -> list[tuple[int, int, int, int, str]]:
    """(line, start column, end line, end column, message), 0-based as in LSP, sorted."""
    return sorted(
        (
            d["range"]["start"]["line"],
            d["range"]["start"]["character"],
            d["range"]["end"]["line"],
            d["range"]["end"]["character"],
            d["message"],
        )
        for d in diagnostics
    )


WRONG = """\
name: hello
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: "8"
  gpu: 2
gpu_num: 8
integrations:
  - integration_type: gitrepo
"""


def test_wrong_type_unknown_key_and_deprecated_field_are_published_at_their_lines(server: Server) -> None:
    # Line 0 is the modeline, so the run's line n is LSP line n (0-based) here.
    uri = open_run(server, WRONG)
    assert summary(server.wait_for_diagnostics(uri)) == [
        (5, 8, 5, 11, 'Incorrect type. Expected "integer".'),
        (
            6,
            2,
            6,
            5,
            "compute must be a mapping with only these fields: "
            "cluster, instance, gpu_type, gpus, cpus, nodes, node_names.",
        ),
        (
            9,
            22,
            9,
            29,
            "Unknown integration_type: use one of git_repo, pip_packages, apt_packages, wandb, comet_ml, mlflow.",
        ),
    ]


def test_deprecated_fields_are_not_editor_errors(server: Server) -> None:
    """mcli accepts them (warning at most), and yaml-language-server reports every schema warning as an
    error: so the schema says "deprecated" in hover only, and the linter (and `mcli-lint server`) warns."""
    text = "name: x\nimage: i\ncommand: z\ngpu_num: 8\nscheduling:\n  resumable: true\n"
    uri = open_run(server, text + "env_variables:\n  - key: A\n    value: b\n")
    assert server.wait_for_diagnostics(uri) == []
    assert hover(server, uri, 4, 1).startswith("#### GPU count (deprecated)\n\n**Deprecated** top-level field")


def test_deprecated_fields_are_not_offered(server: Server) -> None:
    uri = open_run(server, "name: x\n\n")
    server.wait_for_diagnostics(uri)
    offered = completion_labels(server, uri, 2, 0)
    assert "image" in offered
    assert not {"gpu_num", "gpu_type", "cluster", "cpus"} & set(offered)


def test_yaml_1_1_is_what_the_editor_reads(server: Server) -> None:
    """With yaml.yamlVersion 1.1 the editor sees `image: y` as the boolean mcli sees."""
    uri = open_run(server, "name: x\nimage: y\ncommand: z\n")
    assert summary(server.wait_for_diagnostics(uri)) == [(2, 7, 2, 8, 'Incorrect type. Expected "string".')]


def test_a_valid_example_has_no_diagnostics(server: Server) -> None:
    uri = open_run(server, (Path(__file__).parent.parent / "examples" / "hello-composer.yaml").read_text())
    assert server.wait_for_diagnostics(uri) == []


def test_an_unknown_priority_is_not_an_editor_error(server: Server) -> None:
    """mcli falls back to auto on an unavailable priority, so only the linter warns (MCL210)."""
    uri = open_run(server, "name: x\nimage: i\ncommand: z\nscheduling:\n  priority: medium\n")
    assert server.wait_for_diagnostics(uri) == []


def test_env_values_the_linter_only_warns_about_are_not_editor_errors(server: Server) -> None:
    """`LR: 1e-4` is a string to mcli (YAML 1.1) and a number to the editor even under yamlVersion 1.1;
    numbers and booleans are warnings (MCL109, MCL110) to the linter: so no editor error. A list is
    an error to both."""
    env = "env_variables:\n  LR: 1e-4\n  X: 0.5\n  Y: 5\n  A: true\n  C: [1]\n"
    uri = open_run(server, "name: x\nimage: i\ncommand: z\n" + env)
    [(line, _, _, _, message)] = summary(server.wait_for_diagnostics(uri))
    assert (line, message) == (9, "An environment variable's value is a string: quote it.")


def completion_labels(server: Server, uri: str, line: int, character: int) -> list[str]:
    result = server.request(
        "textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}
    )
    items = result["items"] if isinstance(result, dict) else result
    return [item["label"] for item in items]


def test_completion_offers_the_priorities(server: Server) -> None:
    uri = open_run(server, "name: x\nimage: i\ncommand: z\nscheduling:\n  priority: \n")
    server.wait_for_diagnostics(uri)
    assert completion_labels(server, uri, 5, 12) == priorities() == ["auto", "low", "lowest"]


def test_completion_offers_the_integration_types(server: Server) -> None:
    uri = open_run(server, "name: x\nimage: i\ncommand: z\nintegrations:\n  - integration_type: \n")
    server.wait_for_diagnostics(uri)
    assert completion_labels(server, uri, 5, 22) == integration_types()


def test_completion_offers_a_snippet_for_each_integration_type(server: Server) -> None:
    uri = open_run(server, "name: x\nimage: i\ncommand: z\nintegrations:\n  - \n")
    server.wait_for_diagnostics(uri)
    labels = completion_labels(server, uri, 5, 4)
    snippets = [f"{kind} integration" for kind in integration_types()]
    assert [label for label in labels if label in snippets] == snippets


def test_completion_offers_the_new_run_snippet_in_an_empty_file(server: Server) -> None:
    uri = open_run(server, "")
    server.wait_for_diagnostics(uri)
    assert "New run" in completion_labels(server, uri, 1, 0)


def hover(server: Server, uri: str, line: int, character: int) -> str:
    result = server.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}
    )
    assert result["contents"]["kind"] == "markdown"
    value: str = result["contents"]["value"]
    return value


def test_hover_shows_the_markdown_description(server: Server) -> None:
    uri = open_run(server, "name: x\nimage: i\ncommand: z\ncompute:\n  gpus: 8\n")
    server.wait_for_diagnostics(uri)
    assert hover(server, uri, 5, 3).startswith(
        "#### GPUs\n\nTotal number of GPUs for the run.\n\n"
        "Typically required, unless you specify `nodes` or the run is CPU-only (`gpus: 0`).\n\n"
    )
    assert hover(server, uri, 4, 1).startswith("#### Compute\n\nWhich compute resources to request for the run.")
