"""A small LSP client over the server's stdin/stdout, as an editor drives it (tests and the benchmark)."""

from __future__ import annotations

import itertools
import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

Message = dict[str, Any]


def uri_of(path: Path) -> str:
    return path.resolve().as_uri()


class Client:
    """``mcli-lint server`` in a subprocess; requests are answered in order, notifications are kept."""

    def __init__(self, cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
        command = _command()
        environ = {**os.environ, **(env or {})}
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd, env=environ
        )
        self._ids = itertools.count(1)
        self._inbox: queue.Queue[Message | None] = queue.Queue()
        self.notifications: list[Message] = []
        # Requests the server sent (each answered with a null result).
        self.server_requests: list[Message] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    # -- the wire ----------------------------------------------------------------------------------

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self._inbox.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value.strip())
            assert length is not None
            self._inbox.put(json.loads(stream.read(length)))

    def send(self, message: Message) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def next_message(self, timeout: float) -> Message:
        message = self._inbox.get(timeout=timeout)
        if message is None:
            raise EOFError("the server closed its output")
        if "id" in message and "method" in message:  # a request from the server: answer it plainly
            self.server_requests.append(message)
            self.send({"id": message["id"], "result": None})
        return message

    # -- requests and notifications ----------------------------------------------------------------

    def request(self, method: str, params: Any, timeout: float = 30) -> Any:
        ident = next(self._ids)
        self.send({"id": ident, "method": method, "params": params})
        while True:
            message = self.next_message(timeout)
            if message.get("id") == ident and "method" not in message:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result")
            if "method" in message and "id" not in message:
                self.notifications.append(message)

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def wait_for(self, method: str, uri: str | None = None, timeout: float = 30) -> Message:
        """The next notification of ``method`` (for ``uri``), kept ones first."""
        for index, message in enumerate(self.notifications):
            if message["method"] == method and (uri is None or message["params"].get("uri") == uri):
                return self.notifications.pop(index)
        while True:
            message = self.next_message(timeout)
            if "method" in message and "id" not in message:
                if message["method"] == method and (uri is None or message["params"].get("uri") == uri):
                    return message
                self.notifications.append(message)

    # -- an editor's session -----------------------------------------------------------------------

    def initialize(self, root: Path, capabilities: Message | None = None) -> Message:
        result: Message = self.request(
            "initialize",
            {"processId": os.getpid(), "rootUri": uri_of(root), "capabilities": capabilities or {}},
        )
        self.notify("initialized", {})
        return result

    def open(self, path: Path, text: str, version: int = 1) -> list[Message]:
        uri = uri_of(path)
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": version, "text": text}},
        )
        return self.diagnostics(uri)

    def change(self, path: Path, text: str, version: int) -> list[Message]:
        uri = uri_of(path)
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )
        return self.diagnostics(uri, version)

    def diagnostics(self, uri: str, version: int | None = None) -> list[Message]:
        while True:
            params = self.wait_for("textDocument/publishDiagnostics", uri)["params"]
            if version is None or params.get("version") == version:
                found: list[Message] = params["diagnostics"]
                return found

    def close(self) -> int:
        """shutdown, exit: the server's exit status."""
        self.request("shutdown", None)
        self.notify("exit", None)
        code = self.process.wait(timeout=30)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


def _command() -> list[str]:
    """The installed ``mcli-lint`` next to this Python, as the README's install gives it."""
    script = Path(sys.executable).with_name("mcli-lint")
    return [str(script), "server"] if script.exists() else [sys.executable, "-m", "mcli_lint", "server"]


def apply_edits(text: str, edits: list[Message]) -> str:
    """Apply LSP text edits (UTF-16 positions, as the server was not offered another encoding)."""
    starts = [0]
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\r" and text[index + 1 : index + 2] == "\n":
            index += 1
        if char in "\r\n":
            starts.append(index + 1)
        index += 1

    def offset(position: Message) -> int:
        line = position["line"]
        if line >= len(starts):
            return len(text)
        start = starts[line]
        end = starts[line + 1] if line + 1 < len(starts) else len(text)
        content = text[start:end].rstrip("\r\n")
        units = 0
        for at, char in enumerate(content):
            if units >= position["character"]:
                return start + at
            units += 2 if ord(char) > 0xFFFF else 1
        return start + len(content)

    spans = sorted(
        ((offset(e["range"]["start"]), offset(e["range"]["end"]), e["newText"]) for e in edits), reverse=True
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text
